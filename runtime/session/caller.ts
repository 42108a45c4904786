/**
 * The caller role: CALL (with progressive results and progressive input), CANCEL, local timeouts,
 * and the RESULT/ERROR answering a call. It owns the pending calls by request id and the ids of
 * calls settled locally, whose late answers are expected rather than violations.
 */
import { callMessage, cancelMessage } from '../protocol/encode.js';
import { errorText } from '../protocol/error-text.js';
import type {
  Args,
  CallMessageOptions,
  ErrorMessage,
  Id,
  Kwargs,
  ResultMessage,
} from '../protocol/messages.js';
import { clampTimerMs } from '../protocol/timer-limit.js';
import { CanceledError, FeatureNotSupportedError, TimeoutError } from '../protocol/predefined-errors.js';
import type { Transport } from '../transport/types.js';
import type { ErrorRegistry } from './error-registry.js';
import { LateIdSet } from './late-id-set.js';
import { clearCall, noop, type PendingCall } from './pending.js';
import { createProgressiveCall } from './progressive-call.js';
import type { SessionReporter } from './reporter.js';
import type { RoleHost, SessionLink } from './session-link.js';
import type { CallInputChunk, CallOptions, CallResult, ProgressiveCall } from './types.js';

/** Pending calls and their settlement. */
export class Caller {
  private readonly calls = new Map<Id, PendingCall>();
  private readonly lateCalls = new LateIdSet(4096);
  /** The dealer's features announced in WELCOME of the current join. */
  private dealerFeatures: Record<string, unknown> = {};

  constructor(
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
    private readonly host: RoleHost,
    private readonly errors: ErrorRegistry,
  ) {}

  /** A new link: its request ids start over, so the late ids of the last one mean nothing. */
  linkOpened(): void {
    this.lateCalls.clear();
  }

  /** Joined: what the dealer announced decides progressive input and CANCEL. */
  joined(dealerFeatures: Record<string, unknown>): void {
    this.dealerFeatures = dealerFeatures;
  }

