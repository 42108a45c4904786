import { describe, expect, it } from 'vitest';
import type { Authorizer } from '../../../runtime/router/session/auth-types.js';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer, flush } from '../../helpers/fake-peer.js';

async function pair(router: Router = createRouter()): Promise<{ caller: FakePeer; callee: FakePeer }> {
  const callee = await new FakePeer(router).join();
  const caller = await new FakePeer(router).join();
  return { caller, callee };
}

describe('dealer: basic RPC', () => {
  it('routes CALL to the callee as INVOCATION with the same payload', async () => {
    const { caller, callee } = await pair();
    const reg = callee.register('com.example.add');
    caller.call('com.example.add', [1, 2], { k: true });
    expect(callee.take()).toEqual([[68, 1, reg, {}, [1, 2], { k: true }]]);
  });

  it('relays the final YIELD as RESULT with the caller request id', async () => {
    const { caller, callee } = await pair();
    callee.register('com.example.add');
    const req = caller.call('com.example.add', [1, 2]);
    const inv = callee.last() as unknown[];
    callee.receive([70, inv[1], {}, [3]]);
    expect(caller.take()).toEqual([[50, req, {}, [3]]]);
  });

  it('relays an empty YIELD as an empty RESULT', async () => {
    const { caller, callee } = await pair();
    callee.register('com.example.void');
    const req = caller.call('com.example.void');
    callee.receive([70, (callee.last() as unknown[])[1], {}]);
    expect(caller.take()).toEqual([[50, req, {}]]);
  });

  it('passes a callee ERROR through to the caller unchanged', async () => {
    const { caller, callee } = await pair();
    callee.register('com.example.fail');
    const req = caller.call('com.example.fail');
    callee.receive([8, 68, (callee.last() as unknown[])[1], {}, 'com.example.oops', ['why'], { code: 7 }]);
    expect(caller.take()).toEqual([[8, 48, req, {}, 'com.example.oops', ['why'], { code: 7 }]]);
  });

  it('answers wamp.error.no_such_procedure when nothing is registered', async () => {
    const { caller } = await pair();
    const req = caller.call('com.example.none');
    const err = caller.last();
    expect(err?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.no_such_procedure']);
  });

  it('answers wamp.error.invalid_uri for a CALL to a malformed URI', async () => {
    const { caller } = await pair();
    const req = caller.call('com..example');
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.invalid_uri']);
    expect(caller.closedWith).toBeUndefined();
  });

  it('answers wamp.error.invalid_uri for a REGISTER of a malformed URI', async () => {
    const { callee } = await pair();
    callee.receive([64, callee.nextRequest(), {}, 'com.#bad']);
    expect(callee.last()?.[4]).toBe('wamp.error.invalid_uri');
  });

  it('refuses REGISTER on wamp.* with wamp.error.not_authorized by default', async () => {
    const { callee } = await pair();
    callee.receive([64, callee.nextRequest(), {}, 'wamp.session.count']);
    expect(callee.last()?.[4]).toBe('wamp.error.not_authorized');
  });

  it('refuses a second single registration with procedure_already_exists', async () => {
    const router = createRouter();
    const a = await new FakePeer(router).join();
    const b = await new FakePeer(router).join();
    a.register('com.example.one');
    b.receive([64, b.nextRequest(), {}, 'com.example.one']);
    expect(b.last()?.[4]).toBe('wamp.error.procedure_already_exists');
  });

  it('unregisters a registration so later calls find no procedure', async () => {
    const { caller, callee } = await pair();
    const reg = callee.register('com.example.tmp');
    const req = callee.nextRequest();
    callee.receive([66, req, reg]);
    expect(callee.last()).toEqual([67, req]);
    caller.call('com.example.tmp');
    expect(caller.last()?.[4]).toBe('wamp.error.no_such_procedure');
  });

  it('answers no_such_registration when unregistering another session registration', async () => {
    const { caller, callee } = await pair();
    const reg = callee.register('com.example.mine');
    caller.receive([66, caller.nextRequest(), reg]);
    expect(caller.last()?.[4]).toBe('wamp.error.no_such_registration');
  });

  it('keeps invocations in call order between one caller and one callee', async () => {
    const { caller, callee } = await pair();
    callee.register('com.example.seq');
    for (let i = 0; i < 5; i++) caller.call('com.example.seq', [i]);
    expect(callee.take().map((m) => (m[4] as number[])[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('numbers INVOCATION request ids per callee from 1', async () => {
    const { caller, callee } = await pair();
    callee.register('com.example.n');
    caller.call('com.example.n');
    caller.call('com.example.n');
    expect(callee.take().map((m) => m[1])).toEqual([1, 2]);
  });

  it('refuses a CALL the authorizer denies with wamp.error.not_authorized', async () => {
    const authorizer: Authorizer = { authorize: (_p, _r, action) => action !== 'call' };
    const { caller, callee } = await pair(createRouter({ authorizer }));
    callee.register('com.example.secret');
    caller.call('com.example.secret');
    expect(caller.last()?.[4]).toBe('wamp.error.not_authorized');
  });

  it('waits for an asynchronous authorizer and keeps later messages in order', async () => {
    const authorizer: Authorizer = { authorize: async () => true };
    const { caller, callee } = await pair(createRouter({ authorizer }));
    callee.receive([64, callee.nextRequest(), {}, 'com.example.async']);
    await flush();
    callee.take();
    caller.call('com.example.async', [1]);
    caller.call('com.example.async', [2]);
    await flush();
    await flush();
    expect(callee.take().map((m) => (m[4] as number[])[0])).toEqual([1, 2]);
  });

  it('answers wamp.error.authorization_failed when the authorizer throws', async () => {
    const authorizer: Authorizer = {
      authorize: () => {
        throw new Error('rules broken');
      },
    };
    const { caller } = await pair(createRouter({ authorizer }));
    caller.call('com.example.x');
    expect(caller.last()?.[4]).toBe('wamp.error.authorization_failed');
  });
});

describe('dealer: asynchronous authorization and shutdown', () => {
  it('still closes a killed session on its GOODBYE reply while an authorization is pending', async () => {
    const authorizer: Authorizer = { authorize: () => new Promise<boolean>(() => {}) };
    const router = createRouter({ authorizer });
    const victim = await new FakePeer(router).join();
    victim.call('com.example.pending');
    const closing = router.close();
    victim.receive([6, {}, 'wamp.close.goodbye_and_out']);
    await closing;
    expect(victim.closedWith?.code).toBe(1000);
  });
});

describe('dealer: a broken link', () => {
  it('closes a callee whose link throws on send and answers the caller with canceled', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.broken');
    callee.send = () => {
      throw new Error('socket gone');
    };
    const originalClose = callee.close.bind(callee);
    callee.close = (code, reason) => {
      originalClose(code, reason);
      callee.handle.closed();
    };
    const req = caller.call('com.example.broken');
    expect(callee.closedWith?.code).toBe(1011);
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.canceled']);
    expect(caller.closedWith).toBeUndefined();
  });
});
