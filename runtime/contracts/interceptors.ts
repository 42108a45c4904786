/**
 * Interceptors of generated clients, callees and topics clients: functions that wrap `next`, in the
 * style of Connect-ES and tRPC, so that logging, metrics, auth context and tracing need no forked
 * code. The first interceptor of a list is the outermost. None installed costs nothing: the
 * generated methods then take their direct path and no call object is built.
 */
import type { EventContext, InvocationContext, PublishOptions, CallOptions } from '../session/types.js';
import type { Id } from '../protocol/messages.js';

/** One call through a generated client, as client interceptors see it. */
export interface ClientCall {
  /** The contract's service name (e.g. `Weather`). */
  readonly service: string;
  /** The procedure's method name on `rpc` (e.g. `getForecast`). */
  readonly procedure: string;
  /** The URI actually called (under the client's `prefix` when it has one). */
  readonly uri: string;
  /** The method's arguments before validation, without the options (a `@kwargs` procedure has one object). */
  readonly args: readonly unknown[];
  /** The call's options: the client's `callOptions` merged with the call's own; `{}` when neither is set. */
  readonly options: CallOptions;
  /** True for a procedure with progressive results; `next` then resolves with the final result. */
  readonly progressive: boolean;
}

/** The rest of a client call: resolves with the decoded result or rejects with the call's error. */
export type ClientNext = (call: ClientCall) => Promise<unknown>;

/**
 * Wraps a client call: may change the call (args, options: e.g. add a `_`-prefixed custom option),
 * reject it by throwing, or observe the outcome of `await next(call)`.
 *
 * @example
 * const logCalls: ClientInterceptor = (next) => async (call) => {
 *   try { return await next(call); } finally { console.log(call.uri); }
 * };
 */
export type ClientInterceptor = (next: ClientNext) => ClientNext;

/** One invocation of a generated callee, as callee interceptors see it (after argument validation). */
export interface CalleeInvocation {
  /** The contract's service name. */
  readonly service: string;
  /** The procedure's method name on the callee class. */
  readonly procedure: string;
  /** The URI registered (under the `prefix` given to `register`); `context.procedure` is the one called. */
  readonly uri: string;
  /** The validated, decoded arguments the method receives (a `@kwargs` procedure has one object). */
  readonly args: readonly unknown[];
  /** The invocation context the method receives: details (custom CALL options among them), caller, signal. */
  readonly context: InvocationContext;
}

/** The rest of an invocation: runs the method and resolves with its (final) result, before it is encoded. */
export type CalleeNext = (invocation: CalleeInvocation) => Promise<unknown>;

/**
 * Wraps an invocation: may refuse it by throwing (a `WampError` or typed error reaches the caller as
 * usual), put values into its context for the method ({@link contextValues}), or observe the outcome.
 */
export type CalleeInterceptor = (next: CalleeNext) => CalleeNext;

/** One publication through a generated topics client, as publish interceptors see it. */
export interface TopicPublication {
  /** The topics contract's name (e.g. `WeatherEvents`). */
  readonly service: string;
  /** The topic's name on `publish`. */
  readonly topic: string;
  /** The URI published to. */
  readonly uri: string;
  /** The payload before validation. */
  readonly payload: unknown;
  readonly options: PublishOptions;
}

/** The rest of a publication: resolves like `publish` (the publication id when acknowledged). */
export type PublishNext = (publication: TopicPublication) => Promise<Id | undefined>;
/** Wraps a publication through a generated topics client. */
export type PublishInterceptor = (next: PublishNext) => PublishNext;

/** One event delivered to a handler of a generated topics client (after payload validation). */
export interface TopicEvent {
  /** The topics contract's name. */
  readonly service: string;
  readonly topic: string;
  /** The URI subscribed to. */
  readonly uri: string;
  /** The validated, decoded payload the handler receives. */
  readonly payload: unknown;
  /** A topic family's URI components, parsed from the event's topic (undefined for a fixed URI). */
  readonly components?: unknown;
  readonly context: EventContext;
}

/** The rest of an event delivery: runs the handler. */
export type EventNext = (event: TopicEvent) => Promise<void>;
/** Wraps an event delivery; throwing counts as a handler error (`onEventError`, kind `handler`). */
export type EventInterceptor = (next: EventNext) => EventNext;

/** Builds the chain: `interceptors[0]` is the outermost, `last` runs innermost. */
export function chainInterceptors<T, R>(
  interceptors: readonly ((next: (value: T) => Promise<R>) => (value: T) => Promise<R>)[],
  last: (value: T) => Promise<R>,
): (value: T) => Promise<R> {
  let next = last;
  for (let i = interceptors.length - 1; i >= 0; i--) next = interceptors[i]!(next);
  return next;
}

/** A typed key for a value carried in an invocation's context (see {@link contextValues}). */
export interface ContextKey<T> {
  readonly id: symbol;
  /** What `get` answers while nothing was set. */
  readonly defaultValue: T;
}

/** Creates a {@link ContextKey}; `description` names it in debuggers. */
export function createContextKey<T>(defaultValue: T, description = 'context value'): ContextKey<T> {
  return { id: Symbol(description), defaultValue };
}

/** Values interceptors attach to one invocation, read by the callee method through its context. */
export interface ContextValues {
  get<T>(key: ContextKey<T>): T;
  set<T>(key: ContextKey<T>, value: T): this;
  delete(key: ContextKey<unknown>): this;
}

class ValueMap implements ContextValues {
  readonly #values = new Map<symbol, unknown>();

  get<T>(key: ContextKey<T>): T {
    return this.#values.has(key.id) ? (this.#values.get(key.id) as T) : key.defaultValue;
  }

  set<T>(key: ContextKey<T>, value: T): this {
    this.#values.set(key.id, value);
    return this;
  }

  delete(key: ContextKey<unknown>): this {
    this.#values.delete(key.id);
    return this;
  }
}

// Keyed by the context object, so nothing is added to contexts (or paid) where no value is used.
const valuesByContext = new WeakMap<object, ContextValues>();

/**
 * The values of one invocation (or event), created on first use: a callee interceptor sets them,
 * the method reads them from the `context` argument it receives.
 *
 * @example
 * const traceKey = createContextKey<string | undefined>(undefined, 'trace');
 * // interceptor: contextValues(invocation.context).set(traceKey, id)
 * // method:      contextValues(context).get(traceKey)
 */
export function contextValues(context: InvocationContext | EventContext): ContextValues {
  let values = valuesByContext.get(context);
  if (values === undefined) {
    values = new ValueMap();
    valuesByContext.set(context, values);
  }
  return values;
}
