/** A realm: its sessions, dealer, broker, router-served meta procedures and meta events. */
import type { Args } from '../protocol/messages.js';
import { Broker } from './broker.js';
import { Dealer } from './dealer.js';
import { InternalPeer } from './internal-peer.js';
import { installMetaApi } from './meta-api.js';
import type { PeerIdentity } from './routed-peer.js';
import type { RouterCore } from './router-core.js';
import type { RouterSession } from './router-session.js';

const NO_OPTIONS = Object.freeze({});
/** Meta events are published by the router itself: never disclosed, never excluded. */
const ROUTER_IDENTITY: PeerIdentity = Object.freeze({ id: 0, authid: 'router', authrole: 'router' });

/** One routing domain; sessions in different realms never see each other. */
export class Realm {
  /** Established sessions, by session id. */
  readonly sessions = new Map<number, RouterSession>();
  readonly dealer: Dealer;
  readonly broker: Broker;
  /** The router as a caller in this realm (`router.call`). */
  readonly internal = new InternalPeer();

  constructor(
    readonly name: string,
    readonly router: RouterCore,
  ) {
    this.dealer = new Dealer(this);
    this.broker = new Broker(this);
    installMetaApi(this);
  }

  /** A session completed its handshake (WELCOME sent). */
  join(session: RouterSession): void {
    this.sessions.set(session.id, session);
    this.publishMeta('wamp.session.on_join', [session.metaDetails()]);
  }

  /**
   * B.3 cleanup: subscriptions first (so the leaver gets no meta event), then calls and
   * registrations, then the meta events, `on_leave` and the testaments.
   */
  leave(session: RouterSession, announce: boolean): void {
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
