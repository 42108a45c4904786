/**
 * The broker of one realm: subscriptions (exact/prefix/wildcard), publication routing with
 * publisher exclusion, black/whitelisting and identification, and event retention (D.11-D.18).
 *
 * Hot path: one EVENT array per matching subscription per publication, reused for all of that
 * subscription's subscribers (transports serialize the same array); no closures.
 */
import { DEFAULT_QUOTAS } from '../core/quotas.js';
import { errorMessage, eventMessage, subscribedMessage, unsubscribedMessage } from '../../protocol/encode.js';
import { randomId } from '../../protocol/ids.js';
import { MessageType } from '../../protocol/message-type.js';
import type {
  EventDetails,
  PublishMessageOptions,
  SubscribeMessageOptions,
} from '../../protocol/messages.js';
import { ErrorUri } from '../../protocol/uris.js';
import type { PeerIdentity, PeerSubscription, SendRefused, SubscriberPeer } from '../core/peer.js';
import { Subscription } from '../core/subscription.js';
import { UriIndex, uriMatches } from '../core/uri-index.js';
import { copyPassthru, isPassthru } from './payload-passthru.js';
import type { RoutingContext } from './routing-context.js';

/** The event a topic keeps for late subscribers (`retain: true`, D.18). */
interface RetainedEvent {
  readonly publication: number;
  readonly publisher: PeerIdentity;
  readonly options: PublishMessageOptions;
  readonly args: unknown[] | undefined;
  readonly kwargs: Record<string, unknown> | undefined;
}

function hasLists(o: PublishMessageOptions): boolean {
  return (
    o.exclude !== undefined ||
    o.eligible !== undefined ||
    o.exclude_authid !== undefined ||
    o.eligible_authid !== undefined ||
    o.exclude_authrole !== undefined ||
    o.eligible_authrole !== undefined
  );
}

/** D.13: the subscriber must be in every eligible* list present and in no exclude* list. */
function passesLists(s: PeerIdentity, o: PublishMessageOptions): boolean {
  if (o.eligible !== undefined && !o.eligible.includes(s.id)) return false;
  if (o.exclude?.includes(s.id)) return false;
  if (o.eligible_authid !== undefined && !o.eligible_authid.includes(s.authid)) return false;
  if (o.exclude_authid?.includes(s.authid)) return false;
  if (o.eligible_authrole !== undefined && !o.eligible_authrole.includes(s.authrole)) return false;
  if (o.exclude_authrole?.includes(s.authrole)) return false;
  return true;
}

/** Routes publications inside one realm, from any publisher identity to subscriber peers. */
export class Broker {
  /** Subscriptions by (topic, match), for routing. */
  readonly subscriptions = new UriIndex<PeerSubscription>();
  /** Subscriptions by id, for UNSUBSCRIBE and the meta API. */
  readonly byId = new Map<number, PeerSubscription>();
  /** Retained events by concrete topic. */
  readonly retained = new Map<string, RetainedEvent>();
  /**
   * Why the last {@link publish} could not reach some subscriber (an EVENT its link refused: not
   * encodable for its serializer, or over its size limit), or undefined when it reached all of
   * them. Those subscribers are skipped (counted in `refusedDeliveries`); an acknowledged
   * publisher gets ERROR instead of PUBLISHED.
   */
  lastRefused: SendRefused | undefined = undefined;

  constructor(private readonly ctx: RoutingContext) {}

  /** SUBSCRIBE (already authorized): one id per (topic, match), shared by all sessions. */
  subscribe(session: SubscriberPeer, request: number, options: SubscribeMessageOptions, topic: string): void {
    const match = options.match ?? 'exact';
    let sub = this.subscriptions.get(topic, match);
    let created = false;
    if (sub === undefined) {
      sub = new Subscription<SubscriberPeer>(this.ctx.nextRouterId(), topic, match);
      this.subscriptions.add(sub);
      this.byId.set(sub.id, sub);
      created = true;
    }
    const added = !sub.subscribers.has(session);
    if (added) {
      sub.subscribers.add(session);
      session.subscriptions.add(sub);
    }
    // SUBSCRIBED before any EVENT of this subscription (B.7), retained ones included.
    session.send(subscribedMessage(request, sub.id));
    if (created) this.ctx.publishMeta('wamp.subscription.on_create', [session.id, sub.details()]);
    if (added) this.ctx.publishMeta('wamp.subscription.on_subscribe', [session.id, sub.id]);
    if (options.get_retained === true) this.sendRetained(session, sub);
  }

  /** UNSUBSCRIBE: only a subscriber of the subscription may leave it. */
  unsubscribe(session: SubscriberPeer, request: number, subscriptionId: number): void {
    const sub = this.byId.get(subscriptionId);
    if (sub === undefined || !sub.subscribers.has(session)) {
      session.send(errorMessage(MessageType.UNSUBSCRIBE, request, {}, ErrorUri.NO_SUCH_SUBSCRIPTION));
      return;
    }
    this.removeSubscriber(sub, session);
    session.send(unsubscribedMessage(request));
    this.afterRemoval(sub, session.id);
  }

  /** Detaches one subscriber; the subscription goes with its last subscriber. */
  private removeSubscriber(sub: PeerSubscription, session: SubscriberPeer): void {
    sub.subscribers.delete(session);
    session.subscriptions.delete(sub);
    if (sub.subscribers.size === 0) {
      this.subscriptions.remove(sub);
      this.byId.delete(sub.id);
    }
  }

