/** One running INVOCATION, which is also the callee handler's context (signal, progress, input). */
import type { Args, Dict, Id, InvocationDetails, Kwargs } from '../protocol/messages.js';
import { createProgressiveCall, type ProgressiveCallSink } from './progressive-call.js';
import type { CallResult, InvocationContext } from './types.js';

/**
 * Input chunks of a progressive call invocation that may wait unread: a caller that streams faster
 * than the handler reads would otherwise fill the callee's memory. Over it, the invocation fails with
 * `wamp.error.quota_exceeded` (WAMP has no flow control for progressive call invocations).
 */
export const MAX_UNREAD_INPUT = 10_000;

/** What an {@link Invocation} needs from its owner (the callee). */
export interface InvocationOwner {
  /** Sends YIELD {progress: true} for the invocation, if it is still open. */
  sendProgress(invocation: Invocation, args: Args | undefined, kwargs: Kwargs | undefined): void;
}

/**
 * One running INVOCATION; it is also the handler's {@link InvocationContext}.
 * The AbortController is created lazily: most handlers never look at `signal`.
 */
export class Invocation implements InvocationContext {
  readonly id: Id;
  readonly procedure: string;
  readonly details: Dict;
  readonly receiveProgress: boolean;
  /** True once YIELD/ERROR went out, or the invocation was interrupted or lost with its link. */
  done = false;
  private controller: AbortController | undefined;
  private abortReason: unknown;
  private inputSink: ProgressiveCallSink | undefined;
  private finishInput: ((value: CallResult) => void) | undefined;
  private readonly owner: InvocationOwner;

  constructor(owner: InvocationOwner, id: Id, procedure: string, details: InvocationDetails) {
    this.owner = owner;
    this.id = id;
    this.details = details;
    this.procedure = typeof details.procedure === 'string' ? details.procedure : procedure;
    this.receiveProgress = details.receive_progress === true;
  }

  get caller(): Id | undefined {
    return this.details.caller as Id | undefined;
  }

  get callerAuthid(): string | undefined {
    return this.details.caller_authid as string | undefined;
  }

  get callerAuthrole(): string | undefined {
    return this.details.caller_authrole as string | undefined;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason !== undefined) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  get input(): AsyncIterable<CallResult> | undefined {
    return this.inputSink?.call;
  }

  progress(args?: Args, kwargs?: Kwargs): void {
    if (this.receiveProgress && !this.done) this.owner.sendProgress(this, args, kwargs);
  }

  /** Fires `signal` with `reason` (INTERRUPT, or the link was lost). */
  abort(reason: unknown): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    // Ends the input stream so a handler iterating it does not wait forever.
    const finish = this.finishInput;
    this.finishInput = undefined;
    finish?.({ args: [], kwargs: {}, details: {} });
  }

  /** Turns on the `input` stream (the first INVOCATION chunk had `progress: true`). */
  openInput(): void {
    const sink = createProgressiveCall();
    this.inputSink = sink;
    sink.settle(
      new Promise<CallResult>((resolve) => {
        this.finishInput = resolve;
      }),
    );
  }

  /** True while the `input` stream is open. */
  get acceptsInput(): boolean {
    return this.finishInput !== undefined;
  }

  /**
   * Adds one input chunk; a chunk without `progress: true` is the last one. False when the handler
   * left more than {@link MAX_UNREAD_INPUT} chunks unread: the caller must then fail the invocation.
   */
  pushInput(chunk: CallResult, last: boolean): boolean {
    const sink = this.inputSink;
    if (sink !== undefined && sink.buffered >= MAX_UNREAD_INPUT) return false;
    sink?.push(chunk);
    if (last && this.finishInput) {
      const finish = this.finishInput;
      this.finishInput = undefined;
      finish(chunk);
    }
    return true;
  }
}
