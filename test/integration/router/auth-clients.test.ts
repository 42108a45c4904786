/**
 * Each authentication method driven by peers we did not write: autobahn-js 22 and wampy.js.
 */
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Wampy } from 'wampy';
import { sign as wampySignCryptosign } from 'wampy/cryptosign.js';
import { JsonSerializer } from 'wampy/JsonSerializer.js';
import { MsgpackSerializer } from 'wampy/MsgpackSerializer.js';
import { sign as wampySignCra } from 'wampy/wampcra.js';
import WebSocket from 'ws';
import { cryptosignPublicKey } from '../../../runtime/auth/cryptosign.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';

// autobahn binds console.warn when it loads and warns on every close; keep the test output clean.
vi.spyOn(console, 'warn').mockImplementation(() => {});
const require = createRequire(import.meta.url);

interface AbDetails {
  authid?: string;
  authrole?: string;
  authmethod?: string;
  reason?: string;
}
interface AbSession {
  call(procedure: string, args?: unknown[]): Promise<unknown>;
}
interface AbConnection {
  onopen: (session: AbSession, details: AbDetails) => void;
  onclose: (reason: string, details: AbDetails) => boolean;
  open(): void;
  close(): void;
}
interface NaclKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}
interface Autobahn {
  Connection: new (options: Record<string, unknown>) => AbConnection;
  auth_cra: {
    sign(key: string, challenge: string): string;
    derive_key(s: string, salt: string, i?: number, k?: number): string;
  };
  auth_cryptosign: {
    sign_challenge(pkey: NaclKeyPair, extra: unknown): string;
    public_key(pkey: NaclKeyPair): string;
  };
}
const autobahn = require('autobahn') as Autobahn;
const nacl = require('tweetnacl') as { sign: { keyPair: { fromSeed(seed: Uint8Array): NaclKeyPair } } };

const SEED = '4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510';
const SEED_BYTES = Uint8Array.from(Buffer.from(SEED, 'hex'));

let router: RunningRouter;
const open: { close(): void }[] = [];

beforeAll(async () => {
  router = await serve({
    transports: [{ type: 'websocket', port: 0 }],
    auth: {
      anonymous: { allow: false },
      users: {
        alice: { role: 'user', ticket: 'alice-ticket' },
        bob: { role: 'user', wampcra: { secret: 'bob-secret' } },
        sally: {
          role: 'user',
          wampcra: { secret: 'sally-secret', salt: 'salt123', iterations: 100, keylen: 32 },
        },
        carol: { role: 'user', cryptosign: { pubkeys: [await cryptosignPublicKey(SEED)] } },
      },
    },
  });
});

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

afterAll(async () => {
  await router.close();
});

type Challenge = (session: unknown, method: string, extra: Record<string, unknown>) => string;

/** Opens an autobahn connection; resolves with WELCOME details or rejects with the ABORT reason. */
function autobahnJoin(options: Record<string, unknown>, onchallenge?: Challenge): Promise<AbDetails> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url: router.url,
      realm: 'realm1',
      max_retries: 0,
      ...options,
      ...(onchallenge === undefined ? {} : { onchallenge }),
    });
    connection.onopen = (_session, details) => {
      open.push(connection);
      resolve(details);
    };
    connection.onclose = (_reason, details) => {
      reject(new Error(details.reason ?? 'closed'));
      return true;
    };
    connection.open();
  });
}

/** Connects wampy; resolves with WELCOME details or rejects with the ABORT reason URI. */
async function wampyJoin(options: Record<string, unknown>): Promise<Record<string, unknown>> {
  const client = new Wampy(router.url, {
    realm: 'realm1',
    ws: WebSocket as never,
    autoReconnect: false,
    serializer: new JsonSerializer(),
    ...options,
  });
  try {
    const details = (await client.connect()) as Record<string, unknown>;
    open.push({ close: () => void client.disconnect() });
    return details;
  } catch (error) {
    throw new Error((error as { errorUri?: string }).errorUri ?? String(error));
  }
}

describe('ticket with autobahn-js', () => {
  it('joins with the right ticket as the configured principal', async () => {
    const details = await autobahnJoin({ authmethods: ['ticket'], authid: 'alice' }, () => 'alice-ticket');
    expect(details).toMatchObject({ authid: 'alice', authrole: 'user', authmethod: 'ticket' });
  });

  it('is refused with authentication_denied for a wrong ticket', async () => {
    await expect(autobahnJoin({ authmethods: ['ticket'], authid: 'alice' }, () => 'nope')).rejects.toThrow(
      'wamp.error.authentication_denied',
    );
  });

  it('is refused with no_such_principal for an unknown authid', async () => {
    await expect(autobahnJoin({ authmethods: ['ticket'], authid: 'zed' }, () => 'x')).rejects.toThrow(
      'wamp.error.no_such_principal',
    );
  });
});