  /** `on_unsubscribe`, then `on_delete` when that was the last subscriber. */
  private afterRemoval(sub: PeerSubscription, sessionId: number): void {
    this.ctx.publishMeta('wamp.subscription.on_unsubscribe', [sessionId, sub.id]);
    if (sub.subscribers.size === 0) this.ctx.publishMeta('wamp.subscription.on_delete', [sessionId, sub.id]);
  }

  /**
   * Delivers a publication to every matching subscription (once per subscription) and returns
   * its publication id. Authorization and URI checks are the caller's job.
   */
  publish(
    publisher: PeerIdentity,
    options: PublishMessageOptions,
    topic: string,
    args: unknown[] | undefined,
    kwargs: Record<string, unknown> | undefined,
  ): number {
    const publication = randomId();
    this.lastRefused = undefined;
    if (options.retain === true) {
      // A snapshot: the session object is reset if its link is reused after GOODBYE.
      const identity = { id: publisher.id, authid: publisher.authid, authrole: publisher.authrole };
      const retained = this.retained;
      // Map order is retention order: a re-retained topic moves to the end, the oldest is evicted.
      retained.delete(topic);
      retained.set(topic, { publication, publisher: identity, options, args, kwargs });
      const max = this.ctx.quotas?.maxRetainedTopics ?? DEFAULT_QUOTAS.maxRetainedTopics;
      if (retained.size > max) retained.delete(retained.keys().next().value as string);
    }
    const index = this.subscriptions;
    if (index.size === 0) return publication;
    // One details object per publication, shared by its subscribers (never by other publications).
    let base: EventDetails = {};
    if (options.disclose_me === true && publisher.id !== 0) {
      base = {
        publisher: publisher.id,
        publisher_authid: publisher.authid,
        publisher_authrole: publisher.authrole,
      };
    }
    // D.21: the ppt_* keys travel into every EVENT of a passthru publication.
    if (isPassthru(options)) {
      base = { ...base };
      copyPassthru(options, base);
    }
    // Session ids start at 1, so 0 excludes nobody (D.12: the publisher is excluded by default).
    const excludeId = options.exclude_me === false ? 0 : publisher.id;
    const filtered = hasLists(options);
    // Fast path: with no pattern subscriptions in the realm, one Map lookup finds the only match.
    if (index.prefix.size === 0 && index.wildcard.size === 0) {
      const sub = index.exact.get(topic);
      if (sub !== undefined) this.deliver(sub, publication, base, excludeId, filtered, options, args, kwargs);
      return publication;
    }
    const matches: PeerSubscription[] = [];
    index.collect(topic, matches);
    let patternDetails: EventDetails | undefined;
    for (let i = 0; i < matches.length; i++) {
      const sub = matches[i] as PeerSubscription;
      let details = base;
      // D.15: pattern matches must name the concrete topic; one shared details object suffices.
      if (sub.match !== 'exact') details = patternDetails ??= { ...base, topic };
      this.deliver(sub, publication, details, excludeId, filtered, options, args, kwargs);
    }
    return publication;
  }

  /** Sends one EVENT array to every eligible subscriber of one subscription. */
  private deliver(
    sub: PeerSubscription,
    publication: number,
    details: EventDetails,
    excludeId: number,
    filtered: boolean,
    options: PublishMessageOptions,
    args: unknown[] | undefined,
    kwargs: Record<string, unknown> | undefined,
  ): void {
    const message = eventMessage(sub.id, publication, details, args, kwargs);
    for (const s of sub.subscribers) {
      if (s.id === excludeId) continue;
      if (filtered && !passesLists(s, options)) continue;
      const refused = s.send(message);
      if (refused !== undefined) this.lastRefused = refused;
    }
  }

  /** `get_retained`: the retained events this subscriber would have been eligible for. */
  private sendRetained(session: SubscriberPeer, sub: PeerSubscription): void {
    if (sub.match === 'exact') {
      const r = this.retained.get(sub.uri);
      if (r !== undefined) this.sendOneRetained(session, sub, sub.uri, r);
      return;
    }
    for (const [topic, r] of this.retained) {
      if (uriMatches(sub, topic)) this.sendOneRetained(session, sub, topic, r);
    }
  }

  /** One retained event, if this subscriber passes the original publication's lists. */
  private sendOneRetained(
    session: SubscriberPeer,
    sub: PeerSubscription,
    topic: string,
    r: RetainedEvent,
  ): void {
    const o = r.options;
    if (o.exclude_me !== false && r.publisher.id === session.id) return;
    if (hasLists(o) && !passesLists(session, o)) return;
    const details: EventDetails = { retained: true };
    if (sub.match !== 'exact') details.topic = topic;
    if (o.disclose_me === true && r.publisher.id !== 0) {
      details.publisher = r.publisher.id;
      details.publisher_authid = r.publisher.authid;
      details.publisher_authrole = r.publisher.authrole;
    }
    if (isPassthru(o)) copyPassthru(o, details);
    session.send(eventMessage(sub.id, r.publication, details, r.args, r.kwargs));
  }

  /** Removes a leaving session from all its subscriptions (B.3 cleanup); returns them. */
  detachSession(session: SubscriberPeer): PeerSubscription[] {
    const subs = Array.from(session.subscriptions);
    session.subscriptions.clear();
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i] as PeerSubscription;
      sub.subscribers.delete(session);
      if (sub.subscribers.size === 0) {
        this.subscriptions.remove(sub);
        this.byId.delete(sub.id);
      }
    }
    return subs;
  }

  /** Publishes `on_unsubscribe`/`on_delete` for subscriptions a leaving session had. */
  publishDetached(subs: readonly PeerSubscription[], sessionId: number): void {
    for (let i = 0; i < subs.length; i++) this.afterRemoval(subs[i] as PeerSubscription, sessionId);
  }
}
