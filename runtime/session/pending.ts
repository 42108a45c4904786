/** Bookkeeping for requests waiting for the router's answer, keyed by request id. */
import { MessageType } from '../protocol/message-type.js';
import type { Id } from '../protocol/messages.js';
import type { CallResult } from './types.js';

/** The two ends of a promise. */
export type Settle<T> = { resolve: (value: T) => void; reject: (error: unknown) => void };

/** A CALL waiting for RESULT/ERROR (kept by the caller). */
export interface PendingCall extends Settle<CallResult> {
  onProgress: ((progress: CallResult) => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The local timeout in ms (0: none); re-armed by each progressive result (D.1). */
  timeout: number;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Set after a `kill` CANCEL: we wait for the router's answer, at most until the local timeout. */
  cancelRequested: boolean;
}

/**
 * A SUBSCRIBE/UNSUBSCRIBE/REGISTER/UNREGISTER/PUBLISH waiting for its acknowledgement (kept by the
 * link). The role that sent it subclasses this to say how the request completes.
 */
export abstract class PendingRequest<T> implements Settle<T> {
  resolve: (value: T) => void = noop;
  reject: (error: unknown) => void = noop;
  /** The request's message type: its acknowledgement must be `ACK_OF[kind]`, its ERROR must name it. */
  abstract readonly kind: number;

  /** The acknowledgement arrived; `value` is the id it carries (0 for UNSUBSCRIBED/UNREGISTERED). */
  abstract acknowledged(value: Id): void;

  /** The router answered ERROR: the request failed for good. */
  refused(error: unknown): void {
    this.reject(error);
  }
}

/** The reply message each request kind expects. */
export const ACK_OF: Record<number, number> = {
  [MessageType.SUBSCRIBE]: MessageType.SUBSCRIBED,
  [MessageType.UNSUBSCRIBE]: MessageType.UNSUBSCRIBED,
  [MessageType.REGISTER]: MessageType.REGISTERED,
  [MessageType.UNREGISTER]: MessageType.UNREGISTERED,
  [MessageType.PUBLISH]: MessageType.PUBLISHED,
};

/** Placeholder settle function until the promise executor runs. */
export function noop(): void {}

/** Stops a call's timer and abort listener. */
export function clearCall(call: PendingCall): void {
  if (call.timer !== undefined) clearTimeout(call.timer);
  if (call.onAbort !== undefined) call.signal?.removeEventListener('abort', call.onAbort);
}
