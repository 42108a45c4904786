import { describe, expect, it } from 'vitest';
import { cryptosignPublicKey, cryptosignSign } from '../../../runtime/auth/cryptosign.js';
import { respondToWampCraChallenge } from '../../../runtime/auth/wampcra.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import type { AuthenticatorOptions } from '../../../runtime/router/auth/create-authenticator.js';
import { createAuthenticator } from '../../../runtime/router/auth/create-authenticator.js';
import type { AuthStep, HelloInfo } from '../../../runtime/router/session/auth-types.js';
import type { RouterConfigInput } from '../../../runtime/router/config/router-config-schema.js';
import { routerConfigSchema } from '../../../runtime/router/config/router-config-schema.js';

const SEED = '4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510';
const OTHER_SEED = '9c1ef0b6d5a1e1f7aa2c3b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081';

function authConfig(auth: RouterConfigInput['auth']): AuthenticatorOptions['auth'] {
  return routerConfigSchema.parse({ auth }).auth;
}

function hello(details: Record<string, unknown>, sessionId = 4242): HelloInfo {
  return {
    realm: 'realm1',
    details: { roles: { caller: {} }, ...details },
    transport: { type: 'websocket' },
    sessionId,
  };
}

async function users(): Promise<RouterConfigInput['auth']> {
  return {
    anonymous: { allow: false },
    users: {
      alice: { role: 'user', ticket: 'alice-ticket', wampcra: { secret: 'alice-secret' } },
      sally: {
        role: 'user',
        wampcra: { secret: 'sally-secret', salt: 'salt123', iterations: 100, keylen: 32 },
      },
      carol: { role: 'signer', cryptosign: { pubkeys: [await cryptosignPublicKey(SEED)] } },
    },
  };
}

function expectAbort(step: AuthStep, reason: string): void {
  expect(step.kind).toBe('abort');
  if (step.kind === 'abort') expect(step.reason).toBe(reason);
}

async function answer(step: AuthStep, signature: string): Promise<AuthStep> {
  if (step.kind !== 'challenge') throw new Error(`expected a challenge, got ${step.kind}`);
  return step.verify(signature, {});
}

describe('authenticator: method selection', () => {
  it('welcomes anonymous sessions with the configured role and a random authid', async () => {
    const a = createAuthenticator({ auth: authConfig({ anonymous: { role: 'guest' } }), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'mallory' }));
    expect(step.kind).toBe('welcome');
    if (step.kind !== 'welcome') return;
    expect(step.principal.authrole).toBe('guest');
    expect(step.principal.authmethod).toBe('anonymous');
    expect(step.principal.authid).not.toBe('mallory');
  });

  it('follows the order of HELLO authmethods', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['wampcra', 'ticket'] }));
    expect(step.kind === 'challenge' && step.method).toBe('wampcra');
  });

  it('skips a method the principal has no credential for', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'sally', authmethods: ['ticket', 'wampcra'] }));
    expect(step.kind === 'challenge' && step.method).toBe('wampcra');
  });

  it('refuses a HELLO without authmethods when anonymous access is off: authentication_required', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    expectAbort(await a.hello(hello({})), 'wamp.error.authentication_required');
  });

  it('refuses methods the router cannot do: no_matching_auth_method', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    expectAbort(
      await a.hello(hello({ authid: 'alice', authmethods: ['wamp-scram', 'anonymous'] })),
      'wamp.error.no_matching_auth_method',
    );
  });

  it('refuses an authid no configured method knows: no_such_principal', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    expectAbort(
      await a.hello(hello({ authid: 'nobody', authmethods: ['ticket'] })),
      'wamp.error.no_such_principal',
    );
  });

  it('refuses a role the authorizer does not know: no_such_role', async () => {
    const a = createAuthenticator({
      auth: authConfig(await users()),
      realms: ['realm1'],
      knownRoles: new Set(['admin']),
    });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['ticket'] }));
    expectAbort(await answer(step, 'alice-ticket'), 'wamp.error.no_such_role');
  });
});

