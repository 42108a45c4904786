/**
 * The broker alone: fake subscriber peers, a fake routing context, and the exact messages each
 * peer is sent. No socket, session or realm is involved.
 */
import { describe, expect, it } from 'vitest';
import type { Dict, PublishMessageOptions } from '../../../runtime/protocol/messages.js';
import type { PeerIdentity } from '../../../runtime/router/core/peer.js';
import { Broker } from '../../../runtime/router/routing/broker.js';
import { TestPeer, testContext } from '../../helpers/routing-fakes.js';

function setup() {
  const ctx = testContext();
  return { ctx, broker: new Broker(ctx) };
}

/** Subscribes and returns the subscription id from the SUBSCRIBED (other messages stay queued). */
function subscribe(broker: Broker, peer: TestPeer, topic: string, options: Dict = {}, request = 1): number {
  broker.subscribe(peer, request, options, topic);
  const subscribed = peer.inbox.shift();
  expect(subscribed?.slice(0, 2)).toEqual([33, request]);
  return subscribed?.[2] as number;
}

function publish(
  broker: Broker,
  publisher: PeerIdentity,
  topic: string,
  args?: unknown[],
  kwargs?: Dict,
  options: PublishMessageOptions = {},
): number {
  return broker.publish(publisher, options, topic, args, kwargs);
}

describe('Broker: subscribing', () => {
  it('gives every subscriber of one (topic, match) the same subscription, created once', () => {
    const { ctx, broker } = setup();
    const a = new TestPeer(1);
    const b = new TestPeer(2);
    const sub = subscribe(broker, a, 'com.example.news');
    expect(subscribe(broker, b, 'com.example.news')).toBe(sub);
    expect(subscribe(broker, b, 'com.example.news', { match: 'prefix' })).not.toBe(sub);
    expect(ctx.meta.map(([topic, args]) => [topic, args[0]])).toEqual([
      ['wamp.subscription.on_create', 1],
      ['wamp.subscription.on_subscribe', 1],
      ['wamp.subscription.on_subscribe', 2],
      ['wamp.subscription.on_create', 2],
      ['wamp.subscription.on_subscribe', 2],
    ]);
  });

  it('answers a repeated SUBSCRIBE with the same id and no second on_subscribe', () => {
    const { ctx, broker } = setup();
    const a = new TestPeer(1);
    const sub = subscribe(broker, a, 'com.example.news');
    expect(subscribe(broker, a, 'com.example.news', {}, 2)).toBe(sub);
    expect(ctx.meta.length).toBe(2);
    publish(broker, new TestPeer(9), 'com.example.news', ['once']);
    expect(a.take().length).toBe(1);
  });

  it('UNSUBSCRIBE: UNSUBSCRIBED, and the subscription goes with its last subscriber', () => {
    const { ctx, broker } = setup();
    const a = new TestPeer(1);
    const b = new TestPeer(2);
    const sub = subscribe(broker, a, 'com.example.news');
    subscribe(broker, b, 'com.example.news');
    ctx.meta.length = 0;

    broker.unsubscribe(a, 2, sub);
    expect(a.take()).toEqual([[35, 2]]);
    expect(broker.byId.has(sub)).toBe(true);
    broker.unsubscribe(b, 2, sub);
    expect(b.take()).toEqual([[35, 2]]);
    expect(broker.byId.size).toBe(0);
    expect(broker.subscriptions.size).toBe(0);
    expect(ctx.meta).toEqual([
      ['wamp.subscription.on_unsubscribe', [1, sub]],
      ['wamp.subscription.on_unsubscribe', [2, sub]],
      ['wamp.subscription.on_delete', [2, sub]],
    ]);
  });

  it('refuses UNSUBSCRIBE of a subscription the session does not hold', () => {
    const { broker } = setup();
    const a = new TestPeer(1);
    const b = new TestPeer(2);
    const sub = subscribe(broker, a, 'com.example.news');
    broker.unsubscribe(b, 1, sub);
    broker.unsubscribe(b, 2, 12345);
    expect(b.take()).toEqual([
      [8, 34, 1, {}, 'wamp.error.no_such_subscription'],
      [8, 34, 2, {}, 'wamp.error.no_such_subscription'],
    ]);
    expect(broker.byId.get(sub)?.subscribers.size).toBe(1);
  });
});

