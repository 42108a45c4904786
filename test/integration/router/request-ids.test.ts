import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

describe('router request-id discipline (B.6)', () => {
  it('accepts ids shared by one counter across SUBSCRIBE, REGISTER, PUBLISH and CALL', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([32, 1, {}, 'com.example.t']);
    peer.receive([64, 2, {}, 'com.example.p']);
    peer.receive([16, 3, {}, 'com.example.t']);
    peer.receive([48, 4, {}, 'com.example.nothing']);
    expect(peer.take().map((m) => m[0])).toEqual([33, 65, 8]);
    expect(peer.closedWith).toBeUndefined();
  });

  it('aborts when the first request id is not 1', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([32, 2, {}, 'com.example.t']);
    expect(peer.last()?.[2]).toBe('wamp.error.protocol_violation');
  });

  it('aborts on a gap in the request id sequence', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([32, 1, {}, 'com.example.t']);
    peer.receive([32, 3, {}, 'com.example.u']);
    const abort = peer.last();
    expect(abort?.[2]).toBe('wamp.error.protocol_violation');
    expect((abort?.[1] as { message?: string } | undefined)?.message).toContain('expected 2');
  });

  it('aborts on a reused id for a non-CALL request', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([32, 1, {}, 'com.example.t']);
    peer.receive([32, 1, {}, 'com.example.t']);
    expect(peer.last()?.[2]).toBe('wamp.error.protocol_violation');
  });

  it('counts an invalid-URI request in the sequence', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([32, 1, {}, 'bad uri']);
    peer.receive([32, 2, {}, 'com.example.ok']);
    expect(peer.take().map((m) => m[0])).toEqual([8, 33]);
  });

  it('accepts random ids when strictRequestIds is false', async () => {
    const peer = await new FakePeer(createRouter({ strictRequestIds: false })).join();
    peer.receive([32, 9001, {}, 'com.example.t']);
    peer.receive([32, 17, {}, 'com.example.u']);
    expect(peer.take().map((m) => m[0])).toEqual([33, 33]);
  });

  it('discards without reply a CALL that reuses the id of a finished call (D.2)', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    callee.register('com.example.p');
    const caller = await new FakePeer(router).join('realm1', { caller: {} });
    caller.receive([48, 1, {}, 'com.example.p']);
    callee.receive([70, callee.last()?.[1], {}]);
    caller.take();
    caller.receive([48, 1, {}, 'com.example.p']);
    expect(callee.take()).toEqual([]);
    expect(caller.take()).toEqual([]);
    expect(router.stats.discardedContinuations).toBe(1);
  });
});
