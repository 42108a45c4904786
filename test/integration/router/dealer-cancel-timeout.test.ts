import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { ALL_ROLES, FakePeer } from '../../helpers/fake-peer.js';

const NO_CANCEL_CALLEE = { callee: { features: { progressive_call_results: true } } };

async function setup(calleeRoles = ALL_ROLES) {
  const router = createRouter();
  const callee = await new FakePeer(router).join('realm1', calleeRoles);
  const caller = await new FakePeer(router).join();
  callee.register('com.example.slow');
  return { router, caller, callee };
}

/** Fakes only the dealer's timers (the helpers' setImmediate stays real). */
function fakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dealer: call canceling (D.4)', () => {
  it('skip: answers the caller with wamp.error.canceled at once and sends no INTERRUPT', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    callee.take();
    caller.receive([49, req, { mode: 'skip' }]);
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.canceled']);
    expect(callee.take()).toEqual([]);
  });

  it('kill: sends INTERRUPT and relays what the callee answers', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.receive([49, req, { mode: 'kill' }]);
    expect(callee.last()).toEqual([69, inv, { mode: 'kill' }]);
    expect(caller.take()).toEqual([]);
    callee.receive([8, 68, inv, {}, 'wamp.error.canceled']);
    expect(caller.last()).toEqual([8, 48, req, {}, 'wamp.error.canceled']);
  });

  it('killnowait: answers the caller at once and sends INTERRUPT', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.receive([49, req, { mode: 'killnowait' }]);
    expect(caller.last()?.[4]).toBe('wamp.error.canceled');
    expect(callee.last()).toEqual([69, inv, { mode: 'killnowait' }]);
  });

  it('drops the late YIELD of a canceled call and counts it', async () => {
    const { router, caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.receive([49, req, { mode: 'killnowait' }]);
    caller.take();
    callee.receive([70, inv, {}, ['late']]);
    expect(caller.take()).toEqual([]);
    expect(router.stats.lateYields).toBe(1);
    expect(callee.closedWith).toBeUndefined();
  });

  it('forces skip for a callee that does not announce call_canceling', async () => {
    const { caller, callee } = await setup(NO_CANCEL_CALLEE);
    const req = caller.call('com.example.slow');
    callee.take();
    caller.receive([49, req, { mode: 'kill' }]);
    expect(caller.last()?.[4]).toBe('wamp.error.canceled');
    expect(callee.take()).toEqual([]);
  });

  it('ignores CANCEL for a call that already finished, without ERROR', async () => {
    const { router, caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    callee.receive([70, callee.last()?.[1], {}]);
    caller.take();
    caller.receive([49, req, { mode: 'kill' }]);
    expect(caller.take()).toEqual([]);
    expect(router.stats.ignoredCancels).toBe(1);
  });

  it('treats a CANCEL without mode as killnowait', async () => {
    const { caller, callee } = await setup();
    const req = caller.call('com.example.slow');
    const inv = callee.last()?.[1];
    caller.receive([49, req, {}]);
    expect(callee.last()).toEqual([69, inv, { mode: 'killnowait' }]);
  });
});

describe('dealer: call timeout (D.3)', () => {
  it('answers wamp.error.timeout when the callee does not answer in time', async () => {
    const { caller, callee } = await setup();
    fakeTimers();
    const req = caller.call('com.example.slow', [], undefined, { timeout: 50 });
    callee.take();
    vi.advanceTimersByTime(60);
    expect(caller.last()?.slice(0, 5)).toEqual([8, 48, req, {}, 'wamp.error.timeout']);
  });

  it('interrupts a cancel-capable callee with killnowait on timeout', async () => {
    const { caller, callee } = await setup();
    fakeTimers();
    caller.call('com.example.slow', [], undefined, { timeout: 50 });
    const inv = callee.last()?.[1];
    vi.advanceTimersByTime(60);
    expect(callee.last()).toEqual([69, inv, { mode: 'killnowait', reason: 'wamp.error.timeout' }]);
  });

  it('sends no INTERRUPT on timeout to a callee without call_canceling', async () => {
    const { caller, callee } = await setup(NO_CANCEL_CALLEE);
    fakeTimers();
    caller.call('com.example.slow', [], undefined, { timeout: 50 });
    callee.take();
    vi.advanceTimersByTime(60);
    expect(callee.take()).toEqual([]);
  });

  it('does not fire once the result arrived', async () => {
    const { caller, callee } = await setup();
    fakeTimers();
    const req = caller.call('com.example.slow', [], undefined, { timeout: 50 });
    callee.receive([70, callee.last()?.[1], {}, [1]]);
    vi.advanceTimersByTime(100);
    expect(caller.take()).toEqual([[50, req, {}, [1]]]);
  });

  it('restarts the timeout after each progressive result', async () => {
    const { caller, callee } = await setup();
    fakeTimers();
    caller.call('com.example.slow', [], undefined, { timeout: 50, receive_progress: true });
    const inv = callee.last()?.[1];
    vi.advanceTimersByTime(40);
    callee.receive([70, inv, { progress: true }, [1]]);
    vi.advanceTimersByTime(40);
    callee.receive([70, inv, {}, [2]]);
    expect(caller.take().map((m) => m[0])).toEqual([50, 50]);
  });

  it('forwards the timeout to a callee that asked for forward_timeout and announces call_timeout', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.fwd', { forward_timeout: true });
    caller.call('com.example.fwd', [], undefined, { timeout: 500 });
    expect(callee.last()?.[3]).toEqual({ timeout: 500 });
  });
});
