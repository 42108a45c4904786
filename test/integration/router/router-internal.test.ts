import { describe, expect, it } from 'vitest';
import { NoSuchProcedureError, NoSuchRealmError } from '../../../runtime/protocol/predefined-errors.js';
import { isWampError } from '../../../runtime/protocol/wamp-error.js';
import { createRouter } from '../../../runtime/router/create-router.js';
import { FakePeer, flush } from '../../helpers/fake-peer.js';

describe('router: internal caller and publisher', () => {
  it('calls a session callee with router.call and resolves with its result', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    callee.register('com.example.auth');
    const pending = router.call('realm1', 'com.example.auth', ['realm1', 'joe'], { x: 1 });
    const inv = callee.last() as unknown[];
    expect(inv.slice(3)).toEqual([{}, ['realm1', 'joe'], { x: 1 }]);
    callee.receive([70, inv[1], {}, [{ role: 'user' }]]);
    expect(await pending).toEqual({ args: [{ role: 'user' }], kwargs: {} });
  });

  it('rejects router.call with the callee error as a WampError', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    callee.register('com.example.auth');
    const pending = router.call('realm1', 'com.example.auth');
    callee.receive([8, 68, callee.last()?.[1], {}, 'com.example.denied', ['no']]);
    const err = await pending.catch((e: unknown) => e);
    expect(isWampError(err) && err.uri).toBe('com.example.denied');
  });

  it('rejects router.call with no_such_procedure when nothing is registered', async () => {
    const err = await createRouter()
      .call('realm1', 'com.example.none')
      .catch((e: unknown) => e);
    expect(isWampError(err) && err.uri).toBe('wamp.error.no_such_procedure');
    expect(err).toBeInstanceOf(NoSuchProcedureError);
  });

  it('rejects router.call for an unknown realm with no_such_realm', async () => {
    const err = await createRouter()
      .call('nowhere', 'com.example.x')
      .catch((e: unknown) => e);
    expect(isWampError(err) && err.uri).toBe('wamp.error.no_such_realm');
    expect(err).toBeInstanceOf(NoSuchRealmError);
  });

  it('serves the meta API to router.call', async () => {
    const router = createRouter();
    await new FakePeer(router).join();
    expect(await router.call('realm1', 'wamp.session.count')).toEqual({ args: [1], kwargs: {} });
  });

  it('publishes with router.publish without disclosing a publisher', async () => {
    const router = createRouter();
    const sub = await new FakePeer(router).join();
    sub.subscribe('com.example.news');
    const publication = router.publish('realm1', 'com.example.news', ['hi']);
    expect(sub.last()?.slice(2)).toEqual([publication, {}, ['hi']]);
  });

  it('counts established sessions across realms', async () => {
    const router = createRouter({ realms: ['a.one', 'a.two'] });
    await new FakePeer(router).join('a.one');
    await new FakePeer(router).join('a.two');
    expect(router.sessionCount()).toBe(2);
  });

  it('adds a realm at run time', async () => {
    const router = createRouter();
    router.addRealm('com.example.more');
    expect((await new FakePeer(router).join('com.example.more')).welcome?.realm).toBe('com.example.more');
  });
});

describe('router: close()', () => {
  it('sends GOODBYE wamp.close.system_shutdown to every established session', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 20 });
    const a = await new FakePeer(router).join();
    const b = await new FakePeer(router).join();
    const closing = router.close();
    expect(a.last()).toEqual([6, { message: 'the router is shutting down' }, 'wamp.close.system_shutdown']);
    expect(b.last()?.[2]).toBe('wamp.close.system_shutdown');
    await closing;
  });

  it('publishes no on_leave events while shutting down', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 1 });
    await new FakePeer(router).join();
    // Joined last, so it is still established while the first session is sent GOODBYE.
    const watcher = await new FakePeer(router).join();
    watcher.subscribe('wamp.session.on_leave');
    await router.close();
    expect(watcher.inbox.filter((m) => m[0] === 36)).toEqual([]);
  });

  it('closes each link once its session answers GOODBYE', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 5000 });
    const a = await new FakePeer(router).join();
    const closing = router.close();
    a.receive([6, {}, 'wamp.close.goodbye_and_out']);
    await closing;
    expect(a.closedWith?.code).toBe(1000);
  });

  it('closes links that never answer after the goodbye timeout', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 20 });
    const a = await new FakePeer(router).join();
    await router.close();
    expect(a.closedWith).toBeDefined();
  });

  it('refuses new sessions once closing', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 1 });
    await router.close();
    const late = new FakePeer(router);
    late.receive([1, 'realm1', { roles: { caller: {} } }]);
    await flush();
    expect(late.closedWith).toBeDefined();
    expect(late.inbox.some((m) => m[0] === 2)).toBe(false);
  });

  it('fails pending router.call promises', async () => {
    const router = createRouter({ goodbyeTimeoutMs: 1 });
    const callee = await new FakePeer(router).join();
    callee.register('com.example.slow');
    const pending = router.call('realm1', 'com.example.slow').catch((e: unknown) => e);
    await router.close();
    expect(isWampError(await pending)).toBe(true);
  });
});