describe('Broker: publishing', () => {
  it('delivers one EVENT per subscriber, the same array for all, and not to the publisher', () => {
    const { broker } = setup();
    const publisher = new TestPeer(1);
    const a = new TestPeer(2);
    const b = new TestPeer(3);
    const sub = subscribe(broker, publisher, 'com.example.news');
    subscribe(broker, a, 'com.example.news');
    subscribe(broker, b, 'com.example.news');

    const args = ['hello'];
    const publication = publish(broker, publisher, 'com.example.news', args, { lang: 'en' });
    const [ea] = a.take();
    const [eb] = b.take();
    expect(ea).toEqual([36, sub, publication, {}, ['hello'], { lang: 'en' }]);
    // One array per subscription: transports encode it once for the whole fan-out.
    expect(eb).toBe(ea);
    expect(ea?.[4]).toBe(args);
    expect(publisher.inbox).toEqual([]);
  });

  it('returns the publication id its EVENTs carry (what PUBLISHED acknowledges)', () => {
    const { broker } = setup();
    const a = new TestPeer(2);
    subscribe(broker, a, 'com.example.news');
    const first = publish(broker, new TestPeer(1), 'com.example.news');
    const second = publish(broker, new TestPeer(1), 'com.example.news', [], {}, { acknowledge: true });
    expect(first).not.toBe(second);
    // Empty payloads are omitted on the wire (A.1).
    expect(a.take()).toEqual([
      [36, 1, first, {}],
      [36, 1, second, {}],
    ]);
    // Nobody subscribed: still a publication id to acknowledge.
    expect(typeof publish(broker, new TestPeer(1), 'com.example.quiet')).toBe('number');
  });

  it('delivers to the publisher too with exclude_me: false', () => {
    const { broker } = setup();
    const publisher = new TestPeer(1);
    const sub = subscribe(broker, publisher, 'com.example.echo');
    const publication = publish(broker, publisher, 'com.example.echo', [1], undefined, { exclude_me: false });
    expect(publisher.take()).toEqual([[36, sub, publication, {}, [1]]]);
  });

  it('delivers to exact, prefix and wildcard subscriptions, naming the topic for the patterns', () => {
    const { broker } = setup();
    const exact = new TestPeer(1);
    const prefix = new TestPeer(2);
    const wildcard = new TestPeer(3);
    const both = new TestPeer(4);
    const other = new TestPeer(5);
    const sExact = subscribe(broker, exact, 'com.example.news');
    const sPrefix = subscribe(broker, prefix, 'com.example.', { match: 'prefix' });
    const sWild = subscribe(broker, wildcard, 'com..news', { match: 'wildcard' });
    subscribe(broker, both, 'com.example.news');
    subscribe(broker, both, 'com.example.', { match: 'prefix' }, 2);
    subscribe(broker, other, 'com.other.', { match: 'prefix' });

    const publication = publish(broker, new TestPeer(9), 'com.example.news', ['x']);
    const named = { topic: 'com.example.news' };
    expect(exact.take()).toEqual([[36, sExact, publication, {}, ['x']]]);
    expect(prefix.take()).toEqual([[36, sPrefix, publication, named, ['x']]]);
    expect(wildcard.take()).toEqual([[36, sWild, publication, named, ['x']]]);
    // A session subscribed twice, by two subscriptions, receives the event once per subscription.
    expect(both.take()).toEqual([
      [36, sExact, publication, {}, ['x']],
      [36, sPrefix, publication, named, ['x']],
    ]);
    expect(other.inbox).toEqual([]);
  });

  it('discloses the publisher on disclose_me, but never the router itself', () => {
    const { broker } = setup();
    const a = new TestPeer(2);
    subscribe(broker, a, 'com.example.news');
    const p1 = publish(broker, new TestPeer(1, 0, 'alice', 'admin'), 'com.example.news', [], undefined, {
      disclose_me: true,
    });
    const router: PeerIdentity = { id: 0, authid: 'router', authrole: 'router' };
    const p2 = publish(broker, router, 'com.example.news', [], undefined, { disclose_me: true });
    expect(a.take()).toEqual([
      [36, 1, p1, { publisher: 1, publisher_authid: 'alice', publisher_authrole: 'admin' }],
      [36, 1, p2, {}],
    ]);
  });
});

describe('Broker: subscriber black- and whitelisting (D.13)', () => {
  function audience() {
    const { broker } = setup();
    const peers = [
      new TestPeer(1, 0, 'alice', 'admin'),
      new TestPeer(2, 0, 'bob', 'user'),
      new TestPeer(3, 0, 'carol', 'user'),
    ];
    for (const p of peers) subscribe(broker, p, 'com.example.news');
    /** Publishes with `options` and returns the ids of the sessions that received the event. */
    const reached = (options: PublishMessageOptions): number[] => {
      publish(broker, new TestPeer(9), 'com.example.news', ['x'], undefined, options);
      return peers.filter((p) => p.take().length > 0).map((p) => p.id);
    };
    return reached;
  }

  it('eligible and exclude by session id', () => {
    const reached = audience();
    expect(reached({ eligible: [1, 3] })).toEqual([1, 3]);
    expect(reached({ exclude: [1, 3] })).toEqual([2]);
    expect(reached({ eligible: [1, 2], exclude: [2] })).toEqual([1]);
  });

  it('eligible and exclude by authid and authrole, combined with every list present', () => {
    const reached = audience();
    expect(reached({ eligible_authid: ['bob', 'carol'] })).toEqual([2, 3]);
    expect(reached({ exclude_authid: ['bob'] })).toEqual([1, 3]);
    expect(reached({ eligible_authrole: ['user'] })).toEqual([2, 3]);
    expect(reached({ exclude_authrole: ['user'] })).toEqual([1]);
    expect(reached({ eligible_authrole: ['user'], exclude_authid: ['carol'] })).toEqual([2]);
    expect(reached({ eligible: [] })).toEqual([]);
  });

  it('applies the lists to pattern subscriptions as well', () => {
    const { broker } = setup();
    const a = new TestPeer(1);
    const b = new TestPeer(2);
    subscribe(broker, a, 'com.', { match: 'prefix' });
    subscribe(broker, b, 'com.', { match: 'prefix' });
    publish(broker, new TestPeer(9), 'com.example.news', [], undefined, { exclude: [1] });
    expect(a.inbox).toEqual([]);
    expect(b.take().length).toBe(1);
  });
});

