/**
 * The typed layer alone: a generated client and callee over an in-process loopback `SessionApi`
 * that runs the handler at once, with no socket, router or serializer, so that the layer's own
 * CPU per call shows without the (much larger and noisier) cost of the wire around it.
 */
import type { Args, Kwargs } from '../../runtime/protocol/messages.js';
import type {
  CallResult,
  InvocationContext,
  InvocationHandler,
  Registration,
  SessionApi,
} from '../../runtime/session/types.js';
import { isWampResult } from '../../runtime/session/wamp-result.js';

const CONTEXT: InvocationContext = {
  procedure: '',
  details: {},
  receiveProgress: false,
  progress: () => undefined,
  signal: new AbortController().signal,
};

/** The session's conventional mapping of a handler's value to a RESULT (as callee.ts does it). */
function toResult(value: unknown): CallResult {
  if (isWampResult(value)) return { args: value.args, kwargs: value.kwargs, details: {} };
  return { args: value === undefined ? [] : [value], kwargs: {}, details: {} };
}

/** A `SessionApi` whose `call` runs the registered handler in the same turn: only `call` and `register` work. */
export function createLoopbackSession(): SessionApi {
  const handlers = new Map<string, InvocationHandler>();
  const unsupported = (): never => {
    throw new Error('loopback session: only call and register');
  };
  return {
    id: 1,
    realm: 'loopback',
    call(procedure: string, args?: Args, kwargs?: Kwargs): Promise<CallResult> {
      const handler = handlers.get(procedure);
      if (handler === undefined) return Promise.reject(new Error(`no handler for ${procedure}`));
      try {
        const value = handler(args ?? [], kwargs ?? {}, CONTEXT);
        if (
          value !== null &&
          typeof value === 'object' &&
          typeof (value as Promise<unknown>).then === 'function'
        ) {
          return (value as Promise<unknown>).then(toResult);
        }
        return Promise.resolve(toResult(value));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async register(procedure: string, handler: InvocationHandler): Promise<Registration> {
      handlers.set(procedure, handler);
      const unregister = async (): Promise<void> => {
        handlers.delete(procedure);
      };
      return { id: handlers.size, procedure, unregister, [Symbol.asyncDispose]: unregister };
    },
    callProgressive: unsupported,
    subscribe: unsupported,
    publish: unsupported,
    leave: async () => undefined,
  };
}
