/** Procedures the router itself serves in a realm (the meta APIs): no callee session involved. */
import type { Args, Dict, Kwargs } from '../../protocol/messages.js';
import type { RoutedPeer } from '../core/peer.js';

/** What an internal procedure is called with. */
export interface InternalCall {
  readonly caller: RoutedPeer;
  readonly args: Args;
  readonly kwargs: Dict;
}

/** What an internal procedure returns; `undefined` means an empty RESULT. */
export interface InternalResult {
  readonly args?: Args;
  readonly kwargs?: Kwargs;
}

/**
 * A router-served procedure. It answers by returning (or resolving) a result, or by throwing a
 * `WampError`, which the caller receives as ERROR with that URI and payload.
 */
export type InternalProcedure = (
  call: InternalCall,
) => InternalResult | undefined | Promise<InternalResult | undefined>;
