/**
 * Fakes for driving the dealer and broker directly: a peer implementing the routing layer's peer
 * interface (it records what it is sent) and a routing context recording meta events. No socket,
 * no session, no realm.
 */
import type { Args, WampMessage } from '../../runtime/protocol/messages.js';
import type {
  PeerCall,
  PeerRegistration,
  PeerSubscription,
  SessionPeer,
} from '../../runtime/router/core/peer.js';
import { createRouterStats, type RouterStats } from '../../runtime/router/core/router-stats.js';
import type { RoutingContext } from '../../runtime/router/routing/routing-context.js';

/** A session as routing sees it; `inbox` holds every message routed to it, in order. */
export class TestPeer implements SessionPeer {
  readonly calls = new Map<number, PeerCall>();
  readonly invocations = new Map<number, PeerCall>();
  invocationSeq = 0;
  readonly registrations = new Set<PeerRegistration>();
  readonly subscriptions = new Set<PeerSubscription>();
  readonly inbox: WampMessage[] = [];

  constructor(
    readonly id: number,
    /** `Feature` bits, as parsed from HELLO. */
    readonly features = 0,
    readonly authid = `user-${id}`,
    readonly authrole = 'user',
  ) {}

  send(message: WampMessage): void {
    this.inbox.push(message);
  }

  nextInvocationId(): number {
    return ++this.invocationSeq;
  }

  /** Removes and returns everything received so far. */
  take(): WampMessage[] {
    return this.inbox.splice(0, this.inbox.length);
  }
}

/** A routing context with real counters, sequential ids from 1, and recorded meta events. */
export interface TestContext extends RoutingContext {
  readonly stats: RouterStats;
  /** Every meta event published, as `[topic, args]`. */
  readonly meta: [string, Args][];
}

export function testContext(): TestContext {
  let seq = 0;
  const meta: [string, Args][] = [];
  return {
    stats: createRouterStats(),
    meta,
    nextRouterId: () => ++seq,
    publishMeta: (topic, args) => {
      meta.push([topic, args]);
    },
  };
}
