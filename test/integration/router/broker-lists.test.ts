import { describe, expect, it } from 'vitest';
import type { AuthStep, Authenticator } from '../../../runtime/router/session/auth-types.js';
import { createRouter } from '../../../runtime/router/create-router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

/** Authid = HELLO authid, authrole = HELLO authrole (test only). */
const trusting: Authenticator = {
  hello: async (info): Promise<AuthStep> => ({
    kind: 'welcome',
    principal: {
      authid: info.details.authid ?? 'x',
      authrole: info.details.authrole ?? 'user',
      authmethod: 'anonymous',
      authprovider: 'test',
    },
  }),
};

async function world() {
  const router = createRouter({ authenticator: trusting });
  const join = (authid: string, authrole: string) =>
    new FakePeer(router).join('realm1', undefined, { authid, authrole });
  const alice = await join('alice', 'admin');
  const bob = await join('bob', 'user');
  const carol = await join('carol', 'user');
  const pub = await join('pub', 'service');
  for (const p of [alice, bob, carol]) p.subscribe('com.example.t');
  const receivers = (options: Record<string, unknown>): string[] => {
    pub.publish('com.example.t', [], undefined, options);
    return [alice, bob, carol].filter((p) => p.take().length > 0).map((p) => p.welcome?.authid as string);
  };
  return { alice, bob, carol, receivers };
}

describe('broker: subscriber black- and whitelisting (D.13)', () => {
  it('excludes session ids listed in exclude', async () => {
    const w = await world();
    expect(w.receivers({ exclude: [w.bob.sessionId] })).toEqual(['alice', 'carol']);
  });

  it('delivers only to session ids listed in eligible', async () => {
    const w = await world();
    expect(w.receivers({ eligible: [w.bob.sessionId] })).toEqual(['bob']);
  });

  it('excludes authids listed in exclude_authid', async () => {
    const w = await world();
    expect(w.receivers({ exclude_authid: ['alice'] })).toEqual(['bob', 'carol']);
  });

  it('delivers only to authids listed in eligible_authid', async () => {
    const w = await world();
    expect(w.receivers({ eligible_authid: ['carol', 'alice'] })).toEqual(['alice', 'carol']);
  });

  it('excludes authroles listed in exclude_authrole', async () => {
    const w = await world();
    expect(w.receivers({ exclude_authrole: ['user'] })).toEqual(['alice']);
  });

  it('delivers only to authroles listed in eligible_authrole', async () => {
    const w = await world();
    expect(w.receivers({ eligible_authrole: ['user'] })).toEqual(['bob', 'carol']);
  });

  it('requires a subscriber to pass every list at once', async () => {
    const w = await world();
    expect(w.receivers({ eligible_authrole: ['user'], exclude_authid: ['bob'] })).toEqual(['carol']);
  });

  it('delivers to nobody with an empty eligible list', async () => {
    const w = await world();
    expect(w.receivers({ eligible: [] })).toEqual([]);
  });
});
