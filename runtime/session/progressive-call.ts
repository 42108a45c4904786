import type { CallResult, ProgressiveCall } from './types.js';

/** The producer side of a {@link ProgressiveCall}: push chunks, then finish or fail. */
export interface ProgressiveCallSink {
  readonly call: ProgressiveCall;
  push(chunk: CallResult): void;
  settle(result: Promise<CallResult>): void;
}

/**
 * Creates a progressive call whose iterator yields each progressive result and ends after the
 * final one; `result` resolves with the final result. A failed call makes the iterator throw.
 */
export function createProgressiveCall(): ProgressiveCallSink {
  const queue: CallResult[] = [];
  let waiter: ((value: IteratorResult<CallResult>) => void) | undefined;
  let failWaiter: ((error: unknown) => void) | undefined;
  let done = false;
  let failure: { error: unknown } | undefined;
  let resolveResult!: (value: CallResult) => void;
  let rejectResult!: (error: unknown) => void;
  const result = new Promise<CallResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // A caller that only iterates must not get an unhandled rejection from `result`.
  result.catch(() => undefined);

  // Hands the next chunk, the failure or the end to a waiting `next()`, in that order.
  const wake = (): void => {
    const w = waiter;
    const f = failWaiter;
    if (!w || !f) return;
    if (queue.length > 0) {
      waiter = undefined;
      failWaiter = undefined;
      w({ value: queue.shift() as CallResult, done: false });
    } else if (failure) {
      waiter = undefined;
      failWaiter = undefined;
      f(failure.error);
    } else if (done) {
      waiter = undefined;
      failWaiter = undefined;
      w({ value: undefined, done: true });
    }
  };

  const call: ProgressiveCall = {
    result,
    [Symbol.asyncIterator](): AsyncIterator<CallResult> {
      return {
        next() {
          return new Promise<IteratorResult<CallResult>>((resolve, reject) => {
            waiter = resolve;
            failWaiter = reject;
            wake();
          });
        },
        // `break` in for-await: stop buffering, the call itself still completes.
        return() {
          done = true;
          queue.length = 0;
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
    settle(final) {
      final.then(
        (value) => {
          done = true;
          resolveResult(value);
          wake();
        },
        (error: unknown) => {
          failure = { error };
          rejectResult(error);
          wake();
        },
      );
    },
  };
}
