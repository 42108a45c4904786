/** The dynamic authenticator: a trusted wampy session registers it, autobahn and wampy clients join through it. */
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Wampy } from 'wampy';
import { sign as wampySignCra } from 'wampy/wampcra.js';
import WebSocket from 'ws';
import { cryptosignPublicKey } from '../../../runtime/auth/cryptosign.js';
import type { RouterConfigInput } from '../../../runtime/router/config/router-config-schema.js';
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
interface AbConnection {
  onopen: (session: unknown, details: AbDetails) => void;
  onclose: (reason: string, details: AbDetails) => boolean;
  open(): void;
  close(): void;
}
interface NaclKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}
const autobahn = require('autobahn') as {
  Connection: new (options: Record<string, unknown>) => AbConnection;
  auth_cryptosign: {
    sign_challenge(pkey: NaclKeyPair, extra: unknown): string;
    public_key(pkey: NaclKeyPair): string;
  };
};
const nacl = require('tweetnacl') as { sign: { keyPair: { fromSeed(seed: Uint8Array): NaclKeyPair } } };

const SEED = '4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510';
const PROCEDURE = 'com.example.authenticate';

const config: RouterConfigInput = {
  transports: [{ type: 'websocket', port: 0 }],
  auth: {
    anonymous: { allow: false },
    users: { 'auth-service': { role: 'trusted', ticket: 'svc-ticket' } },
    dynamic: { procedure: PROCEDURE },
  },
  authorization: {
    roles: {
      trusted: [{ uri: PROCEDURE, allow: ['register'] }],
      user: [{ uri: 'com.example.', match: 'prefix', allow: ['call', 'register'] }],
    },
  },
};

let router: RunningRouter;
let service: Wampy;
const seen: unknown[][] = [];
const open: { close(): void }[] = [];

function wampy(options: Record<string, unknown>): Wampy {
  return new Wampy(router.url, { realm: 'realm1', ws: WebSocket as never, autoReconnect: false, ...options });
}

beforeAll(async () => {
  router = await serve(config);
  const pubkey = await cryptosignPublicKey(SEED);
  service = wampy({ authid: 'auth-service', authmethods: ['ticket'], onChallenge: () => 'svc-ticket' });
  await service.connect();
  await service.register(PROCEDURE, ({ argsList }) => {
    const [, authid, details] = argsList as [string, string | null, Record<string, unknown>];
    seen.push(argsList ?? []);
    if (details.authmethod === 'ticket') {
      if (authid === 'dora' && details.ticket === 'dora-ticket') return { argsList: ['user'] };
      throw Object.assign(new Error('bad ticket'), { error: 'wamp.error.authentication_denied' });
    }
    if (details.authmethod === 'wampcra') return { argsList: [{ role: 'user', secret: 'dyn-secret' }] };
    return { argsList: [{ role: 'user', pubkey, authid: 'signer' }] };
  });
});

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

afterAll(async () => {
  await service.disconnect();
  await router.close();
});

function autobahnJoin(
  url: string,
  options: Record<string, unknown>,
  onchallenge: unknown,
): Promise<AbDetails> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url,
      realm: 'realm1',
      max_retries: 0,
      onchallenge,
      ...options,
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

describe('dynamic authenticator', () => {
  it('admits a ticket the procedure accepts, with the role it returns', async () => {
    const details = await autobahnJoin(
      router.url,
      { authmethods: ['ticket'], authid: 'dora' },
      () => 'dora-ticket',
    );
    expect(details).toMatchObject({ authid: 'dora', authrole: 'user', authmethod: 'ticket' });
  });

  it('passes [realm, authid, details] with the ticket and transport to the procedure', async () => {
    await autobahnJoin(router.url, { authmethods: ['ticket'], authid: 'dora' }, () => 'dora-ticket');
    const last = seen.at(-1) as [string, string, Record<string, unknown>];
    expect(last[0]).toBe('realm1');
    expect(last[1]).toBe('dora');
    expect(last[2]).toMatchObject({ authmethod: 'ticket', ticket: 'dora-ticket' });
    expect((last[2].transport as Record<string, unknown>).type).toBe('websocket');
  });

  it('aborts with the error URI the procedure raises', async () => {
    await expect(
      autobahnJoin(router.url, { authmethods: ['ticket'], authid: 'dora' }, () => 'wrong'),
    ).rejects.toThrow('wamp.error.authentication_denied');
  });

  it('checks wampcra against the secret the procedure returns (wampy client)', async () => {
    const client = wampy({
      authid: 'wendy',
      authmethods: ['wampcra'],
      onChallenge: wampySignCra('dyn-secret'),
    });
    const details = (await client.connect()) as Record<string, unknown>;
    open.push({ close: () => void client.disconnect() });
    expect(details).toMatchObject({ authid: 'wendy', authrole: 'user', authmethod: 'wampcra' });
  });

  it('checks cryptosign against the key the procedure returns and uses its authid', async () => {
    const pkey = nacl.sign.keyPair.fromSeed(Uint8Array.from(Buffer.from(SEED, 'hex')));
    const details = await autobahnJoin(
      router.url,
      { authmethods: ['cryptosign'], authextra: { pubkey: autobahn.auth_cryptosign.public_key(pkey) } },
      (_s: unknown, _m: string, extra: unknown) => autobahn.auth_cryptosign.sign_challenge(pkey, extra),
    );
    expect(details).toMatchObject({ authid: 'signer', authmethod: 'cryptosign' });
  });
});

describe('dynamic authenticator not registered', () => {
  it('fails authentication with authentication_failed', async () => {
    const bare = await serve(config);
    try {
      await expect(
        autobahnJoin(bare.url, { authmethods: ['ticket'], authid: 'dora' }, () => 'dora-ticket'),
      ).rejects.toThrow('wamp.error.authentication_failed');
    } finally {
      await bare.close();
    }
  });
});