describe('authenticator: credentials', () => {
  it('accepts the right ticket', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await answer(
      await a.hello(hello({ authid: 'alice', authmethods: ['ticket'] })),
      'alice-ticket',
    );
    expect(step.kind === 'welcome' && step.principal).toMatchObject({
      authid: 'alice',
      authrole: 'user',
      authmethod: 'ticket',
      authprovider: 'static',
    });
  });

  it('denies a wrong ticket: authentication_denied', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['ticket'] }));
    expectAbort(await answer(step, 'guess'), 'wamp.error.authentication_denied');
  });

  it('binds the wampcra challenge to the session and verifies the HMAC', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['wampcra'] }, 777));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    const challenge = JSON.parse(step.extra.challenge as string) as Record<string, unknown>;
    expect(challenge).toMatchObject({
      authid: 'alice',
      authrole: 'user',
      authmethod: 'wampcra',
      session: 777,
    });
    const signature = await respondToWampCraChallenge('alice-secret', step.extra as { challenge: string });
    expect((await step.verify(signature, {})).kind).toBe('welcome');
  });

  it('sends salt, iterations and keylen for salted wampcra and accepts the derived-key signature', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'sally', authmethods: ['wampcra'] }));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    expect(step.extra).toMatchObject({ salt: 'salt123', iterations: 100, keylen: 32 });
    const signature = await respondToWampCraChallenge('sally-secret', step.extra as { challenge: string });
    expect((await step.verify(signature, {})).kind).toBe('welcome');
  });

  it('denies a wampcra signature made with the wrong secret', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['wampcra'] }));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    const signature = await respondToWampCraChallenge('wrong', step.extra as { challenge: string });
    expectAbort(await step.verify(signature, {}), 'wamp.error.authentication_denied');
  });

  it('denies an answer that arrives after the challenge timeout', async () => {
    let now = 0;
    const a = createAuthenticator({
      auth: authConfig(await users()),
      realms: ['realm1'],
      challengeTimeoutMs: 1000,
      now: () => now,
    });
    const step = await a.hello(hello({ authid: 'alice', authmethods: ['ticket'] }));
    now = 1001;
    expectAbort(await answer(step, 'alice-ticket'), 'wamp.error.authentication_denied');
  });

  it('finds a cryptosign principal by public key when HELLO has no authid', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const pubkey = await cryptosignPublicKey(SEED);
    const step = await a.hello(hello({ authmethods: ['cryptosign'], authextra: { pubkey } }));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    expect(step.extra.channel_binding).toBeNull();
    const signature = await cryptosignSign(SEED, step.extra.challenge as string);
    const done = await step.verify(signature, {});
    expect(done.kind === 'welcome' && done.principal).toMatchObject({ authid: 'carol', authrole: 'signer' });
  });

  it('denies a cryptosign key that is not registered for the authid', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const pubkey = await cryptosignPublicKey(OTHER_SEED);
    const step = await a.hello(
      hello({ authid: 'carol', authmethods: ['cryptosign'], authextra: { pubkey } }),
    );
    if (step.kind !== 'challenge') throw new Error('no challenge');
    const signature = await cryptosignSign(OTHER_SEED, step.extra.challenge as string);
    expectAbort(await step.verify(signature, {}), 'wamp.error.authentication_denied');
  });

  it('denies a cryptosign signature over something other than the challenge', async () => {
    const a = createAuthenticator({ auth: authConfig(await users()), realms: ['realm1'] });
    const pubkey = await cryptosignPublicKey(SEED);
    const step = await a.hello(
      hello({ authid: 'carol', authmethods: ['cryptosign'], authextra: { pubkey } }),
    );
    const signature = await cryptosignSign(SEED, 'ab'.repeat(32));
    expectAbort(await answer(step, signature), 'wamp.error.authentication_denied');
  });
});

describe('authenticator: dynamic', () => {
  const dynamicAuth = { anonymous: { allow: false }, dynamic: { procedure: 'com.example.authenticate' } };

  it('calls the procedure with [realm, authid, details] in the configured realm', async () => {
    const calls: unknown[][] = [];
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async (realm, procedure, args) => {
        calls.push([realm, procedure, args]);
        return 'user';
      },
    });
    const step = await a.hello(hello({ authid: 'dave', authmethods: ['ticket'] }, 99));
    await answer(step, 'dave-ticket');
    const [realm, procedure, args] = calls[0] as [string, string, unknown[]];
    expect(realm).toBe('realm1');
    expect(procedure).toBe('com.example.authenticate');
    expect(args[0]).toBe('realm1');
    expect(args[1]).toBe('dave');
    expect(args[2]).toMatchObject({ authmethod: 'ticket', ticket: 'dave-ticket', session: 99 });
  });

  it('welcomes with the role and authid the procedure returns', async () => {
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => ({ role: 'admin', authid: 'dave@example' }),
    });
    const step = await answer(await a.hello(hello({ authid: 'dave', authmethods: ['ticket'] })), 't');
    expect(step.kind === 'welcome' && step.principal).toMatchObject({
      authid: 'dave@example',
      authrole: 'admin',
      authprovider: 'dynamic',
    });
  });

  it('aborts with the error URI the procedure throws', async () => {
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => {
        throw new WampError('wamp.error.authentication_denied');
      },
    });
    const step = await a.hello(hello({ authid: 'dave', authmethods: ['ticket'] }));
    expectAbort(await answer(step, 'x'), 'wamp.error.authentication_denied');
  });

  it('fails authentication when the procedure is not registered', async () => {
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => {
        throw new WampError('wamp.error.no_such_procedure');
      },
    });
    const step = await a.hello(hello({ authid: 'dave', authmethods: ['wampcra'] }));
    expectAbort(step, 'wamp.error.authentication_failed');
  });

  it('fails authentication when the procedure answers without a role', async () => {
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => ({}),
    });
    expectAbort(
      await a.hello(hello({ authid: 'dave', authmethods: ['wampcra'] })),
      'wamp.error.authentication_failed',
    );
  });

  it('checks wampcra against the secret the procedure returns', async () => {
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => ({
        role: 'user',
        secret: 'dyn-secret',
        salt: 'pepper',
        iterations: 10,
        keylen: 16,
      }),
    });
    const step = await a.hello(hello({ authid: 'erin', authmethods: ['wampcra'] }));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    const signature = await respondToWampCraChallenge('dyn-secret', step.extra as { challenge: string });
    expect((await step.verify(signature, {})).kind).toBe('welcome');
  });

  it('checks cryptosign against the public keys the procedure returns', async () => {
    const pubkey = await cryptosignPublicKey(SEED);
    const a = createAuthenticator({
      auth: authConfig(dynamicAuth),
      realms: ['realm1'],
      invoke: async () => ({ role: 'user', pubkey, authid: 'frank' }),
    });
    const step = await a.hello(hello({ authmethods: ['cryptosign'], authextra: { pubkey } }));
    if (step.kind !== 'challenge') throw new Error('no challenge');
    const done = await step.verify(await cryptosignSign(SEED, step.extra.challenge as string), {});
    expect(done.kind === 'welcome' && done.principal.authid).toBe('frank');
  });
});
