/**
 * The public shape of a joined session: what users call by hand and what generated code builds on.
 * Implemented by `runtime/session/session.ts`.
 */
import type { Args, Dict, Id, InvokePolicy, Kwargs, MatchPolicy } from '../protocol/messages.js';

/** A call's outcome: the RESULT payload and details. */
export interface CallResult {
  readonly args: Args;
  readonly kwargs: Kwargs;
  readonly details: Dict;
}

/** Per-call options. */
export interface CallOptions {
  /** Milliseconds; sent as CALL.Options.timeout and also enforced locally. */
  timeout?: number;
  /** Aborting sends CANCEL with `cancelMode` and rejects the call with `wamp.error.canceled`. */
  signal?: AbortSignal;
  /** Default `killnowait`. */
  cancelMode?: 'skip' | 'kill' | 'killnowait';
  /** Receives progressive results (sets `receive_progress`). */
  onProgress?: (progress: CallResult) => void;
  /** Asks the router to disclose our identity to the callee. */
  discloseMe?: boolean;
  /** Extra CALL.Options keys, passed through unchanged. */
  options?: Dict;
  /**
   * Streams the call's input (progressive call invocations, D.2): the call's own args/kwargs
   * are the first chunk, then each item of `input` is sent as a further chunk with the same
   * request id; the last one closes the input. Needs a dealer announcing
   * `progressive_call_invocations` (else the call rejects with `wamp.error.feature_not_supported`).
   */
  input?: AsyncIterable<CallInputChunk> | Iterable<CallInputChunk>;
  /**
   * How the input closes. `'last'` (default): the last item of `input` is the final CALL, so each
   * item is sent when the next one arrives. `'empty'`: each item is sent as soon as the iterator
   * yields it, and a final CALL without payload closes the input (what generated clients use).
   */
  inputEnd?: 'last' | 'empty';
}

/** One chunk of a streamed call input. */
export interface CallInputChunk {
  readonly args?: Args;
  readonly kwargs?: Kwargs;
}

/** A call with progressive results: iterate the chunks, await `result` for the final one. */
export interface ProgressiveCall extends AsyncIterable<CallResult> {
  readonly result: Promise<CallResult>;
}

/** What a callee handler is given besides its payload. */
export interface InvocationContext {
  /** The concrete URI called (differs from the registered one for pattern registrations). */
  readonly procedure: string;
  /** Caller's session id, authid and authrole, when disclosed. */
  readonly caller?: Id | undefined;
  readonly callerAuthid?: string | undefined;
  readonly callerAuthrole?: string | undefined;
  /** INVOCATION details as received. */
  readonly details: Dict;
  /** True when the caller asked for progressive results. */
  readonly receiveProgress: boolean;
  /** Sends a progressive result (no-op when the caller did not ask for progress). */
  progress(args?: Args, kwargs?: Kwargs): void;
  /** Fires when the router sends INTERRUPT (caller canceled, timed out, or left). */
  readonly signal: AbortSignal;
  /**
   * Set only for progressive call invocations (the caller streams its input): the handler runs
   * on the first chunk's payload, and this yields every following chunk, ending after the final
   * (non-progress) one. The handler's return value answers the whole call.
   */
  readonly input?: AsyncIterable<CallResult> | undefined;
}

/**
 * What a handler returns: `undefined` (no payload), a {@link WampResult} for full control of
 * args and kwargs, or any other value, which travels as `Arguments[0]`.
 */
export type HandlerReturn = unknown;

/** A callee handler. May be sync or async; a thrown `WampError` keeps its URI and payload. */
export type InvocationHandler = (args: Args, kwargs: Kwargs, context: InvocationContext) => HandlerReturn;

export interface RegisterOptions {
  match?: MatchPolicy;
  invoke?: InvokePolicy;
  /** Ask the router to disclose each caller (`disclose_caller`): `context.caller`, `callerAuthid`, `callerAuthrole`. */
  discloseCaller?: boolean;
  /** Extra REGISTER.Options keys, passed through unchanged. */
  options?: Dict;
}

/** A live registration. */
/** A registration; `await using` unregisters it when the scope ends. */
export interface Registration extends AsyncDisposable {
  readonly id: Id;
  readonly procedure: string;
  unregister(): Promise<void>;
}

/** What a subscription handler is given besides its payload. */
export interface EventContext {
  /** The concrete topic (differs from the subscribed one for pattern subscriptions). */
  readonly topic: string;
  readonly publication: Id;
  readonly publisher?: Id;
  readonly publisherAuthid?: string;
  readonly publisherAuthrole?: string;
  readonly retained: boolean;
  readonly details: Dict;
}

/** A subscription handler. Its return value is ignored, except that a rejected promise is reported. */
export type EventHandler = (args: Args, kwargs: Kwargs, context: EventContext) => unknown;

export interface SubscribeOptions {
  match?: MatchPolicy;
  getRetained?: boolean;
  options?: Dict;
}

/** A live subscription. */
/** A subscription; `await using` unsubscribes it when the scope ends. */
export interface Subscription extends AsyncDisposable {
  readonly id: Id;
  readonly topic: string;
  unsubscribe(): Promise<void>;
}

export interface PublishOptions {
  /** Wait for PUBLISHED; `publish` then resolves with the publication id. */
  acknowledge?: boolean;
  /** Default true (the publisher does not receive its own event). */
  excludeMe?: boolean;
  eligible?: Id[];
  exclude?: Id[];
  eligibleAuthid?: string[];
  excludeAuthid?: string[];
  eligibleAuthrole?: string[];
  excludeAuthrole?: string[];
  discloseMe?: boolean;
  retain?: boolean;
  options?: Dict;
}

/** The operations of a joined session. */
export interface SessionApi {
  readonly id: Id;
  readonly realm: string;
  call(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): Promise<CallResult>;
  /** Like `call`, with progressive results as an async iterable. */
  callProgressive(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): ProgressiveCall;
  register(procedure: string, handler: InvocationHandler, options?: RegisterOptions): Promise<Registration>;
  subscribe(topic: string, handler: EventHandler, options?: SubscribeOptions): Promise<Subscription>;
  /** Resolves with the publication id when acknowledged, otherwise once the message is sent. */
  publish(topic: string, args?: Args, kwargs?: Kwargs, options?: PublishOptions): Promise<Id | undefined>;
  /** Sends GOODBYE and waits for the reply (with a timeout). */
  leave(reason?: string, message?: string): Promise<void>;
}
