import { describe, expect, it } from 'vitest';
import type { AuthStep, Authenticator } from '../../../runtime/router/session/auth-types.js';
import { createRouter } from '../../../runtime/router/create-router.js';
import { BROKER_FEATURES, DEALER_FEATURES } from '../../../runtime/router/session/session-features.js';
import { ALL_ROLES, FakePeer, flush } from '../../helpers/fake-peer.js';

describe('router session handshake', () => {
  it('answers a valid HELLO with WELCOME carrying a session id in 1..2^53', async () => {
    const peer = await new FakePeer(createRouter()).join();
    expect(Number.isInteger(peer.sessionId)).toBe(true);
    expect(peer.sessionId).toBeGreaterThanOrEqual(1);
    expect(peer.sessionId).toBeLessThanOrEqual(2 ** 53);
  });

  it('announces broker and dealer roles with every implemented feature spelled per D.0', async () => {
    const peer = await new FakePeer(createRouter()).join();
    const roles = peer.welcome?.roles as Record<string, { features: Record<string, boolean> }>;
    expect(roles.broker?.features).toEqual(BROKER_FEATURES);
    expect(roles.dealer?.features).toEqual(DEALER_FEATURES);
    expect(roles.dealer?.features.call_canceling).toBe(true);
    expect(roles.broker?.features.session_meta_api).toBe(true);
    expect(roles.dealer?.features.session_meta_api).toBe(true);
  });

  it('reports realm and anonymous auth details in WELCOME', async () => {
    const peer = await new FakePeer(createRouter()).join();
    expect(peer.welcome).toMatchObject({ realm: 'realm1', authrole: 'anonymous', authmethod: 'anonymous' });
    expect(typeof peer.welcome?.authid).toBe('string');
  });

  it('gives different sessions different ids and authids', async () => {
    const router = createRouter();
    const a = await new FakePeer(router).join();
    const b = await new FakePeer(router).join();
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.welcome?.authid).not.toBe(b.welcome?.authid);
  });

  it('aborts with wamp.error.no_such_realm for an unknown realm', async () => {
    const peer = new FakePeer(createRouter());
    peer.receive([1, 'nope', { roles: ALL_ROLES }]);
    await flush();
    const [abort] = peer.take();
    expect(abort?.[0]).toBe(3);
    expect(abort?.[2]).toBe('wamp.error.no_such_realm');
    expect(peer.closedWith).toBeDefined();
  });

  it('creates a realm on HELLO when autoCreateRealms is set', async () => {
    const router = createRouter({ autoCreateRealms: true });
    const peer = await new FakePeer(router).join('com.example.fresh');
    expect(peer.welcome?.realm).toBe('com.example.fresh');
    expect(router.realmNames()).toContain('com.example.fresh');
  });

  it('aborts with wamp.error.invalid_uri for a malformed realm', async () => {
    const peer = new FakePeer(createRouter());
    peer.receive([1, 'bad realm', { roles: ALL_ROLES }]);
    await flush();
    expect(peer.last()?.[2]).toBe('wamp.error.invalid_uri');
  });

  it('aborts with no_matching_auth_method when the default router is asked for ticket only', async () => {
    const peer = new FakePeer(createRouter());
    peer.receive([1, 'realm1', { roles: ALL_ROLES, authmethods: ['ticket'] }]);
    await flush();
    expect(peer.last()?.[2]).toBe('wamp.error.no_matching_auth_method');
  });

  it('runs CHALLENGE/AUTHENTICATE through the authenticator and welcomes the principal', async () => {
    const authenticator: Authenticator = {
      hello: async (): Promise<AuthStep> => ({
        kind: 'challenge',
        method: 'ticket',
        extra: {},
        verify: async (signature) =>
          signature === 'secret'
            ? {
                kind: 'welcome',
                principal: { authid: 'joe', authrole: 'user', authmethod: 'ticket', authprovider: 'static' },
              }
            : { kind: 'abort', reason: 'wamp.error.authentication_denied', message: 'wrong ticket' },
      }),
    };
    const peer = new FakePeer(createRouter({ authenticator }));
    peer.receive([1, 'realm1', { roles: ALL_ROLES, authmethods: ['ticket'], authid: 'joe' }]);
    await flush();
    expect(peer.take()).toEqual([[4, 'ticket', {}]]);
    peer.receive([5, 'secret', {}]);
    await flush();
    const [welcome] = peer.take();
    expect(welcome?.[0]).toBe(2);
    expect(welcome?.[2]).toMatchObject({ authid: 'joe', authrole: 'user', authmethod: 'ticket' });
  });

  it('aborts with the authenticator reason when AUTHENTICATE is wrong', async () => {
    const authenticator: Authenticator = {
      hello: async () => ({
        kind: 'challenge',
        method: 'ticket',
        extra: {},
        verify: async () => ({ kind: 'abort', reason: 'wamp.error.authentication_denied', message: 'no' }),
      }),
    };
    const peer = new FakePeer(createRouter({ authenticator }));
    peer.receive([1, 'realm1', { roles: ALL_ROLES, authmethods: ['ticket'] }]);
    await flush();
    peer.take();
    peer.receive([5, 'wrong', {}]);
    await flush();
    expect(peer.last()).toEqual([3, { message: 'no' }, 'wamp.error.authentication_denied']);
    expect(peer.closedWith).toBeDefined();
  });

  it('aborts with authentication_failed when the authenticator throws', async () => {
    const authenticator: Authenticator = {
      hello: () => Promise.reject(new Error('database down')),
    };
    const peer = new FakePeer(createRouter({ authenticator }));
    peer.receive([1, 'realm1', { roles: ALL_ROLES }]);
    await flush();
    const abort = peer.last();
    expect(abort?.[2]).toBe('wamp.error.authentication_failed');
    expect((abort?.[1] as { message?: string } | undefined)?.message).toContain('database down');
  });

  it('answers a client GOODBYE with wamp.close.goodbye_and_out', async () => {
    const peer = await new FakePeer(createRouter()).join();
    peer.receive([6, {}, 'wamp.close.close_realm']);
    expect(peer.take()).toEqual([[6, {}, 'wamp.close.goodbye_and_out']]);
  });

  it('accepts a new HELLO on the same link after a GOODBYE exchange', async () => {
    const peer = await new FakePeer(createRouter()).join();
    const first = peer.sessionId;
    peer.receive([6, {}, 'wamp.close.normal']);
    peer.take();
    await peer.join();
    expect(peer.sessionId).not.toBe(first);
    expect(peer.closedWith).toBeUndefined();
  });

  it('sends nothing more to a session after replying to its GOODBYE', async () => {
    const router = createRouter();
    const sub = await new FakePeer(router).join();
    const pub = await new FakePeer(router).join();
    sub.subscribe('com.example.t');
    sub.receive([6, {}, 'wamp.close.close_realm']);
    sub.take();
    pub.publish('com.example.t', [1]);
    expect(sub.take()).toEqual([]);
  });

  it('closes the link without reply when the client aborts the handshake', async () => {
    const authenticator: Authenticator = {
      hello: async () => ({
        kind: 'challenge',
        method: 'ticket',
        extra: {},
        verify: async () => ({ kind: 'abort', reason: 'wamp.error.authentication_denied', message: '' }),
      }),
    };
    const peer = new FakePeer(createRouter({ authenticator }));
    peer.receive([1, 'realm1', { roles: ALL_ROLES }]);
    await flush();
    peer.take();
    peer.receive([3, {}, 'wamp.close.goodbye_and_out']);
    expect(peer.take()).toEqual([]);
    expect(peer.closedWith).toBeDefined();
  });

  it('passes transport details and the reserved session id to the authenticator', async () => {
    let seen: { transport: unknown; sessionId: number } | undefined;
    const authenticator: Authenticator = {
      hello: async (info) => {
        seen = { transport: info.transport, sessionId: info.sessionId };
        return {
          kind: 'welcome',
          principal: { authid: 'a', authrole: 'r', authmethod: 'anonymous', authprovider: 'x' },
        };
      },
    };
    const peer = await new FakePeer(createRouter({ authenticator })).join();
    expect(seen).toEqual({ transport: { type: 'test' }, sessionId: peer.sessionId });
  });

  it('reports every message to the onMessage hook in both directions', async () => {
    const seen: string[] = [];
    const router = createRouter({ onMessage: (dir, _s, m) => seen.push(`${dir}${m[0]}`) });
    await new FakePeer(router).join();
    expect(seen).toEqual(['in1', 'out2']);
  });
});
