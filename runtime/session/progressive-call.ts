/** Progressive results as an async iterable plus a final `result` (callProgressive, `ctx.input`). */
import type { CallResult, ProgressiveCall } from './types.js';

/** The producer side of a {@link ProgressiveCall}: push chunks, then finish or fail. */
export interface ProgressiveCallSink {
  readonly call: ProgressiveCall;
  push(chunk: CallResult): void;
  /** Chunks pushed and not yet read. */
  readonly buffered: number;
  settle(result: Promise<CallResult>): void;
}

/** One pending `next()`. */
interface Waiter {
  resolve(value: IteratorResult<CallResult>): void;
  reject(error: unknown): void;
}

/**
 * Creates a progressive call whose iterator yields each progressive result and ends after the
 * final one; `result` resolves with the final result. A failed call makes the iterator throw.
 * `abandon` runs when the reader leaves early (`break`, `return` or a throw in `for await`) while
 * the call is still running: the caller cancels the call then.
 */
export function createProgressiveCall(abandon?: () => void): ProgressiveCallSink {
  const queue: CallResult[] = [];
  // `next()` calls not yet answered, oldest first: overlapping calls are each settled, in order.
  const waiters: Waiter[] = [];
  let done = false;
  let settled = false;
  let failure: { error: unknown } | undefined;
  let resolveResult!: (value: CallResult) => void;
  let rejectResult!: (error: unknown) => void;
  const result = new Promise<CallResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // A caller that only iterates must not get an unhandled rejection from `result`.
  result.catch(() => undefined);

  // Hands queued chunks, then the failure or the end, to the waiting `next()` calls in order.
  const wake = (): void => {
    for (let w = waiters[0]; w !== undefined; w = waiters[0]) {
      if (queue.length > 0) w.resolve({ value: queue.shift() as CallResult, done: false });
      else if (failure) w.reject(failure.error);
      else if (done) w.resolve({ value: undefined, done: true });
      else return;
      waiters.shift();
    }
  };

  const call: ProgressiveCall = {
    result,
    [Symbol.asyncIterator](): AsyncIterator<CallResult> {
      return {
        next() {
          return new Promise<IteratorResult<CallResult>>((resolve, reject) => {
            waiters.push({ resolve, reject });
            wake();
          });
        },
        // `break` in for-await: stop buffering and cancel the call, which nobody reads any more.
        return() {
          if (!settled && !done) abandon?.();
          done = true;
          queue.length = 0;
          // `next()` calls still waiting end too, instead of hanging until the call settles.
          wake();
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };

  return {
    call,
    push(chunk) {
      if (done) return;
      queue.push(chunk);
      wake();
    },
    get buffered() {
      return queue.length;
    },
    settle(final) {
      final.then(
        (value) => {
          settled = true;
          done = true;
          resolveResult(value);
          wake();
        },
        (error: unknown) => {
          settled = true;
          failure = { error };
          rejectResult(error);
          wake();
        },
      );
    },
  };
}
