import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function peers(n: number, router: Router = createRouter()): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) out.push(await new FakePeer(router).join());
  return out;
}

describe('broker: event retention (D.18)', () => {
  it('sends the retained event with retained:true after SUBSCRIBED when get_retained is set', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', ['on'], undefined, { retain: true });
    const req = sub!.nextRequest();
    sub!.receive([32, req, { get_retained: true }, 'com.example.state']);
    const [subscribed, event] = sub!.take();
    expect(subscribed?.[0]).toBe(33);
    expect(event?.[0]).toBe(36);
    expect(event?.slice(3)).toEqual([{ retained: true }, ['on']]);
  });

  it('keeps only the most recent retained event per topic', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', [1], undefined, { retain: true });
    pub!.publish('com.example.state', [2], undefined, { retain: true });
    sub!.subscribe('com.example.state', { get_retained: true });
    expect(sub!.take().map((m) => m[4])).toEqual([[2]]);
  });

  it('sends no retained event without get_retained', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', [1], undefined, { retain: true });
    sub!.subscribe('com.example.state');
    expect(sub!.take()).toEqual([]);
  });

  it('does not retain a publication without retain:true', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', [1]);
    sub!.subscribe('com.example.state', { get_retained: true });
    expect(sub!.take()).toEqual([]);
  });

  it('withholds a retained event the subscriber would not have been eligible for', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', [1], undefined, { retain: true, exclude: [sub!.sessionId] });
    sub!.subscribe('com.example.state', { get_retained: true });
    expect(sub!.take()).toEqual([]);
  });

  it('sends retained events of every matching topic to a pattern subscription, with Details.topic', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.a', [1], undefined, { retain: true });
    pub!.publish('com.example.b', [2], undefined, { retain: true });
    pub!.publish('org.other', [3], undefined, { retain: true });
    sub!.subscribe('com.example', { match: 'prefix', get_retained: true });
    expect(sub!.take().map((m) => m[3])).toEqual([
      { retained: true, topic: 'com.example.a' },
      { retained: true, topic: 'com.example.b' },
    ]);
  });

  it('keeps the retained publication id', async () => {
    const [pub, sub] = await peers(2);
    pub!.publish('com.example.state', [1], undefined, { retain: true, acknowledge: true });
    const publication = pub!.last()?.[2];
    sub!.subscribe('com.example.state', { get_retained: true });
    expect(sub!.last()?.[2]).toBe(publication);
  });
});

describe('broker: retained publisher identity', () => {
  it('discloses the original publisher of a retained event after it left', async () => {
    const [pub, sub] = await peers(2);
    const publisherId = pub!.sessionId;
    pub!.publish('com.example.state', [1], undefined, { retain: true, disclose_me: true });
    pub!.receive([6, {}, 'wamp.close.close_realm']);
    sub!.subscribe('com.example.state', { get_retained: true });
    expect((sub!.last()?.[3] as { publisher?: number } | undefined)?.publisher).toBe(publisherId);
  });
});
