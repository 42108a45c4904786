import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { ALL_ROLES, FakePeer, flush } from '../../helpers/fake-peer.js';

function expectViolation(peer: FakePeer, text: string): void {
  const abort = peer.inbox.at(-1);
  expect(abort?.[0]).toBe(3);
  expect(abort?.[2]).toBe('wamp.error.protocol_violation');
  expect((abort?.[1] as { message?: string } | undefined)?.message).toContain(text);
  expect(peer.closedWith).toBeDefined();
}

describe('router protocol violations (B.4)', () => {
  it('aborts when the first message is not HELLO', () => {
    const peer = new FakePeer(createRouter());
    peer.receive([48, 1, {}, 'com.example.x']);
    expectViolation(peer, 'expected HELLO');
  });

  it('aborts on a value that is not a list', () => {
    const peer = new FakePeer(createRouter());
    peer.receive({ hello: 1 });
    expectViolation(peer, 'non-empty list');
  });

  it('aborts on an unknown message type', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([7, 1]);
    expectViolation(peer, 'unknown message type 7');
  });

  it('aborts on HELLO after the session is established', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([1, 'realm1', { roles: ALL_ROLES }]);
    expectViolation(peer, 'HELLO is not allowed once the session is established');
  });

  it('aborts on a router-to-client message such as RESULT', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([50, 1, {}]);
    expectViolation(peer, 'RESULT');
  });

  it('aborts on GOODBYE before the session is established', () => {
    const peer = new FakePeer(createRouter());
    peer.receive([6, {}, 'wamp.close.close_realm']);
    expectViolation(peer, 'GOODBYE received before the session is established');
  });

  it('aborts on an ERROR whose request type a client may not send', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([8, 48, 1, {}, 'com.example.err']);
    expectViolation(peer, 'must answer an INVOCATION');
  });

  it('aborts on a YIELD for an invocation id never issued', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([70, 5, {}]);
    expectViolation(peer, 'YIELD for unknown INVOCATION request 5');
  });

  it('aborts on a known option with the wrong type', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([16, 1, { exclude: 'abc' }, 'com.example.t']);
    expectViolation(peer, 'exclude');
  });

  it('keeps serving other sessions after one session violates the protocol', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    const bad = await new FakePeer(router).join();
    const caller = await new FakePeer(router).join();
    callee.register('com.example.echo');
    bad.receive(['garbage']);
    expect(bad.closedWith).toBeDefined();
    caller.call('com.example.echo', [1]);
    expect(callee.last()?.[0]).toBe(68);
  });

  it('ignores everything after the violation on that link', async () => {
    const router = createRouter();
    const peer = await new FakePeer(router).join();
    peer.receive([99]);
    peer.take();
    peer.receive([32, 1, {}, 'com.example.t']);
    expect(peer.inbox).toEqual([]);
    expect(router.stats.protocolViolations).toBe(1);
  });

  it('cleans up the registrations of a session ended by a violation', async () => {
    const router = createRouter();
    const callee = await new FakePeer(router).join();
    callee.register('com.example.gone');
    callee.receive([99]);
    const caller = await new FakePeer(router).join();
    caller.call('com.example.gone');
    expect(caller.last()?.[4]).toBe('wamp.error.no_such_procedure');
  });

  it('rejects AUTHENTICATE while the authenticator is still deciding', () => {
    const peer = new FakePeer(createRouter());
    peer.receive([1, 'realm1', { roles: ALL_ROLES }]);
    peer.receive([5, 'sig', {}]);
    expectViolation(peer, 'AUTHENTICATE received before the session is established');
  });

  it('does not WELCOME a session that violated the protocol during authentication', async () => {
    const peer = new FakePeer(createRouter());
    peer.receive([1, 'realm1', { roles: ALL_ROLES }]);
    peer.receive([48, 1, {}, 'x.y']);
    await flush();
    expect(peer.inbox.some((m) => m[0] === 2)).toBe(false);
  });
});
