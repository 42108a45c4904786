import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function peers(n: number, router: Router = createRouter()): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) out.push(await new FakePeer(router).join());
  return out;
}

describe('session meta API (D.20)', () => {
  it('publishes wamp.session.on_join with the session details', async () => {
    const router = createRouter();
    const [watcher] = await peers(1, router);
    watcher!.subscribe('wamp.session.on_join');
    const [joiner] = await peers(1, router);
    const details = watcher!.last()?.[4] as unknown[];
    expect(details[0]).toMatchObject({
      session: joiner!.sessionId,
      authid: joiner!.welcome?.authid,
      authrole: 'anonymous',
      authmethod: 'anonymous',
      transport: { type: 'test' },
    });
  });

  it('publishes wamp.session.on_leave with session, authid and authrole', async () => {
    const [watcher, leaver] = await peers(2);
    watcher!.subscribe('wamp.session.on_leave');
    leaver!.receive([6, {}, 'wamp.close.close_realm']);
    expect(watcher!.last()?.[4]).toEqual([leaver!.sessionId, leaver!.welcome?.authid, 'anonymous']);
  });

  it('does not deliver on_leave to the leaving session itself', async () => {
    const [leaver] = await peers(1);
    leaver!.subscribe('wamp.session.on_leave');
    leaver!.receive([6, {}, 'wamp.close.close_realm']);
    expect(leaver!.take()).toEqual([[6, {}, 'wamp.close.goodbye_and_out']]);
  });

  it('counts sessions with wamp.session.count', async () => {
    const [a] = await peers(3);
    expect((await a!.callAndWait('wamp.session.count'))[3]).toEqual([3]);
  });

  it('filters wamp.session.count by authrole', async () => {
    const [a] = await peers(2);
    expect((await a!.callAndWait('wamp.session.count', [['admin']]))[3]).toEqual([0]);
  });

  it('lists session ids with wamp.session.list', async () => {
    const [a, b] = await peers(2);
    const ids = ((await a!.callAndWait('wamp.session.list'))[3] as number[][])[0];
    expect(ids?.sort()).toEqual([a!.sessionId, b!.sessionId].sort());
  });

  it('returns session details with wamp.session.get', async () => {
    const [a, b] = await peers(2);
    const r = await a!.callAndWait('wamp.session.get', [b!.sessionId]);
    expect((r[3] as Record<string, unknown>[])[0]).toMatchObject({
      session: b!.sessionId,
      authrole: 'anonymous',
    });
  });

  it('answers wamp.error.no_such_session for an unknown session', async () => {
    const [a] = await peers(1);
    expect((await a!.callAndWait('wamp.session.get', [42]))[4]).toBe('wamp.error.no_such_session');
  });

  it('kills a session with GOODBYE wamp.close.killed and the given message', async () => {
    const [a, b] = await peers(2);
    const r = await a!.callAndWait('wamp.session.kill', [b!.sessionId], { message: 'bye' });
    expect(r[0]).toBe(50);
    expect(b!.last()).toEqual([6, { message: 'bye' }, 'wamp.close.killed']);
  });

  it('closes the killed session link once it answers GOODBYE', async () => {
    const [a, b] = await peers(2);
    await a!.callAndWait('wamp.session.kill', [b!.sessionId]);
    b!.receive([6, {}, 'wamp.close.goodbye_and_out']);
    expect(b!.closedWith).toBeDefined();
  });

  it('refuses to kill the calling session itself', async () => {
    const [a] = await peers(1);
    expect((await a!.callAndWait('wamp.session.kill', [a!.sessionId]))[4]).toBe('wamp.error.no_such_session');
  });

  it('answers invalid_uri for a kill with a malformed reason', async () => {
    const [a, b] = await peers(2);
    const r = await a!.callAndWait('wamp.session.kill', [b!.sessionId], { reason: 'not a uri' });
    expect(r[4]).toBe('wamp.error.invalid_uri');
  });

  it('kills by authid and returns the killed ids, sparing the caller', async () => {
    const [a, b] = await peers(2);
    const r = await a!.callAndWait('wamp.session.kill_by_authid', [b!.welcome?.authid]);
    expect(r[3]).toEqual([[b!.sessionId]]);
  });

  it('kills by authrole and returns the count, sparing the caller', async () => {
    const [a] = await peers(3);
    const r = await a!.callAndWait('wamp.session.kill_by_authrole', ['anonymous']);
    expect(r[3]).toEqual([2]);
  });

  it('kills all other sessions without on_leave events', async () => {
    const router = createRouter();
    const [a, b, c] = await peers(3, router);
    a!.subscribe('wamp.session.on_leave');
    const r = await a!.callAndWait('wamp.session.kill_all');
    expect(r[3]).toEqual([2]);
    expect(a!.take()).toEqual([]);
    expect(b!.last()?.[2]).toBe('wamp.close.killed');
    expect(c!.last()?.[2]).toBe('wamp.close.killed');
  });

  it('closes a killed session link after the goodbye timeout when it never answers', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 10 });
    const [a, b] = await peers(2, router);
    await a!.callAndWait('wamp.session.kill', [b!.sessionId]);
    // Bounded wait for the timer; no assertion on how long it took.
    for (let i = 0; i < 200 && b!.closedWith === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(b!.closedWith?.code).toBe(1001);
  });
});
