/**
 * Per-procedure timings from interceptors: one {@link Timings} records how long each call (client
 * side) or invocation (callee side) took, by URI, and how many failed. Nothing in the generated code
 * or the service changes; the interceptors are passed where the client is created or the callee
 * registered.
 */
import type { CalleeInterceptor, ClientInterceptor } from 'wamp-contracts/runtime/contracts';

/** What one procedure's calls took. */
export interface ProcedureTiming {
  /** Calls finished, failures included. */
  count: number;
  /** Calls that ended with an error (refused, invalid, thrown by the method, ...). */
  errors: number;
  totalMs: number;
  maxMs: number;
}

/** Collects durations per URI; use `client` on a generated client, `callee` on a callee's `register`. */
export class Timings {
  readonly #byUri = new Map<string, ProcedureTiming>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Times each call of a generated client, from the method call to its result or error. */
  readonly client: ClientInterceptor = (next) => async (call) => {
    const start = this.#now();
    let failed = true;
    try {
      const result = await next(call);
      failed = false;
      return result;
    } finally {
      this.#record(call.uri, this.#now() - start, failed);
    }
  };

  /** Times each invocation of a callee, from its validated arguments to the method's result. */
  readonly callee: CalleeInterceptor = (next) => async (invocation) => {
    const start = this.#now();
    let failed = true;
    try {
      const result = await next(invocation);
      failed = false;
      return result;
    } finally {
      this.#record(invocation.uri, this.#now() - start, failed);
    }
  };

  #record(uri: string, ms: number, failed: boolean): void {
    let timing = this.#byUri.get(uri);
    if (timing === undefined) {
      timing = { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
      this.#byUri.set(uri, timing);
    }
    timing.count++;
    if (failed) timing.errors++;
    timing.totalMs += ms;
    timing.maxMs = Math.max(timing.maxMs, ms);
  }

  /** A copy of the figures so far, by URI. */
  snapshot(): Record<string, ProcedureTiming> {
    return Object.fromEntries([...this.#byUri].map(([uri, t]) => [uri, { ...t }]));
  }

  /** The figures as text lines: URI, count, errors, mean and max in ms. */
  lines(): string[] {
    return [...this.#byUri].map(([uri, t]) => {
      const mean = t.count === 0 ? 0 : t.totalMs / t.count;
      return `${uri}: ${t.count} calls, ${t.errors} failed, mean ${mean.toFixed(2)} ms, max ${t.maxMs.toFixed(2)} ms`;
    });
  }
}
