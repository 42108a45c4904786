import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createWampCraChallenge,
  deriveWampCraKey,
  isAuthComputationError,
  respondToWampCraChallenge,
  signWampCraChallenge,
  verifyWampCraSignature,
} from '../../../runtime/auth/index.js';

interface CraVector {
  kind: 'derive_key' | 'compute_wcs' | 'compute_wcs_salted';
  secret?: string;
  salt?: string;
  iterations?: number;
  keylen?: number;
  key?: string;
  challenge?: string;
  expected: string;
}

const vectors = (
  JSON.parse(readFileSync(new URL('../../vectors/auth/auth_vectors.json', import.meta.url), 'utf8')) as {
    wampcra: { vectors: CraVector[] };
  }
).wampcra.vectors;

describe('WAMP-CRA vectors (test/vectors/auth/auth_vectors.json)', () => {
  it('has derive_key and signature cases', () => {
    expect(vectors.map((v) => v.kind)).toEqual(expect.arrayContaining(['derive_key', 'compute_wcs']));
  });

  for (const v of vectors) {
    if (v.kind === 'derive_key') {
      it(`derives the salted key for secret "${v.secret}" and salt "${v.salt}"`, async () => {
        expect(await deriveWampCraKey(v.secret!, v.salt!, v.iterations, v.keylen)).toBe(v.expected);
      });
    } else {
      it(`signs challenge ${v.challenge} with key "${v.key}" (${v.kind})`, async () => {
        expect(await signWampCraChallenge(v.key!, v.challenge!)).toBe(v.expected);
      });

      it(`verifies the expected signature for key "${v.key}" (${v.kind})`, async () => {
        expect(await verifyWampCraSignature(v.key!, v.challenge!, v.expected)).toBe(true);
      });
    }
  }
});

describe('WAMP-CRA computations', () => {
  const derive = vectors.find((v) => v.kind === 'derive_key')!;
  const salted = vectors.find((v) => v.kind === 'compute_wcs_salted')!;

  it('uses the derived key as a base64 string (its ASCII bytes) for the HMAC, when the challenge has a salt', async () => {
    const extra = {
      challenge: salted.challenge!,
      salt: derive.salt!,
      iterations: derive.iterations!,
      keylen: derive.keylen!,
    };
    expect(await respondToWampCraChallenge(derive.secret!, extra)).toBe(salted.expected);
  });

  it('applies 1000 iterations and 32 bytes when the salted challenge omits them', async () => {
    expect(
      await respondToWampCraChallenge(derive.secret!, { challenge: salted.challenge!, salt: derive.salt! }),
    ).toBe(salted.expected);
  });

  it('signs with the plain secret when there is no salt', async () => {
    const plain = vectors.find((v) => v.kind === 'compute_wcs')!;
    expect(await respondToWampCraChallenge(plain.key!, { challenge: plain.challenge! })).toBe(plain.expected);
  });

  it('rejects a signature made with a different key', async () => {
    const signature = await signWampCraChallenge('other-secret', '[1, 2, 3]');
    expect(await verifyWampCraSignature('L3L1YUE8Txlw', '[1, 2, 3]', signature)).toBe(false);
  });

  it('rejects a signature over a re-serialized challenge (the exact string is signed)', async () => {
    const signature = await signWampCraChallenge('secret', '[1, 2, 3]');
    expect(await verifyWampCraSignature('secret', '[1,2,3]', signature)).toBe(false);
  });

  it('rejects signatures that are not 32 bytes of base64', async () => {
    expect(await verifyWampCraSignature('secret', 'c', 'not base64!')).toBe(false);
    expect(await verifyWampCraSignature('secret', 'c', 'AAAA')).toBe(false);
  });

  it('signs with an empty key (HMAC zero-pads keys; WebCrypto alone refuses empty ones)', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', '').update('challenge').digest('base64');
    expect(await signWampCraChallenge('', 'challenge')).toBe(expected);
  });

  it('refuses iterations below 1 with invalid_argument', async () => {
    const err: unknown = await deriveWampCraKey('s', 'salt', 0).catch((e: unknown) => e);
    expect(isAuthComputationError(err) ? err.code : err).toBe('invalid_argument');
  });

  it('builds a router challenge whose string carries the session facts, and round-trips sign/verify', async () => {
    const extra = createWampCraChallenge({
      authid: 'joe',
      authrole: 'user',
      authprovider: 'static',
      session: 3251278072152162,
      nonce: 'LHRTC9zeOIrt_9U3',
      timestamp: '2014-06-22T16:36:25.448Z',
    });
    expect(JSON.parse(extra.challenge)).toStrictEqual({
      authid: 'joe',
      authrole: 'user',
      authmethod: 'wampcra',
      authprovider: 'static',
      nonce: 'LHRTC9zeOIrt_9U3',
      timestamp: '2014-06-22T16:36:25.448Z',
      session: 3251278072152162,
    });
    expect(Object.keys(extra)).toStrictEqual(['challenge']);
    const signature = await respondToWampCraChallenge('secret1', extra);
    expect(await verifyWampCraSignature('secret1', extra.challenge, signature)).toBe(true);
  });

  it('puts salt, iterations and keylen next to the challenge in salted mode, and round-trips', async () => {
    const extra = createWampCraChallenge({
      authid: 'joe',
      authrole: 'user',
      authprovider: 'static',
      session: 1,
      salt: 'salt123',
    });
    expect(extra).toMatchObject({ salt: 'salt123', iterations: 1000, keylen: 32 });
    const signature = await respondToWampCraChallenge('secret1', extra);
    const key = await deriveWampCraKey('secret1', 'salt123');
    expect(await verifyWampCraSignature(key, extra.challenge, signature)).toBe(true);
  });

  it('uses a fresh random nonce for each challenge', () => {
    const options = { authid: 'a', authrole: 'r', authprovider: 'p', session: 1 };
    const a = JSON.parse(createWampCraChallenge(options).challenge) as { nonce: string };
    const b = JSON.parse(createWampCraChallenge(options).challenge) as { nonce: string };
    expect(a.nonce).not.toBe(b.nonce);
  });
});
