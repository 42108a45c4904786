/**
 * One typed tuple per WAMP message, exactly as it travels on the wire.
 *
 * Messages stay arrays from socket to handler: the decoder checks them in place and the router
 * forwards `Arguments`/`ArgumentsKw` without copying. Trailing payload elements are optional;
 * when `kwargs` is present `args` is present too (use `[]`, never `null`).
 */
import type { MessageType } from './message-type.js';

/** An ID: an integer in 1..2^53. */
export type Id = number;
/** A URI string (checked by the loose rule on receipt). */
export type Uri = string;
/** A WAMP dictionary: string keys, any values. Unknown keys are ignored, never rejected. */
export type Dict = Record<string, unknown>;
/** Positional payload. */
export type Args = unknown[];
/** Keyword payload. */
export type Kwargs = Record<string, unknown>;

/** `exact` (default), `prefix` or `wildcard`. */
export type MatchPolicy = 'exact' | 'prefix' | 'wildcard';
/** Shared-registration invocation policy. */
export type InvokePolicy = 'single' | 'roundrobin' | 'random' | 'first' | 'last';
/** Call-canceling mode. */
export type CancelMode = 'skip' | 'kill' | 'killnowait';

/** Which way a message travelled, for message hooks: `in` from the peer, `out` to it. */
export type MessageDirection = 'in' | 'out';

/** `{features: {...}}` announced for one role. */
export interface RoleDetails {
  features?: Record<string, boolean>;
  [key: string]: unknown;
}

export interface HelloDetails {
  roles: Partial<Record<'caller' | 'callee' | 'publisher' | 'subscriber', RoleDetails>>;
  agent?: string;
  authmethods?: string[];
  authid?: string;
  authrole?: string;
  authextra?: Dict;
  [key: string]: unknown;
}

export interface WelcomeDetails {
  roles: Partial<Record<'broker' | 'dealer', RoleDetails>>;
  agent?: string;
  realm?: string;
  authid?: string;
  authrole?: string;
  authmethod?: string;
  authprovider?: string;
  authextra?: Dict;
  [key: string]: unknown;
}

export interface PublishMessageOptions {
  acknowledge?: boolean;
  exclude_me?: boolean;
  exclude?: Id[];
  eligible?: Id[];
  exclude_authid?: string[];
  eligible_authid?: string[];
  exclude_authrole?: string[];
  eligible_authrole?: string[];
  disclose_me?: boolean;
  retain?: boolean;
  [key: string]: unknown;
}

export interface SubscribeMessageOptions {
  match?: MatchPolicy;
  get_retained?: boolean;
  [key: string]: unknown;
}

export interface EventDetails {
  publisher?: Id;
  publisher_authid?: string;
  publisher_authrole?: string;
  topic?: Uri;
  retained?: boolean;
  trustlevel?: number;
  [key: string]: unknown;
}

export interface CallMessageOptions {
  receive_progress?: boolean;
  progress?: boolean;
  timeout?: number;
  disclose_me?: boolean;
  [key: string]: unknown;
}

export interface RegisterMessageOptions {
  match?: MatchPolicy;
  invoke?: InvokePolicy;
  disclose_caller?: boolean;
  forward_timeout?: boolean;
  [key: string]: unknown;
}

export interface InvocationDetails {
  caller?: Id;
  caller_authid?: string;
  caller_authrole?: string;
  procedure?: Uri;
  receive_progress?: boolean;
  progress?: boolean;
  timeout?: number;
  trustlevel?: number;
  [key: string]: unknown;
}

export interface YieldMessageOptions {
  progress?: boolean;
  [key: string]: unknown;
}

export interface ResultDetails {
  progress?: boolean;
  [key: string]: unknown;
}

export interface CancelMessageOptions {
  mode?: CancelMode;
  [key: string]: unknown;
}

export interface InterruptMessageOptions {
  mode?: CancelMode;
  reason?: Uri;
  [key: string]: unknown;
}

/** Details of the revocation forms `[35, 0, Details]` and `[67, 0, Details]`. */
export interface RevocationDetails {
  subscription?: Id;
  registration?: Id;
  reason?: string;
  [key: string]: unknown;
}

type M = typeof MessageType;

