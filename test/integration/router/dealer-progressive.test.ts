import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { ALL_ROLES, FakePeer } from '../../helpers/fake-peer.js';

const AUTOBAHN_JS_CALLEE = {
  callee: { features: { progressive_call_results: true, caller_identification: true } },
};

async function setup(calleeRoles = ALL_ROLES): Promise<{ caller: FakePeer; callee: FakePeer }> {
  const router = createRouter();
  const callee = await new FakePeer(router).join('realm1', calleeRoles);
  const caller = await new FakePeer(router).join();
  return { caller, callee };
}

describe('dealer: progressive call results (D.1)', () => {
  it('forwards receive_progress to a callee announcing progressive_call_results', async () => {
    const { caller, callee } = await setup();
    callee.register('com.example.stream');
    caller.call('com.example.stream', [], undefined, { receive_progress: true });
    expect(callee.last()?.[3]).toEqual({ receive_progress: true });
  });

  it('relays each progressive YIELD as RESULT progress:true and then the final one', async () => {
    const { caller, callee } = await setup();
    callee.register('com.example.stream');
    const req = caller.call('com.example.stream', [], undefined, { receive_progress: true });
    const inv = callee.last()?.[1];
    callee.receive([70, inv, { progress: true }, [1]]);
    callee.receive([70, inv, { progress: true }, [2]]);
    callee.receive([70, inv, {}, ['done']]);
    expect(caller.take()).toEqual([
      [50, req, { progress: true }, [1]],
      [50, req, { progress: true }, [2]],
      [50, req, {}, ['done']],
    ]);
  });

  it('drops progressive YIELDs when the caller did not ask for progress', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.stream');
    const req = caller.call('com.example.stream');
    const inv = callee.last()?.[1];
    callee.receive([70, inv, { progress: true }, [1]]);
    callee.receive([70, inv, {}, ['done']]);
    expect(caller.take()).toEqual([[50, req, {}, ['done']]]);
    expect(router.stats.droppedProgress).toBe(1);
  });

  it('serves progressive results to an autobahn-js style callee without call_canceling', async () => {
    const { caller, callee } = await setup(AUTOBAHN_JS_CALLEE);
    callee.register('com.example.stream');
    const req = caller.call('com.example.stream', [], undefined, { receive_progress: true });
    const inv = callee.last() as unknown[];
    expect(inv[3]).toEqual({ receive_progress: true });
    callee.receive([70, inv[1], { progress: true }, [1]]);
    expect(caller.last()).toEqual([50, req, { progress: true }, [1]]);
  });

  it('does not forward receive_progress to a callee without progressive_call_results', async () => {
    const { caller, callee } = await setup({ callee: {} });
    callee.register('com.example.stream');
    caller.call('com.example.stream', [], undefined, { receive_progress: true });
    expect(callee.last()?.[3]).toEqual({});
  });
});

describe('dealer: progressive call invocations (D.2)', () => {
  it('forwards every chunk to the same callee under one INVOCATION id', async () => {
    const { caller, callee } = await setup();
    const reg = callee.register('com.example.upload');
    const req = caller.call('com.example.upload', ['a'], undefined, { progress: true });
    caller.receive([48, req, { progress: true }, 'com.example.upload', ['b']]);
    caller.receive([48, req, {}, 'com.example.upload', ['c']]);
    expect(callee.take()).toEqual([
      [68, 1, reg, { progress: true }, ['a']],
      [68, 1, reg, { progress: true }, ['b']],
      [68, 1, reg, {}, ['c']],
    ]);
  });

  it('keeps the request-id sequence after a progressive call', async () => {
    const { caller, callee } = await setup();
    callee.register('com.example.upload');
    const req = caller.call('com.example.upload', ['a'], undefined, { progress: true });
    caller.receive([48, req, {}, 'com.example.upload', ['b']]);
    caller.call('com.example.upload', ['next']);
    expect(callee.take().map((m) => m[1])).toEqual([1, 1, 2]);
    expect(caller.closedWith).toBeUndefined();
  });

  it('discards a chunk for a call whose input already ended', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.upload');
    const req = caller.call('com.example.upload', ['a'], undefined, { progress: true });
    caller.receive([48, req, {}, 'com.example.upload', ['b']]);
    callee.take();
    caller.receive([48, req, { progress: true }, 'com.example.upload', ['late']]);
    expect(callee.take()).toEqual([]);
    expect(router.stats.discardedContinuations).toBe(1);
  });

  it('accepts a progressive CALL from a caller that did not announce the feature (wampy 8 does)', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join('realm1', { caller: {} });
    callee.register('com.example.upload');
    caller.call('com.example.upload', ['a'], undefined, { progress: true });
    expect(callee.last()?.[3]).toEqual({ progress: true });
    expect(caller.closedWith).toBeUndefined();
  });

  it('answers feature_not_supported when the callee lacks progressive_call_invocations', async () => {
    const { caller, callee } = await setup(AUTOBAHN_JS_CALLEE);
    callee.register('com.example.upload');
    caller.call('com.example.upload', ['a'], undefined, { progress: true });
    expect(caller.last()?.[4]).toBe('wamp.error.feature_not_supported');
  });
});