  /** The link died: every pending call rejects with `error`. */
  linkLost(error: Error): void {
    if (this.calls.size === 0) return;
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const call of calls) {
      clearCall(call);
      call.reject(error);
    }
  }

  /**
   * `Session.call`: resolves with the RESULT, rejects with a `WampError`: a registered class, a
   * predefined one (`CanceledError` for an aborted call, `TimeoutError`, ...) or a plain one.
   */
  call(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): Promise<CallResult> {
    const transport = this.link.transport;
    if (this.link.state !== 'joined' || transport === undefined) return Promise.reject(this.host.notJoined());
    const signal = options?.signal;
    // Already aborted: nothing is sent, so there is nothing to cancel.
    if (signal?.aborted) return Promise.reject(canceledError(signal));
    const wireOptions: CallMessageOptions = {};
    let timeout = 0;
    if (options !== undefined) {
      if (options.timeout !== undefined && options.timeout > 0) {
        // Above 2^31-1 ms setTimeout would fire after 1 ms: clamp (about 24.8 days).
        timeout = clampTimerMs(Math.ceil(options.timeout));
        wireOptions.timeout = timeout;
      }
      if (options.onProgress !== undefined) wireOptions.receive_progress = true;
      if (options.discloseMe === true) wireOptions.disclose_me = true;
      if (options.options !== undefined) Object.assign(wireOptions, options.options);
      // Payload passthru to a dealer that did not announce it is a protocol violation (D.21).
      if (wireOptions.ppt_scheme !== undefined && this.dealerFeatures.payload_passthru_mode !== true) {
        return Promise.reject(
          new FeatureNotSupportedError(['the router does not support payload passthru mode']),
        );
      }
      if (options.input !== undefined) {
        // Sending progress:true to a dealer that did not announce it is a protocol violation (D.2).
        if (this.dealerFeatures.progressive_call_invocations !== true) {
          return Promise.reject(
            new FeatureNotSupportedError(['the router does not support progressive call invocations']),
          );
        }
        wireOptions.progress = true;
      }
    }
    // Taken only now: an id must reach the wire, or the next request would leave a gap (B.6).
    const id = this.link.nextRequestId();
    const pending: PendingCall = {
      resolve: noop,
      reject: noop,
      onProgress: options?.onProgress,
      timer: undefined,
      timeout,
      signal,
      onAbort: undefined,
      cancelRequested: false,
    };
    const promise = new Promise<CallResult>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    // Registered before sending: an in-memory router may answer synchronously.
    this.calls.set(id, pending);
    try {
      this.link.sendRaw(transport, callMessage(id, wireOptions, procedure, args, kwargs));
    } catch (error) {
      this.calls.delete(id);
      this.link.giveBackRequestId(id);
      return Promise.reject(error);
    }
    // Extra setTimeout arguments instead of a closure: no per-call function allocation.
    if (timeout > 0) pending.timer = setTimeout(onCallTimeout, timeout, this, id, timeout);
    if (options?.input !== undefined)
      void this.streamInput(transport, id, procedure, options.input, options.inputEnd === 'empty');
    if (signal !== undefined) {
      const mode = options?.cancelMode ?? 'killnowait';
      pending.onAbort = () => this.cancelCall(id, mode, canceledError(signal));
      signal.addEventListener('abort', pending.onAbort, { once: true });
    }
    return promise;
  }

  /**
   * Sends the remaining input chunks of a progressive call invocation, one behind the iterator so
   * that the last chunk goes out without `progress` (or each at once and then an empty final CALL,
   * for `emptyEnd`). Stops once the call settled or the link changed.
   */
  private async streamInput(
    transport: Transport,
    id: Id,
    procedure: string,
    input: AsyncIterable<CallInputChunk> | Iterable<CallInputChunk>,
    emptyEnd: boolean,
  ): Promise<void> {
    let held: CallInputChunk | undefined;
    const open = (): boolean => this.link.transport === transport && this.calls.has(id);
    try {
      for await (const chunk of input) {
        if (!open()) return;
        if (emptyEnd) {
          this.link.sendRaw(
            transport,
            callMessage(id, { progress: true }, procedure, chunk.args, chunk.kwargs),
          );
          continue;
        }
        if (held !== undefined) {
          this.link.sendRaw(
            transport,
            callMessage(id, { progress: true }, procedure, held.args, held.kwargs),
          );
        }
        held = chunk;
      }
      if (open()) this.link.sendRaw(transport, callMessage(id, {}, procedure, held?.args, held?.kwargs));
    } catch (error) {
      // After a reconnect `id` may name a new call of the new session: leave that one alone.
      if (!open()) {
        this.report.log('call input failed after the call ended', { request: id, error: errorText(error) });
        return;
      }
      // The input failed: the callee must not wait for chunks that will never come.
      this.cancelCall(
        id,
        'killnowait',
        new CanceledError([`call input failed: ${errorText(error)}`], {}, {}, { cause: error }),
      );
    }
  }

  /** `Session.callProgressive`: progressive results as an async iterable, the final one as `result`. */
  callProgressive(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): ProgressiveCall {
    // Leaving `for await` early cancels the call: a signal of our own, which follows the user's.
    const stop = new AbortController();
    const userSignal = options?.signal;
    const follow = (): void => stop.abort(userSignal?.reason);
    if (userSignal?.aborted) stop.abort(userSignal.reason);
    else userSignal?.addEventListener('abort', follow, { once: true });
    const sink = createProgressiveCall(() =>
      stop.abort(new CanceledError(['the caller stopped reading the progressive results'])),
    );
    const user = options?.onProgress;
    const onProgress = (chunk: CallResult): void => {
      sink.push(chunk);
      user?.(chunk);
    };
    const final = this.call(procedure, args, kwargs, { ...options, onProgress, signal: stop.signal });
    if (userSignal !== undefined) {
      const unfollow = (): void => userSignal.removeEventListener('abort', follow);
      final.then(unfollow, unfollow);
    }
    sink.settle(final);
    return sink.call;
  }

  /**
   * @internal Ends a call locally (timeout, abort, failed input) and tells the router with CANCEL
   * when it can cancel.
   */
  cancelCall(id: Id, mode: 'skip' | 'kill' | 'killnowait', error: Error): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    // After a kill CANCEL the dealer already knows: a later timeout or input failure settles locally.
    if (!call.cancelRequested) {
      const transport = this.link.transport;
      // CANCEL only when the dealer announced it; otherwise settling locally is all we can do.
      const canCancel = this.dealerFeatures.call_canceling === true && transport !== undefined;
      if (canCancel) this.link.trySend(transport, cancelMessage(id, { mode }));
      if (mode === 'kill' && canCancel) {
        // kill: the callee's answer (normally ERROR canceled) settles the call, bounded by the timeout.
        call.cancelRequested = true;
        return;
      }
    }
    this.calls.delete(id);
    // The router may still answer; that late reply is then expected, not a violation.
    this.lateCalls.add(id);
    clearCall(call);
    call.reject(error);
  }

  /** RESULT: a progressive chunk goes to `onProgress`, a final one settles the call. */
  onResult(message: ResultMessage): void {
    const id = message[1];
    const call = this.calls.get(id);
    if (call === undefined) {
      this.onUnknownReply(id, 'RESULT');
      return;
    }
    const details = message[2];
    const result: CallResult = { args: message[3] ?? [], kwargs: message[4] ?? {}, details };
    if (details.progress === true) {
      // The timeout runs between results, not over the whole call (D.1).
      if (call.timer !== undefined) {
        clearTimeout(call.timer);
        call.timer = setTimeout(onCallTimeout, call.timeout, this, id, call.timeout);
      }
      if (call.onProgress === undefined) {
        this.report.stats.droppedProgress++;
        return;
      }
      try {
        call.onProgress(result);
      } catch (error) {
        this.report.handlerError(error, 'onProgress');
      }
      return;
    }
    this.calls.delete(id);
    clearCall(call);
    call.resolve(result);
  }

  /** ERROR for a CALL: rejects it with the registered error class or a WampError. */
  onError(message: ErrorMessage): void {
    const [, , id, details, uri, args, kwargs] = message;
    const call = this.calls.get(id);
    if (call === undefined) {
      this.onUnknownReply(id, 'ERROR');
      return;
    }
    this.calls.delete(id);
    clearCall(call);
    call.reject(this.errors.fromWire(uri, args ?? [], kwargs ?? {}, details));
  }

  /** A reply for a call we settled locally is expected; for any other id it is a violation. */
  private onUnknownReply(id: Id, what: string): void {
    if (this.lateCalls.has(id)) {
      this.report.stats.lateResults++;
      this.report.log('late reply ignored', { request: id, message: what });
      return;
    }
    this.host.violate(`${what} for unknown CALL request ${id}`);
  }
}

function onCallTimeout(caller: Caller, id: Id, timeout: number): void {
  caller.cancelCall(id, 'killnowait', new TimeoutError([`no result within ${timeout} ms`]));
}

function canceledError(signal: AbortSignal): CanceledError {
  return new CanceledError(['the call was canceled'], {}, {}, { cause: signal.reason });
}