export type HelloMessage = [type: M['HELLO'], realm: Uri, details: HelloDetails];
export type WelcomeMessage = [type: M['WELCOME'], session: Id, details: WelcomeDetails];
export type AbortMessage = [type: M['ABORT'], details: Dict, reason: Uri, args?: Args, kwargs?: Kwargs];
export type ChallengeMessage = [type: M['CHALLENGE'], authMethod: string, extra: Dict];
export type AuthenticateMessage = [type: M['AUTHENTICATE'], signature: string, extra: Dict];
export type GoodbyeMessage = [type: M['GOODBYE'], details: Dict, reason: Uri];
export type ErrorMessage = [
  type: M['ERROR'],
  requestType: number,
  request: Id,
  details: Dict,
  error: Uri,
  args?: Args,
  kwargs?: Kwargs,
];
export type PublishMessage = [
  type: M['PUBLISH'],
  request: Id,
  options: PublishMessageOptions,
  topic: Uri,
  args?: Args,
  kwargs?: Kwargs,
];
export type PublishedMessage = [type: M['PUBLISHED'], request: Id, publication: Id];
export type SubscribeMessage = [
  type: M['SUBSCRIBE'],
  request: Id,
  options: SubscribeMessageOptions,
  topic: Uri,
];
export type SubscribedMessage = [type: M['SUBSCRIBED'], request: Id, subscription: Id];
export type UnsubscribeMessage = [type: M['UNSUBSCRIBE'], request: Id, subscription: Id];
/** `[35, Request]`, or the revocation form `[35, 0, Details]`. */
export type UnsubscribedMessage =
  | [type: M['UNSUBSCRIBED'], request: Id]
  | [type: M['UNSUBSCRIBED'], request: 0, details: RevocationDetails];
export type EventMessage = [
  type: M['EVENT'],
  subscription: Id,
  publication: Id,
  details: EventDetails,
  args?: Args,
  kwargs?: Kwargs,
];
export type CallMessage = [
  type: M['CALL'],
  request: Id,
  options: CallMessageOptions,
  procedure: Uri,
  args?: Args,
  kwargs?: Kwargs,
];
export type CancelMessage = [type: M['CANCEL'], request: Id, options: CancelMessageOptions];
export type ResultMessage = [
  type: M['RESULT'],
  request: Id,
  details: ResultDetails,
  args?: Args,
  kwargs?: Kwargs,
];
export type RegisterMessage = [
  type: M['REGISTER'],
  request: Id,
  options: RegisterMessageOptions,
  procedure: Uri,
];
export type RegisteredMessage = [type: M['REGISTERED'], request: Id, registration: Id];
export type UnregisterMessage = [type: M['UNREGISTER'], request: Id, registration: Id];
/** `[67, Request]`, or the revocation form `[67, 0, Details]`. */
export type UnregisteredMessage =
  | [type: M['UNREGISTERED'], request: Id]
  | [type: M['UNREGISTERED'], request: 0, details: RevocationDetails];
export type InvocationMessage = [
  type: M['INVOCATION'],
  request: Id,
  registration: Id,
  details: InvocationDetails,
  args?: Args,
  kwargs?: Kwargs,
];
export type InterruptMessage = [type: M['INTERRUPT'], request: Id, options: InterruptMessageOptions];
export type YieldMessage = [
  type: M['YIELD'],
  request: Id,
  options: YieldMessageOptions,
  args?: Args,
  kwargs?: Kwargs,
];
export type EventReceivedMessage = [type: M['EVENT_RECEIVED'], publication: Id];

/** Any WAMP message this package understands. Discriminate on element 0. */
export type WampMessage =
  | HelloMessage
  | WelcomeMessage
  | AbortMessage
  | ChallengeMessage
  | AuthenticateMessage
  | GoodbyeMessage
  | ErrorMessage
  | PublishMessage
  | PublishedMessage
  | SubscribeMessage
  | SubscribedMessage
  | UnsubscribeMessage
  | UnsubscribedMessage
  | EventMessage
  | CallMessage
  | CancelMessage
  | ResultMessage
  | RegisterMessage
  | RegisteredMessage
  | UnregisterMessage
  | UnregisteredMessage
  | InvocationMessage
  | InterruptMessage
  | YieldMessage
  | EventReceivedMessage;

/** Messages a router sends and a client receives. */
export type RouterToClientMessage =
  | WelcomeMessage
  | AbortMessage
  | ChallengeMessage
  | GoodbyeMessage
  | ErrorMessage
  | PublishedMessage
  | SubscribedMessage
  | UnsubscribedMessage
  | EventMessage
  | ResultMessage
  | RegisteredMessage
  | UnregisteredMessage
  | InvocationMessage
  | InterruptMessage;

/** Messages a client sends and a router receives. */
export type ClientToRouterMessage =
  | HelloMessage
  | AbortMessage
  | AuthenticateMessage
  | GoodbyeMessage
  | ErrorMessage
  | PublishMessage
  | SubscribeMessage
  | UnsubscribeMessage
  | CallMessage
  | CancelMessage
  | RegisterMessage
  | UnregisterMessage
  | YieldMessage
  | EventReceivedMessage;
