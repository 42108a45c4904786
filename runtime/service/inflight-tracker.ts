/**
 * Counts callee invocations in flight, so that shutdown can wait for them: the session runtime does
 * not expose that count, so the service host wraps every handler it registers through {@link trackingSession}.
 */
import type { InvocationHandler, SessionApi } from '../session/types.js';

/** Counts running handlers and tells when none is left. */
export interface InflightTracker {
  /** Handlers currently running. */
  readonly count: number;
  /** Handlers started since creation (for the shutdown summary). */
  readonly started: number;
  /** Wraps `handler` so that each invocation is counted until it returns or settles. */
  wrap(handler: InvocationHandler): InvocationHandler;
  /** Resolves true once nothing is in flight, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
}

/** Creates an {@link InflightTracker}. */
export function createInflightTracker(): InflightTracker {
  let count = 0;
  let started = 0;
  const waiters = new Set<() => void>();
  const done = (): void => {
    count--;
    if (count === 0) for (const wake of [...waiters]) wake();
  };
  return {
    get count() {
      return count;
    },
    get started() {
      return started;
    },
    wrap(handler) {
      return (args, kwargs, context) => {
        count++;
        started++;
        let value: unknown;
        try {
          value = handler(args, kwargs, context);
        } catch (error) {
          done();
          throw error;
        }
        if (isPromiseLike(value)) {
          // The count drops a macrotask after settling, once the session has sent YIELD/ERROR:
          // otherwise shutdown could send GOODBYE first and the result would be lost.
          const later = (): void => {
            setImmediate(done);
          };
          value.then(later, later);
          return value;
        }
        done();
        return value;
      };
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}

/** A view of `session` whose `register` counts every invocation of the handler with `tracker`. */
export function trackingSession(session: SessionApi, tracker: InflightTracker): SessionApi {
  return {
    get id() {
      return session.id;
    },
    get realm() {
      return session.realm;
    },
    call: (procedure, args, kwargs, options) => session.call(procedure, args, kwargs, options),
    callProgressive: (procedure, args, kwargs, options) =>
      session.callProgressive(procedure, args, kwargs, options),
    register: (procedure, handler, options) => session.register(procedure, tracker.wrap(handler), options),
    subscribe: (topic, handler, options) => session.subscribe(topic, handler, options),
    publish: (topic, args, kwargs, options) => session.publish(topic, args, kwargs, options),
    leave: (reason, message) => session.leave(reason, message),
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function'
  );
}
