/**
 * The parties the dealer and broker route between, as small interfaces. A joined session
 * implements {@link SessionPeer}; the router acting as a caller (meta API, `router.call`) only
 * {@link RoutedPeer}; unit tests implement them with plain objects, no socket or session needed.
 *
 * The records (calls, registrations, subscriptions) are generic containers that know nothing
 * about peers; the aliases at the end fix them to these interfaces.
 */
import type { WampMessage } from '../../protocol/messages.js';
import type { SendRefused } from '../../transport/peer-link.js';
import type { CallRecord } from './call-record.js';
import type { Registration } from './registration.js';
import type { Subscription } from './subscription.js';

/** The identity disclosed for a caller or publisher (`disclose_me`) and matched by black/whitelists. */
export interface PeerIdentity {
  /** Session id; 0 for the router itself (never disclosed, never excluded). */
  readonly id: number;
  readonly authid: string;
  readonly authrole: string;
}

/** A caller: receives RESULT/ERROR for the calls it has in flight. */
export interface RoutedPeer extends PeerIdentity {
  /** {@link Feature} bits announced in HELLO. */
  readonly features: number;
  /** Calls this peer has in flight, by its CALL request id. */
  readonly calls: Map<number, PeerCall>;
  /**
   * Delivers one message to the peer (drops it, counted, when the peer is gone). Returns a
   * {@link SendRefused} when the peer's link could not take this message (not encodable for it,
   * over its size limit): the peer is unaffected and routing answers the message's sender.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: peers that never refuse (the router itself, fakes) return void.
  send(message: WampMessage): SendRefused | undefined | void;
}

/** A callee: a caller that also serves registrations and receives INVOCATION/INTERRUPT. */
export interface CalleePeer extends RoutedPeer {
  /** Invocations sent to this peer, by INVOCATION request id. */
  readonly invocations: Map<number, PeerCall>;
  /** The last INVOCATION request id issued to this peer (answers above it are violations). */
  readonly invocationSeq: number;
  /** Issues the next INVOCATION request id for this peer. */
  nextInvocationId(): number;
  readonly registrations: Set<PeerRegistration>;
}

/** A subscriber: receives EVENTs for its subscriptions. */
export interface SubscriberPeer extends PeerIdentity {
  readonly subscriptions: Set<PeerSubscription>;
  /** As {@link RoutedPeer.send}: a refused EVENT is skipped for this subscriber and counted. */
  // biome-ignore lint/suspicious/noConfusingVoidType: peers that never refuse (fakes) return void.
  send(message: WampMessage): SendRefused | undefined | void;
}

/** A joined session as routing sees it: caller, callee and subscriber at once. */
export interface SessionPeer extends CalleePeer, SubscriberPeer {}

/** A call routed from a caller to a callee. */
export type PeerCall = CallRecord<RoutedPeer, CalleePeer>;
/** A registration served by callees. */
export type PeerRegistration = Registration<CalleePeer>;
/** A subscription of subscribers. */
export type PeerSubscription = Subscription<SubscriberPeer>;
export type { SendRefused };
