/** Bookkeeping for requests waiting for the router's answer, keyed by request id. */
import type { Id } from '../protocol/messages.js';
import type { RegistrationEntry } from './registration-entry.js';
import type { SubscriptionEntry } from './subscription-entry.js';
import type { CallResult, EventHandler, Registration, Subscription } from './types.js';

/** The two ends of a promise. */
export type Settle<T> = { resolve: (value: T) => void; reject: (error: unknown) => void };

/** A CALL waiting for RESULT/ERROR. */
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

/** A SUBSCRIBE/UNSUBSCRIBE/REGISTER/UNREGISTER/PUBLISH waiting for its acknowledgement. */
export type PendingRequest =
  | (Settle<Subscription> & { kind: 32; entry: SubscriptionEntry; handler: EventHandler | undefined })
  | (Settle<void> & { kind: 34; entry: SubscriptionEntry })
  | (Settle<Registration> & { kind: 64; entry: RegistrationEntry; restore: boolean })
  | (Settle<void> & { kind: 66; entry: RegistrationEntry })
  | (Settle<Id | undefined> & { kind: 16 });

/** The reply message each request kind expects. */
export const ACK_OF: Record<number, number> = { 32: 33, 34: 35, 64: 65, 66: 67, 16: 17 };

/** Placeholder settle function until the promise executor runs. */
export function noop(): void {}

/** Stops a call's timer and abort listener. */
export function clearCall(call: PendingCall): void {
  if (call.timer !== undefined) clearTimeout(call.timer);
  if (call.onAbort !== undefined) call.signal?.removeEventListener('abort', call.onAbort);
}
