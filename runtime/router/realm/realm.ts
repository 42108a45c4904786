/**
 * A realm: its sessions, dealer and broker, the router as a caller in it, and meta events.
 * Router-served meta procedures are added on top by `installMetaApi` (meta-api.ts).
 */
import type { RouterQuotas } from '../core/quotas.js';
import type { Args, Dict } from '../../protocol/messages.js';
import type { PeerIdentity, SessionPeer } from '../core/peer.js';
import type { RouterStats } from '../core/router-stats.js';
import type { TestamentStore } from '../core/testament.js';
import { Broker } from '../routing/broker.js';
import { Dealer } from '../routing/dealer.js';
import { InternalPeer } from '../routing/internal-peer.js';
import type { RoutingContext } from '../routing/routing-context.js';

const NO_OPTIONS = Object.freeze({});
/** Meta events are published by the router itself: never disclosed, never excluded. */
const ROUTER_IDENTITY: PeerIdentity = Object.freeze({ id: 0, authid: 'router', authrole: 'router' });

/** What a realm needs from its router: shared counters and router-scope ids. */
export interface RealmHost {
  readonly stats: RouterStats;
  readonly quotas: RouterQuotas;
  nextRouterId(): number;
}

/** A joined session as its realm and the meta API see it. */
export interface RealmMember extends SessionPeer {
  /** Testaments added with `wamp.session.add_testament`, created on first use. */
  testaments: TestamentStore | undefined;
  /** `SessionDetails` as `wamp.session.get` and `on_join` report them. */
  metaDetails(): Dict;
  /**
   * Router-initiated end (kill): GOODBYE with `reason`, then leave the realm; `announce` false
   * suppresses the leave's meta and testament events. False when the session was not joined.
   */
  goodbye(reason: string, message: string | undefined, announce: boolean): boolean;
}

/** One routing domain; sessions in different realms never see each other. */
export class Realm implements RoutingContext {
  /** Established sessions, by session id. */
  readonly sessions = new Map<number, RealmMember>();
  readonly dealer: Dealer;
  readonly broker: Broker;
  /** The router as a caller in this realm (`router.call`). */
  readonly internal = new InternalPeer();
  /** The router's counters (routing counts into them directly). */
  readonly stats: RouterStats;
  /** The router's quotas (per session, and the retained-topic cap of this realm's broker). */
  readonly quotas: RouterQuotas;

  constructor(
    readonly name: string,
    private readonly host: RealmHost,
  ) {
    this.stats = host.stats;
    this.quotas = host.quotas;
    this.dealer = new Dealer(this);
    this.broker = new Broker(this);
  }

  /** The next registration/subscription id (router scope). */
  nextRouterId(): number {
    return this.host.nextRouterId();
  }

  /** A session completed its handshake (WELCOME sent). */
  join(session: RealmMember): void {
    this.sessions.set(session.id, session);
    this.publishMeta('wamp.session.on_join', [session.metaDetails()]);
  }

  /**
   * B.3 cleanup: subscriptions first (so the leaver gets no meta event), then calls and
   * registrations, then the meta events, `on_leave` and the testaments.
   */
  leave(session: RealmMember, announce: boolean): void {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    const subs = this.broker.detachSession(session);
    this.dealer.removeSession(session, announce);
    if (!announce) return;
    this.broker.publishDetached(subs, session.id);
    this.publishMeta('wamp.session.on_leave', [session.id, session.authid, session.authrole]);
    const t = session.testaments;
    if (t === undefined) return;
    const identity: PeerIdentity = { id: session.id, authid: session.authid, authrole: session.authrole };
    for (const x of t.detached) this.broker.publish(identity, x.options, x.topic, x.args, x.kwargs);
    for (const x of t.destroyed) this.broker.publish(identity, x.options, x.topic, x.args, x.kwargs);
  }

  /** Publishes a meta event as the router (skipped cheaply when nobody subscribes to anything). */
  publishMeta(topic: string, args: Args): void {
    if (this.broker.subscriptions.size === 0) return;
    this.broker.publish(ROUTER_IDENTITY, NO_OPTIONS, topic, args, undefined);
  }

  /** Publishes as the router (`router.publish`). */
  publishAsRouter(
    topic: string,
    args: Args | undefined,
    kwargs: Record<string, unknown> | undefined,
    options: Record<string, unknown>,
  ): number {
    return this.broker.publish(ROUTER_IDENTITY, options, topic, args, kwargs);
  }
}
