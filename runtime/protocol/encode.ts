/**
 * Builders that apply the payload rules of checklist A.1 to outbound messages.
 *
 * An empty trailing ArgumentsKw is omitted; an empty Arguments is omitted when there are no
 * kwargs; when kwargs are present, Arguments is always a list (`[]`, never null). The payload
 * objects are attached by reference, never copied.
 */
import { MessageType } from './message-type.js';
import type {
  AbortMessage,
  Args,
  AuthenticateMessage,
  CallMessage,
  CallMessageOptions,
  CancelMessage,
  CancelMessageOptions,
  ChallengeMessage,
  Dict,
  ErrorMessage,
  EventDetails,
  EventMessage,
  GoodbyeMessage,
  HelloDetails,
  HelloMessage,
  Id,
  InterruptMessage,
  InterruptMessageOptions,
  InvocationDetails,
  InvocationMessage,
  Kwargs,
  PublishedMessage,
  PublishMessage,
  PublishMessageOptions,
  RegisteredMessage,
  RegisterMessage,
  RegisterMessageOptions,
  ResultDetails,
  ResultMessage,
  RevocationDetails,
  SubscribedMessage,
  SubscribeMessage,
  SubscribeMessageOptions,
  UnregisteredMessage,
  UnregisterMessage,
  UnsubscribedMessage,
  UnsubscribeMessage,
  WelcomeDetails,
  WelcomeMessage,
  YieldMessage,
  YieldMessageOptions,
} from './messages.js';

/** True when `o` has at least one own enumerable key (stops at the first, unlike `Object.keys`). */
export function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/**
 * Appends `args`/`kwargs` to `head` by the payload rules and returns `head` itself (mutated).
 *
 * @example
 * withPayload<CallMessage>([MessageType.CALL, id, {}, 'com.example.add'], [1, 2], undefined); // [48, id, {}, uri, [1, 2]]
 */
export function withPayload<M extends unknown[]>(
  head: M,
  args: Args | undefined,
  kwargs: Kwargs | undefined,
): M {
  if (kwargs !== undefined && hasKeys(kwargs)) {
    head.push(args ?? [], kwargs);
  } else if (args !== undefined && args.length > 0) {
    head.push(args);
  }
  return head;
}

// The payload a message carries by the rules above: none, Arguments only, or both.
const NO_PAYLOAD = 0;
const ARGS_ONLY = 1;
const ARGS_AND_KWARGS = 2;

/** Which payload elements `args`/`kwargs` put on the wire (empty ones are left off). */
function payloadOf(args: Args | undefined, kwargs: Kwargs | undefined): number {
  if (kwargs !== undefined && hasKeys(kwargs)) return ARGS_AND_KWARGS;
  return args !== undefined && args.length > 0 ? ARGS_ONLY : NO_PAYLOAD;
}

/** `[8, RequestType, Request, Details, Error, args?, kwargs?]`. */
export function errorMessage(
  requestType: number,
  request: number,
  details: Dict,
  error: string,
  args?: Args,
  kwargs?: Kwargs,
): ErrorMessage {
  // Built at their final length: growing a literal with push() would reallocate it (hot path).
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.ERROR, requestType, request, details, error];
    case ARGS_ONLY:
      return [MessageType.ERROR, requestType, request, details, error, args as Args];
    default:
      return [MessageType.ERROR, requestType, request, details, error, args ?? [], kwargs as Kwargs];
  }
}

/** `[16, Request, Options, Topic, args?, kwargs?]`. */
export function publishMessage(
  request: number,
  options: PublishMessageOptions,
  topic: string,
  args?: Args,
  kwargs?: Kwargs,
): PublishMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.PUBLISH, request, options, topic];
    case ARGS_ONLY:
      return [MessageType.PUBLISH, request, options, topic, args as Args];
    default:
      return [MessageType.PUBLISH, request, options, topic, args ?? [], kwargs as Kwargs];
  }
}

/** `[36, Subscription, Publication, Details, args?, kwargs?]`. */
export function eventMessage(
  subscription: number,
  publication: number,
  details: EventDetails,
  args?: Args,
  kwargs?: Kwargs,
): EventMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.EVENT, subscription, publication, details];
    case ARGS_ONLY:
      return [MessageType.EVENT, subscription, publication, details, args as Args];
    default:
      return [MessageType.EVENT, subscription, publication, details, args ?? [], kwargs as Kwargs];
  }
}

/** `[48, Request, Options, Procedure, args?, kwargs?]`. */
export function callMessage(
  request: number,
  options: CallMessageOptions,
  procedure: string,
  args?: Args,
  kwargs?: Kwargs,
): CallMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.CALL, request, options, procedure];
    case ARGS_ONLY:
      return [MessageType.CALL, request, options, procedure, args as Args];
    default:
      return [MessageType.CALL, request, options, procedure, args ?? [], kwargs as Kwargs];
  }
}

/** `[50, Request, Details, args?, kwargs?]`. */
export function resultMessage(
  request: number,
  details: ResultDetails,
  args?: Args,
  kwargs?: Kwargs,
): ResultMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.RESULT, request, details];
    case ARGS_ONLY:
      return [MessageType.RESULT, request, details, args as Args];
    default:
      return [MessageType.RESULT, request, details, args ?? [], kwargs as Kwargs];
  }
}

