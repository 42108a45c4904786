import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function setup(calleeRoles?: Record<string, unknown>) {
  const router = createRouter();
  const callee = await new FakePeer(router).join('realm1', calleeRoles);
  const caller = await new FakePeer(router).join();
  callee.register('com.example.slow');
  return { router, caller, callee };
}

describe('dealer: a party leaves mid-call (B.3)', () => {
  it('answers the caller with wamp.error.canceled at once when the callee link drops', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    callee.handle.closed();
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.canceled']);
  });

  it('answers the caller with wamp.error.canceled when the callee says GOODBYE', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    callee.receive([6, {}, 'wamp.close.close_realm']);
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.canceled']);
  });

  it('interrupts a cancel-aware callee with killnowait when the caller leaves', async () => {
    const { caller, callee } = await setup();
    caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.handle.closed();
    expect(callee.last()).toEqual([69, inv, { mode: 'killnowait' }]);
  });

  it('sends no INTERRUPT to a callee without call_canceling when the caller leaves', async () => {
    const { caller, callee } = await setup({ callee: {} });
    caller.call('com.example.slow');
    callee.take();
    caller.handle.closed();
    expect(callee.take()).toEqual([]);
  });

  it('drops the YIELD that arrives after the caller left', async () => {
    const { router, caller, callee } = await setup({ callee: {} });
    caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.handle.closed();
    callee.receive([70, inv, {}, [1]]);
    expect(router.stats.lateYields).toBe(1);
    expect(callee.closedWith).toBeUndefined();
  });

  it('removes the registrations of a callee whose link drops', async () => {
    const { caller, callee } = await setup();
    callee.handle.closed();
    caller.call('com.example.slow');
    expect(caller.last()?.[4]).toBe('wamp.error.no_such_procedure');
  });
});

describe('dealer: caller identification (D.5)', () => {
  it('discloses the caller when CALL asks disclose_me', async () => {
    const { caller, callee } = await setup();
    caller.call('com.example.slow', [], undefined, { disclose_me: true });
    expect(callee.last()?.[3]).toEqual({
      caller: caller.sessionId,
      caller_authid: caller.welcome?.authid,
      caller_authrole: 'anonymous',
    });
  });

  it('discloses the caller when the registration asks disclose_caller', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.who', { disclose_caller: true });
    caller.call('com.example.who');
    expect((callee.last()?.[3] as { caller?: number } | undefined)?.caller).toBe(caller.sessionId);
  });

  it('does not disclose the caller by default', async () => {
    const { caller, callee } = await setup();
    caller.call('com.example.slow');
    expect(callee.last()?.[3]).toEqual({});
  });
});