describe('wampcra with autobahn-js', () => {
  it('joins with an HMAC of the challenge under the secret', async () => {
    const details = await autobahnJoin({ authmethods: ['wampcra'], authid: 'bob' }, (_s, _m, extra) =>
      autobahn.auth_cra.sign('bob-secret', extra.challenge as string),
    );
    expect(details).toMatchObject({ authid: 'bob', authmethod: 'wampcra' });
  });

  it('joins with a salted key derived by autobahn', async () => {
    const details = await autobahnJoin({ authmethods: ['wampcra'], authid: 'sally' }, (_s, _m, extra) => {
      const key = autobahn.auth_cra.derive_key(
        'sally-secret',
        extra.salt as string,
        extra.iterations as number,
        extra.keylen as number,
      );
      return autobahn.auth_cra.sign(key, extra.challenge as string);
    });
    expect(details).toMatchObject({ authid: 'sally', authmethod: 'wampcra' });
  });

  it('is refused with authentication_denied for the wrong secret', async () => {
    await expect(
      autobahnJoin({ authmethods: ['wampcra'], authid: 'bob' }, (_s, _m, extra) =>
        autobahn.auth_cra.sign('guess', extra.challenge as string),
      ),
    ).rejects.toThrow('wamp.error.authentication_denied');
  });
});

describe('cryptosign with autobahn-js', () => {
  const pkey = nacl.sign.keyPair.fromSeed(SEED_BYTES);

  it('joins with an Ed25519 signature of the challenge', async () => {
    const details = await autobahnJoin(
      {
        authmethods: ['cryptosign'],
        authid: 'carol',
        authextra: { pubkey: autobahn.auth_cryptosign.public_key(pkey) },
      },
      (_s, _m, extra) => autobahn.auth_cryptosign.sign_challenge(pkey, extra),
    );
    expect(details).toMatchObject({ authid: 'carol', authmethod: 'cryptosign' });
  });

  it('is found by its public key when it sends no authid', async () => {
    const details = await autobahnJoin(
      { authmethods: ['cryptosign'], authextra: { pubkey: autobahn.auth_cryptosign.public_key(pkey) } },
      (_s, _m, extra) => autobahn.auth_cryptosign.sign_challenge(pkey, extra),
    );
    expect(details.authid).toBe('carol');
  });

  it('is refused with no_such_principal for an unregistered key', async () => {
    const stranger = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
    await expect(
      autobahnJoin(
        { authmethods: ['cryptosign'], authextra: { pubkey: autobahn.auth_cryptosign.public_key(stranger) } },
        (_s, _m, extra) => autobahn.auth_cryptosign.sign_challenge(stranger, extra),
      ),
    ).rejects.toThrow('wamp.error.no_such_principal');
  });
});

describe('anonymous and method negotiation with autobahn-js', () => {
  it('refuses a client that offers no method when anonymous access is off', async () => {
    await expect(autobahnJoin({})).rejects.toThrow('wamp.error.authentication_required');
  });

  it('refuses a client whose methods the router cannot do', async () => {
    await expect(autobahnJoin({ authmethods: ['wamp-scram'], authid: 'alice' }, () => 'x')).rejects.toThrow(
      'wamp.error.no_matching_auth_method',
    );
  });
});

describe('every method with wampy.js', () => {
  it('joins with ticket', async () => {
    const details = await wampyJoin({
      authid: 'alice',
      authmethods: ['ticket'],
      onChallenge: () => 'alice-ticket',
    });
    expect(details).toMatchObject({ authid: 'alice', authmethod: 'ticket' });
  });

  it('joins with salted wampcra through wampy/wampcra.js', async () => {
    const details = await wampyJoin({
      authid: 'sally',
      authmethods: ['wampcra'],
      onChallenge: wampySignCra('sally-secret'),
      serializer: new MsgpackSerializer(),
    });
    expect(details).toMatchObject({ authid: 'sally', authmethod: 'wampcra' });
  });

  it('joins with plain wampcra through wampy/wampcra.js', async () => {
    const details = await wampyJoin({
      authid: 'bob',
      authmethods: ['wampcra'],
      onChallenge: wampySignCra('bob-secret'),
    });
    expect(details).toMatchObject({ authid: 'bob', authmethod: 'wampcra' });
  });

  it('joins with cryptosign through wampy/cryptosign.js', async () => {
    const details = await wampyJoin({
      authid: 'carol',
      authmethods: ['cryptosign'],
      authextra: { pubkey: await cryptosignPublicKey(SEED) },
      onChallenge: wampySignCryptosign(SEED),
    });
    expect(details).toMatchObject({ authid: 'carol', authmethod: 'cryptosign' });
  });

  it('is refused with authentication_denied for a wrong wampcra secret', async () => {
    await expect(
      wampyJoin({ authid: 'bob', authmethods: ['wampcra'], onChallenge: wampySignCra('wrong') }),
    ).rejects.toThrow('wamp.error.authentication_denied');
  });
});
