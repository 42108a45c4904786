import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function peers(n: number, router: Router = createRouter()): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) out.push(await new FakePeer(router).join());
  return out;
}

describe('broker: publish and subscribe', () => {
  it('delivers a publication as EVENT with its payload', async () => {
    const [sub, pub] = await peers(2);
    const id = sub!.subscribe('com.example.t');
    pub!.publish('com.example.t', [1], { a: 2 });
    const [ev] = sub!.take();
    expect(ev?.[0]).toBe(36);
    expect(ev?.[1]).toBe(id);
    expect(ev?.slice(3)).toEqual([{}, [1], { a: 2 }]);
  });

  it('shares one subscription id across sessions for the same topic and match', async () => {
    const [a, b] = await peers(2);
    expect(a!.subscribe('com.example.t')).toBe(b!.subscribe('com.example.t'));
  });

  it('returns the existing id when a session subscribes twice', async () => {
    const [a] = await peers(1);
    expect(a!.subscribe('com.example.t')).toBe(a!.subscribe('com.example.t'));
  });

  it('uses one publication id for all subscribers of one publication', async () => {
    const [a, b, pub] = await peers(3);
    a!.subscribe('com.example.t');
    b!.subscribe('com.example.t');
    pub!.publish('com.example.t');
    expect(a!.last()?.[2]).toBe(b!.last()?.[2]);
  });

  it('acknowledges with PUBLISHED carrying the publication id when asked', async () => {
    const [sub, pub] = await peers(2);
    sub!.subscribe('com.example.t');
    const req = pub!.publish('com.example.t', [], undefined, { acknowledge: true });
    const ack = pub!.last();
    expect(ack?.slice(0, 2)).toEqual([17, req]);
    expect(ack?.[2]).toBe(sub!.last()?.[2]);
  });

  it('sends nothing back for an unacknowledged publication', async () => {
    const [pub] = await peers(1);
    pub!.publish('com.example.t');
    expect(pub!.take()).toEqual([]);
  });

  it('does not deliver to the publisher by default even when subscribed', async () => {
    const [pub] = await peers(1);
    pub!.subscribe('com.example.t');
    pub!.publish('com.example.t');
    expect(pub!.take()).toEqual([]);
  });

  it('delivers to the publisher with exclude_me false', async () => {
    const [pub] = await peers(1);
    pub!.subscribe('com.example.t');
    pub!.publish('com.example.t', [], undefined, { exclude_me: false });
    expect(pub!.last()?.[0]).toBe(36);
  });

  it('stops delivering after UNSUBSCRIBE', async () => {
    const [sub, pub] = await peers(2);
    const id = sub!.subscribe('com.example.t');
    const req = sub!.nextRequest();
    sub!.receive([34, req, id]);
    expect(sub!.last()).toEqual([35, req]);
    pub!.publish('com.example.t');
    expect(sub!.take()).toEqual([]);
  });

  it('answers no_such_subscription for an UNSUBSCRIBE of an unknown id', async () => {
    const [sub] = await peers(1);
    sub!.receive([34, sub!.nextRequest(), 12345]);
    expect(sub!.last()?.[4]).toBe('wamp.error.no_such_subscription');
  });

  it('keeps publish order between a publisher and a subscriber across topics', async () => {
    const [sub, pub] = await peers(2);
    sub!.subscribe('com.example.a');
    sub!.subscribe('com.example.b');
    for (let i = 0; i < 6; i++) pub!.publish(i % 2 ? 'com.example.a' : 'com.example.b', [i]);
    expect(sub!.take().map((m) => (m[4] as number[])[0])).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses PUBLISH on wamp.* with not_authorized when acknowledged', async () => {
    const [pub] = await peers(1);
    pub!.publish('wamp.session.on_join', [], undefined, { acknowledge: true });
    expect(pub!.last()?.[4]).toBe('wamp.error.not_authorized');
  });

  it('lets clients subscribe to wamp.* meta topics', async () => {
    const [sub] = await peers(1);
    expect(typeof sub!.subscribe('wamp.session.on_join')).toBe('number');
  });

  it('answers invalid_uri for an acknowledged PUBLISH to a malformed topic', async () => {
    const [pub] = await peers(1);
    pub!.publish('bad topic', [], undefined, { acknowledge: true });
    expect(pub!.last()?.[4]).toBe('wamp.error.invalid_uri');
  });

  it('counts an unacknowledged PUBLISH to a malformed topic as dropped, with no reply', async () => {
    const router = createRouter();
    const [pub] = await peers(1, router);
    pub!.publish('bad topic');
    expect(pub!.take()).toEqual([]);
    expect(router.stats.droppedPublishes).toBe(1);
  });
});

describe('broker: pattern-based subscription (D.15)', () => {
  it('delivers to a prefix subscription with Details.topic', async () => {
    const [sub, pub] = await peers(2);
    const id = sub!.subscribe('com.example', { match: 'prefix' });
    pub!.publish('com.example.x.y');
    const ev = sub!.last();
    expect([ev?.[1], ev?.[3]]).toEqual([id, { topic: 'com.example.x.y' }]);
  });

  it('carries the concrete topic in Details.topic for a wildcard subscription', async () => {
    const [sub, pub] = await peers(2);
    sub!.subscribe('com..y', { match: 'wildcard' });
    pub!.publish('com.x.y');
    expect(sub!.last()?.[3]).toEqual({ topic: 'com.x.y' });
  });

  it('delivers once per matching subscription with the same publication id', async () => {
    const [sub, pub] = await peers(2);
    const exact = sub!.subscribe('a.b.c');
    const prefix = sub!.subscribe('a.b', { match: 'prefix' });
    const wild = sub!.subscribe('a..c', { match: 'wildcard' });
    pub!.publish('a.b.c');
    const events = sub!.take();
    expect(events.map((e) => e[1]).sort()).toEqual([exact, prefix, wild].sort());
    expect(new Set(events.map((e) => e[2])).size).toBe(1);
  });

  it('omits Details.topic for an exact subscription', async () => {
    const [sub, pub] = await peers(2);
    sub!.subscribe('a.b.c');
    pub!.publish('a.b.c');
    expect(sub!.last()?.[3]).toEqual({});
  });
});

describe('broker: publisher identification (D.11)', () => {
  it('discloses the publisher when PUBLISH asks disclose_me', async () => {
    const [sub, pub] = await peers(2);
    sub!.subscribe('com.example.t');
    pub!.publish('com.example.t', [], undefined, { disclose_me: true });
    expect(sub!.last()?.[3]).toEqual({
      publisher: pub!.sessionId,
      publisher_authid: pub!.welcome?.authid,
      publisher_authrole: 'anonymous',
    });
  });
});