describe('Broker: event retention (D.18)', () => {
  it('sends the retained event after SUBSCRIBED to a subscriber that asks for it', () => {
    const { broker } = setup();
    const publisher = new TestPeer(1, 0, 'alice', 'admin');
    publish(broker, publisher, 'com.example.state', ['old'], undefined, { retain: true });
    const publication = publish(broker, publisher, 'com.example.state', ['new'], { v: 2 }, { retain: true });

    const late = new TestPeer(2);
    broker.subscribe(late, 1, { get_retained: true }, 'com.example.state');
    const [subscribed, retained] = late.take();
    expect(subscribed).toEqual([33, 1, 1]);
    // Only the latest retained event per topic.
    expect(retained).toEqual([36, 1, publication, { retained: true }, ['new'], { v: 2 }]);

    const plain = new TestPeer(3);
    broker.subscribe(plain, 1, {}, 'com.example.state');
    expect(plain.take()).toEqual([[33, 1, 1]]);
  });

  it('names the topic for a pattern subscription and discloses the publisher when it asked', () => {
    const { broker } = setup();
    const a = publish(broker, new TestPeer(1, 0, 'alice', 'admin'), 'com.example.a', [1], undefined, {
      retain: true,
      disclose_me: true,
    });
    const b = publish(broker, new TestPeer(1), 'com.example.b', [2], undefined, { retain: true });
    publish(broker, new TestPeer(1), 'org.example.c', [3], undefined, { retain: true });

    const late = new TestPeer(2);
    const sub = subscribe(broker, late, 'com.example.', { match: 'prefix', get_retained: true });
    expect(late.take()).toEqual([
      [
        36,
        sub,
        a,
        {
          retained: true,
          topic: 'com.example.a',
          publisher: 1,
          publisher_authid: 'alice',
          publisher_authrole: 'admin',
        },
        [1],
      ],
      [36, sub, b, { retained: true, topic: 'com.example.b' }, [2]],
    ]);
  });

  it('keeps the original publication’s exclusions: the publisher and excluded sessions get nothing', () => {
    const { broker } = setup();
    const publisher = new TestPeer(1);
    publish(broker, publisher, 'com.example.state', ['x'], undefined, { retain: true, exclude: [3] });

    broker.subscribe(publisher, 1, { get_retained: true }, 'com.example.state');
    const excluded = new TestPeer(3);
    broker.subscribe(excluded, 1, { get_retained: true }, 'com.example.state');
    const allowed = new TestPeer(4);
    broker.subscribe(allowed, 1, { get_retained: true }, 'com.example.state');
    expect(publisher.take().map((m) => m[0])).toEqual([33]);
    expect(excluded.take().map((m) => m[0])).toEqual([33]);
    expect(allowed.take().map((m) => m[0])).toEqual([33, 36]);
  });
});

describe('Broker: a session leaving (B.3)', () => {
  it('detaches the leaver at once and publishes the meta events only when asked to', () => {
    const { ctx, broker } = setup();
    const leaver = new TestPeer(1);
    const stays = new TestPeer(2);
    const shared = subscribe(broker, leaver, 'com.example.shared');
    subscribe(broker, stays, 'com.example.shared');
    const own = subscribe(broker, leaver, 'com.example.own', {}, 2);
    ctx.meta.length = 0;

    const subs = broker.detachSession(leaver);
    expect(leaver.subscriptions.size).toBe(0);
    expect(broker.byId.has(own)).toBe(false);
    expect(broker.byId.get(shared)?.subscribers.has(stays)).toBe(true);
    publish(broker, new TestPeer(9), 'com.example.shared');
    expect(leaver.inbox).toEqual([]);
    expect(stays.take().length).toBe(1);
    expect(ctx.meta).toEqual([]);

    broker.publishDetached(subs, leaver.id);
    expect(ctx.meta).toEqual([
      ['wamp.subscription.on_unsubscribe', [1, shared]],
      ['wamp.subscription.on_unsubscribe', [1, own]],
      ['wamp.subscription.on_delete', [1, own]],
    ]);
  });
});