/** `[68, Request, Registration, Details, args?, kwargs?]`. */
export function invocationMessage(
  request: number,
  registration: number,
  details: InvocationDetails,
  args?: Args,
  kwargs?: Kwargs,
): InvocationMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.INVOCATION, request, registration, details];
    case ARGS_ONLY:
      return [MessageType.INVOCATION, request, registration, details, args as Args];
    default:
      return [MessageType.INVOCATION, request, registration, details, args ?? [], kwargs as Kwargs];
  }
}

/** `[70, Request, Options, args?, kwargs?]`. */
export function yieldMessage(
  request: number,
  options: YieldMessageOptions,
  args?: Args,
  kwargs?: Kwargs,
): YieldMessage {
  switch (payloadOf(args, kwargs)) {
    case NO_PAYLOAD:
      return [MessageType.YIELD, request, options];
    case ARGS_ONLY:
      return [MessageType.YIELD, request, options, args as Args];
    default:
      return [MessageType.YIELD, request, options, args ?? [], kwargs as Kwargs];
  }
}

// ---------------------------------------------------------------- session lifecycle

/** `[1, Realm, Details]`. */
export function helloMessage(realm: string, details: HelloDetails): HelloMessage {
  return [MessageType.HELLO, realm, details];
}

/** `[2, Session, Details]`. */
export function welcomeMessage(session: Id, details: WelcomeDetails): WelcomeMessage {
  return [MessageType.WELCOME, session, details];
}

/** `[3, Details, Reason]`; `message`, when given, goes into Details as `{message}`. */
export function abortMessage(reason: string, message?: string, details: Dict = {}): AbortMessage {
  return [MessageType.ABORT, message === undefined ? details : { ...details, message }, reason];
}

/** `[4, AuthMethod, Extra]`. */
export function challengeMessage(authMethod: string, extra: Dict): ChallengeMessage {
  return [MessageType.CHALLENGE, authMethod, extra];
}

/** `[5, Signature, Extra]`. */
export function authenticateMessage(signature: string, extra: Dict): AuthenticateMessage {
  return [MessageType.AUTHENTICATE, signature, extra];
}

/** `[6, Details, Reason]`; `message`, when given, goes into Details as `{message}`. */
export function goodbyeMessage(reason: string, message?: string, details: Dict = {}): GoodbyeMessage {
  return [MessageType.GOODBYE, message === undefined ? details : { ...details, message }, reason];
}

// ---------------------------------------------------------------- requests and acknowledgements

/** `[17, Request, Publication]`. */
export function publishedMessage(request: Id, publication: Id): PublishedMessage {
  return [MessageType.PUBLISHED, request, publication];
}

/** `[32, Request, Options, Topic]`. */
export function subscribeMessage(
  request: Id,
  options: SubscribeMessageOptions,
  topic: string,
): SubscribeMessage {
  return [MessageType.SUBSCRIBE, request, options, topic];
}

/** `[33, Request, Subscription]`. */
export function subscribedMessage(request: Id, subscription: Id): SubscribedMessage {
  return [MessageType.SUBSCRIBED, request, subscription];
}

/** `[34, Request, Subscription]`. */
export function unsubscribeMessage(request: Id, subscription: Id): UnsubscribeMessage {
  return [MessageType.UNSUBSCRIBE, request, subscription];
}

/** `[35, Request]`, or with `revocation` the router-initiated form `[35, 0, Details]`. */
export function unsubscribedMessage(request: Id, revocation?: RevocationDetails): UnsubscribedMessage {
  return revocation === undefined
    ? [MessageType.UNSUBSCRIBED, request]
    : [MessageType.UNSUBSCRIBED, 0, revocation];
}

/** `[49, Request, Options]`. */
export function cancelMessage(request: Id, options: CancelMessageOptions): CancelMessage {
  return [MessageType.CANCEL, request, options];
}

/** `[64, Request, Options, Procedure]`. */
export function registerMessage(
  request: Id,
  options: RegisterMessageOptions,
  procedure: string,
): RegisterMessage {
  return [MessageType.REGISTER, request, options, procedure];
}

/** `[65, Request, Registration]`. */
export function registeredMessage(request: Id, registration: Id): RegisteredMessage {
  return [MessageType.REGISTERED, request, registration];
}

/** `[66, Request, Registration]`. */
export function unregisterMessage(request: Id, registration: Id): UnregisterMessage {
  return [MessageType.UNREGISTER, request, registration];
}

/** `[67, Request]`, or with `revocation` the router-initiated form `[67, 0, Details]`. */
export function unregisteredMessage(request: Id, revocation?: RevocationDetails): UnregisteredMessage {
  return revocation === undefined
    ? [MessageType.UNREGISTERED, request]
    : [MessageType.UNREGISTERED, 0, revocation];
}

/** `[69, Request, Options]`. */
export function interruptMessage(request: Id, options: InterruptMessageOptions): InterruptMessage {
  return [MessageType.INTERRUPT, request, options];
}
