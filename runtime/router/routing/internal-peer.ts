/**
 * The router acting as a caller inside a realm (`router.call`, e.g. for a dynamic authenticator):
 * it takes part in routing like a session, and turns RESULT/ERROR back into promise outcomes.
 */
import { callMessage, cancelMessage } from '../../protocol/encode.js';
import { MessageType } from '../../protocol/message-type.js';
import type { Args, CallMessageOptions, Kwargs, WampMessage } from '../../protocol/messages.js';
import { CanceledError, createWampError } from '../../protocol/predefined-errors.js';
import type { WampError } from '../../protocol/wamp-error.js';
import { Feature } from '../core/features.js';
import type { PeerCall, RoutedPeer } from '../core/peer.js';
import type { Dealer } from './dealer.js';

/** The answer of `router.call`. */
export interface InternalCallResult {
  readonly args: Args;
  readonly kwargs: Kwargs;
}

/** Options of `router.call`. */
export interface InternalCallOptions {
  /** Dealer-enforced timeout in ms (0 or absent: none). */
  readonly timeout?: number;
  /** Ask the callee for progressive results and receive each one here. */
  readonly onProgress?: (args: Args, kwargs: Kwargs) => void;
  /**
   * Cancels the call when aborted (CANCEL `killnowait`: the callee gets INTERRUPT if it supports
   * call canceling); the promise rejects with `wamp.error.canceled`.
   */
  readonly signal?: AbortSignal;
}

interface Pending {
  readonly resolve: (r: InternalCallResult) => void;
  readonly reject: (e: WampError) => void;
  readonly onProgress: ((args: Args, kwargs: Kwargs) => void) | undefined;
}

/** One per realm; session id 0 (never disclosed to callees). */
export class InternalPeer implements RoutedPeer {
  /** 0 is no valid session id, so the router is never disclosed or excluded by id. */
  readonly id = 0;
  readonly authid = 'router';
  readonly authrole = 'router';
  readonly features = Feature.CALLER | Feature.CALLER_CANCELING;
  readonly calls = new Map<number, PeerCall>();
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  /** Calls `procedure` through `dealer` and settles with its RESULT or ERROR. */
  call(
    dealer: Dealer,
    procedure: string,
    args: Args | undefined,
    kwargs: Kwargs | undefined,
    options: InternalCallOptions | undefined,
  ): Promise<InternalCallResult> {
    const signal = options?.signal;
    if (signal?.aborted === true) {
      return Promise.reject(new CanceledError(['the call was cancelled before it started']));
    }
    const request = ++this.seq;
    const sent = new Promise<InternalCallResult>((resolve, reject) => {
      this.pending.set(request, { resolve, reject, onProgress: options?.onProgress });
      const o: CallMessageOptions = {};
      if (options?.timeout !== undefined) o.timeout = options.timeout;
      if (options?.onProgress !== undefined) o.receive_progress = true;
      dealer.call(this, callMessage(request, o, procedure, args, kwargs));
    });
    if (signal === undefined) return sent;
    // The dealer answers a CANCEL with ERROR canceled, which settles the promise through send().
    const onAbort = (): void => dealer.cancel(this, cancelMessage(request, { mode: 'killnowait' }));
    signal.addEventListener('abort', onAbort, { once: true });
    return sent.finally(() => signal.removeEventListener('abort', onAbort));
  }

  /** Receives the dealer's RESULT or ERROR for one of our calls. */
  send(message: WampMessage): void {
    if (message[0] === MessageType.RESULT) {
      const p = this.pending.get(message[1]);
      if (p === undefined) return;
      const args = message[3] ?? [];
      const kwargs = message[4] ?? {};
      // Progressive results go to the optional callback; only the final one settles.
      if (message[2].progress === true) {
        p.onProgress?.(args, kwargs);
        return;
      }
      this.pending.delete(message[1]);
      p.resolve({ args, kwargs });
    } else if (message[0] === MessageType.ERROR) {
      const p = this.pending.get(message[2]);
      if (p === undefined) return;
      this.pending.delete(message[2]);
      p.reject(createWampError(message[4], message[5] ?? [], message[6] ?? {}, message[3]));
    }
  }

  /** Fails every pending call (realm or router shutdown). */
  failAll(): void {
    for (const p of this.pending.values()) {
      p.reject(new CanceledError(['the router is shutting down']));
    }
    this.pending.clear();
  }
}
