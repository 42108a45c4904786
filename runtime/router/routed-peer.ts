/**
 * What the dealer and broker need from a party to a call or publication: a joined session, or
 * the router itself acting as an internal caller/publisher (meta API, `router.call`).
 */
import type { WampMessage } from '../protocol/messages.js';
import type { CallRecord } from './call-record.js';

/** The identity disclosed for a caller or publisher (`disclose_me`). */
export interface PeerIdentity {
  /** Session id; 0 for the router itself (never disclosed). */
  readonly id: number;
  readonly authid: string;
  readonly authrole: string;
}

/** A caller: receives RESULT/ERROR for the calls it has in flight. */
export interface RoutedPeer extends PeerIdentity {
  /** {@link Feature} bits announced in HELLO. */
  readonly features: number;
  /** Calls this peer has in flight, by its CALL request id. */
  readonly calls: Map<number, CallRecord>;
  /** Delivers one message to the peer (drops it, counted, when the peer is gone). */
  send(message: WampMessage): void;
}
