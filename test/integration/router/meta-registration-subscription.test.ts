import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function peers(n: number, router: Router = createRouter()): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) out.push(await new FakePeer(router).join());
  return out;
}

const resultOf = async (p: FakePeer, proc: string, args?: unknown[]) => (await p.callAndWait(proc, args))[3];

describe('registration meta API (D.20)', () => {
  it('publishes on_create then on_register for a new registration', async () => {
    const [w, callee] = await peers(2);
    w!.subscribe('wamp.registration', { match: 'prefix' });
    const reg = callee!.register('com.example.p');
    const events = w!.take();
    expect(events.map((e) => (e[3] as { topic: string }).topic)).toEqual([
      'wamp.registration.on_create',
      'wamp.registration.on_register',
    ]);
    expect(events[0]?.[4]).toEqual([
      callee!.sessionId,
      expect.objectContaining({ id: reg, uri: 'com.example.p', match: 'exact', invoke: 'single' }),
    ]);
    expect(events[1]?.[4]).toEqual([callee!.sessionId, reg]);
  });

  it('publishes on_unregister then on_delete when the last callee unregisters', async () => {
    const [w, callee] = await peers(2);
    const reg = callee!.register('com.example.p');
    w!.subscribe('wamp.registration', { match: 'prefix' });
    callee!.receive([66, callee!.nextRequest(), reg]);
    expect(w!.take().map((e) => [(e[3] as { topic: string }).topic, e[4]])).toEqual([
      ['wamp.registration.on_unregister', [callee!.sessionId, reg]],
      ['wamp.registration.on_delete', [callee!.sessionId, reg]],
    ]);
  });

  it('lists registration ids by match policy', async () => {
    const [a] = await peers(1);
    const e = a!.register('a.b');
    const p = a!.register('a', { match: 'prefix' });
    const w = a!.register('a..c', { match: 'wildcard' });
    expect(await resultOf(a!, 'wamp.registration.list')).toEqual([
      { exact: [e], prefix: [p], wildcard: [w] },
    ]);
  });

  it('looks up a registration by URI and match', async () => {
    const [a] = await peers(1);
    const p = a!.register('a', { match: 'prefix' });
    expect(await resultOf(a!, 'wamp.registration.lookup', ['a', { match: 'prefix' }])).toEqual([p]);
    expect(await resultOf(a!, 'wamp.registration.lookup', ['a'])).toEqual([null]);
  });

  it('matches the registration a call would use', async () => {
    const [a] = await peers(1);
    a!.register('a', { match: 'prefix' });
    const best = a!.register('a.b', { match: 'prefix' });
    expect(await resultOf(a!, 'wamp.registration.match', ['a.b.c'])).toEqual([best]);
  });

  it('gets registration details and answers no_such_registration for unknown ids', async () => {
    const [a] = await peers(1);
    const id = a!.register('a.b', { invoke: 'roundrobin' });
    expect(await resultOf(a!, 'wamp.registration.get', [id])).toEqual([
      expect.objectContaining({ id, uri: 'a.b', match: 'exact', invoke: 'roundrobin' }),
    ]);
    expect((await a!.callAndWait('wamp.registration.get', [999]))[4]).toBe('wamp.error.no_such_registration');
  });

  it('lists and counts the callees of a shared registration', async () => {
    const [a, b] = await peers(2);
    const id = a!.register('a.b', { invoke: 'roundrobin' });
    b!.register('a.b', { invoke: 'roundrobin' });
    expect(await resultOf(a!, 'wamp.registration.list_callees', [id])).toEqual([
      [a!.sessionId, b!.sessionId],
    ]);
    expect(await resultOf(a!, 'wamp.registration.count_callees', [id])).toEqual([2]);
  });

  it('answers invalid_argument for a non-id argument', async () => {
    const [a] = await peers(1);
    expect((await a!.callAndWait('wamp.registration.get', ['x']))[4]).toBe('wamp.error.invalid_argument');
  });
});

describe('subscription meta API (D.20)', () => {
  it('publishes on_create and on_subscribe for a new subscription', async () => {
    const [w, s] = await peers(2);
    w!.subscribe('wamp.subscription', { match: 'prefix' });
    w!.take();
    const id = s!.subscribe('com.example.t');
    const events = w!.take();
    expect(events.map((e) => (e[3] as { topic: string }).topic)).toEqual([
      'wamp.subscription.on_create',
      'wamp.subscription.on_subscribe',
    ]);
    expect(events[1]?.[4]).toEqual([s!.sessionId, id]);
  });

  it('publishes on_unsubscribe and on_delete when a subscriber leaves', async () => {
    const [w, s] = await peers(2);
    const id = s!.subscribe('com.example.t');
    w!.subscribe('wamp.subscription.on_delete');
    s!.handle.closed();
    expect(w!.last()?.[4]).toEqual([s!.sessionId, id]);
  });

  it('matches every subscription a publication would reach', async () => {
    const [a] = await peers(1);
    const e = a!.subscribe('a.b.c');
    const p = a!.subscribe('a', { match: 'prefix' });
    const r = (await resultOf(a!, 'wamp.subscription.match', ['a.b.c'])) as number[][];
    expect(r[0]?.sort()).toEqual([e, p].sort());
  });

  it('answers null from match when nothing matches', async () => {
    const [a] = await peers(1);
    expect(await resultOf(a!, 'wamp.subscription.match', ['x.y'])).toEqual([null]);
  });

  it('lists and counts the subscribers of a subscription', async () => {
    const [a, b] = await peers(2);
    const id = a!.subscribe('com.example.t');
    b!.subscribe('com.example.t');
    expect(await resultOf(a!, 'wamp.subscription.list_subscribers', [id])).toEqual([
      [a!.sessionId, b!.sessionId],
    ]);
    expect(await resultOf(a!, 'wamp.subscription.count_subscribers', [id])).toEqual([2]);
  });

  it('looks up, lists and gets subscriptions', async () => {
    const [a] = await peers(1);
    const id = a!.subscribe('com.example', { match: 'prefix' });
    expect(await resultOf(a!, 'wamp.subscription.lookup', ['com.example', { match: 'prefix' }])).toEqual([
      id,
    ]);
    expect(await resultOf(a!, 'wamp.subscription.list')).toEqual([{ exact: [], prefix: [id], wildcard: [] }]);
    expect(await resultOf(a!, 'wamp.subscription.get', [id])).toEqual([
      expect.objectContaining({ id, uri: 'com.example', match: 'prefix' }),
    ]);
  });

  it('answers no_such_subscription from get for an unknown id', async () => {
    const [a] = await peers(1);
    expect((await a!.callAndWait('wamp.subscription.get', [77]))[4]).toBe('wamp.error.no_such_subscription');
  });
});
