import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createCryptosignChallenge,
  cryptosignPublicKey,
  cryptosignSign,
  cryptosignVerify,
  isAuthComputationError,
} from '../../../runtime/auth/index.js';

interface CryptosignVector {
  channel_id: string | null;
  private_key: string;
  challenge: string;
  signature: string;
}

const vectors = (
  JSON.parse(
    readFileSync(new URL('../../vectors/auth/cryptosign_vectors.json', import.meta.url), 'utf8'),
  ) as {
    vectors: CryptosignVector[];
  }
).vectors;

const channel = (v: CryptosignVector) => v.channel_id ?? undefined;

describe('cryptosign vectors (test/vectors/auth/cryptosign_vectors.json)', () => {
  it('has all 6 cases, 3 with channel binding', () => {
    expect(vectors).toHaveLength(6);
    expect(vectors.filter((v) => v.channel_id !== null)).toHaveLength(3);
  });

  vectors.forEach((v, i) => {
    const label = `#${i + 1} ${v.channel_id === null ? 'without' : 'with'} channel binding`;

    it(`${label}: signs to hex(signature || message)`, async () => {
      expect(await cryptosignSign(v.private_key, v.challenge, channel(v))).toBe(v.signature);
    });

    it(`${label}: verifies against the public key of the seed`, async () => {
      const pubkey = await cryptosignPublicKey(v.private_key);
      expect(await cryptosignVerify(pubkey, v.challenge, v.signature, channel(v))).toBe(true);
    });
  });
});

describe('cryptosign computations', () => {
  const seed = vectors[0]!.private_key;

  it('derives the public key known for the first vector seed', async () => {
    // Ed25519 public key of seed 4d57d97a...: the JWK "x" of the same key, checked with node:crypto.
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    const der = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(seed, 'hex'),
    ]);
    const spki = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({
      format: 'der',
      type: 'spki',
    });
    expect(await cryptosignPublicKey(seed)).toBe(spki.subarray(-32).toString('hex'));
  });

  it('round-trips sign and verify on a fresh random challenge', async () => {
    const challenge = createCryptosignChallenge();
    expect(challenge).toMatch(/^[0-9a-f]{64}$/);
    const signature = await cryptosignSign(seed, challenge);
    expect(await cryptosignVerify(await cryptosignPublicKey(seed), challenge, signature)).toBe(true);
  });

  it('round-trips with channel binding and upper-case hex input', async () => {
    const challenge = createCryptosignChallenge();
    const channelId = createCryptosignChallenge();
    const signature = await cryptosignSign(seed.toUpperCase(), challenge.toUpperCase(), channelId);
    expect(await cryptosignVerify(await cryptosignPublicKey(seed), challenge, signature, channelId)).toBe(
      true,
    );
  });

  it('rejects a signature with one flipped bit', async () => {
    const v = vectors[1]!;
    const flipped = (Number.parseInt(v.signature[0]!, 16) ^ 1).toString(16) + v.signature.slice(1);
    expect(await cryptosignVerify(await cryptosignPublicKey(v.private_key), v.challenge, flipped)).toBe(
      false,
    );
  });

  it('rejects a valid signature checked against another public key', async () => {
    const v = vectors[1]!;
    const other = await cryptosignPublicKey(vectors[2]!.private_key);
    expect(await cryptosignVerify(other, v.challenge, v.signature)).toBe(false);
  });

  it('rejects a signature made without the channel binding the router expects', async () => {
    const v = vectors[0]!;
    const bound = vectors[3]!.channel_id!;
    expect(
      await cryptosignVerify(await cryptosignPublicKey(v.private_key), v.challenge, v.signature, bound),
    ).toBe(false);
  });

  it('rejects signatures of the wrong length or with non-hex characters', async () => {
    const v = vectors[0]!;
    const pub = await cryptosignPublicKey(v.private_key);
    expect(await cryptosignVerify(pub, v.challenge, v.signature.slice(0, 128))).toBe(false);
    expect(await cryptosignVerify(pub, v.challenge, `${v.signature.slice(0, 190)}zz`)).toBe(false);
  });

  it('refuses a seed that is not 32 bytes with invalid_length', async () => {
    const err: unknown = await cryptosignSign('abcd', vectors[0]!.challenge).catch((e: unknown) => e);
    expect(isAuthComputationError(err) ? err.code : err).toBe('invalid_length');
  });

  it('refuses a challenge that is not hex with invalid_hex', async () => {
    const err: unknown = await cryptosignSign(seed, 'zz'.repeat(32)).catch((e: unknown) => e);
    expect(isAuthComputationError(err) ? err.code : err).toBe('invalid_hex');
  });
});
