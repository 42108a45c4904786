/**
 * WAMP-CRA computations (client and router), on WebCrypto so they run in browsers too.
 *
 * Signature = base64(HMAC-SHA256(key, UTF-8 of the challenge string exactly as received)).
 * Salted mode: key = base64(PBKDF2-HMAC-SHA256(UTF-8 secret, UTF-8 salt, iterations, keylen)),
 * and the HMAC key is the ASCII bytes of that base64 *string*, not the raw derived bytes.
 */
import { decodeBase64, encodeBase64 } from '../serializers/base64.js';
import { AuthComputationError } from './auth-error.js';
import { randomBytes, subtle, utf8 } from './webcrypto.js';

/** Defaults autobahn uses when CHALLENGE.Extra has a salt but no iterations/keylen (the RFC gives none). */
export const WAMPCRA_DEFAULT_ITERATIONS = 1000;
/** Default derived key length in bytes. */
export const WAMPCRA_DEFAULT_KEYLEN = 32;

/** CHALLENGE.Extra for `wampcra`. */
export interface WampCraChallengeExtra {
  challenge: string;
  salt?: string;
  iterations?: number;
  keylen?: number;
  [key: string]: unknown;
}

/** Imports an HMAC-SHA256 key from a string's UTF-8 bytes. */
async function hmacKey(key: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  // WebCrypto refuses empty HMAC keys; HMAC zero-pads keys to the 64-byte block, so this is the same key.
  const raw = key.length === 0 ? new Uint8Array(64) : utf8(key);
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** base64(HMAC-SHA256(UTF-8 key, UTF-8 challenge)): the AUTHENTICATE signature (44 characters). */
export async function signWampCraChallenge(key: string, challenge: string): Promise<string> {
  const mac = await subtle().sign('HMAC', await hmacKey(key, 'sign'), utf8(challenge));
  return encodeBase64(new Uint8Array(mac));
}

/** Router side: true when `signature` is the HMAC of `challenge` under `key` (constant-time check by WebCrypto). */
export async function verifyWampCraSignature(
  key: string,
  challenge: string,
  signature: string,
): Promise<boolean> {
  const mac = decodeBase64(signature);
  if (mac === undefined || mac.length !== 32) return false;
  return subtle().verify(
    'HMAC',
    await hmacKey(key, 'verify'),
    mac as Uint8Array<ArrayBuffer>,
    utf8(challenge),
  );
}

/** The salted-mode key: base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)), as a string. */
export async function deriveWampCraKey(
  secret: string,
  salt: string,
  iterations: number = WAMPCRA_DEFAULT_ITERATIONS,
  keylen: number = WAMPCRA_DEFAULT_KEYLEN,
): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new AuthComputationError(
      'invalid_argument',
      `wampcra iterations must be a positive integer, got ${iterations}`,
    );
  }
  if (!Number.isInteger(keylen) || keylen < 1 || keylen > 1024) {
    throw new AuthComputationError('invalid_argument', `wampcra keylen must be 1..1024, got ${keylen}`);
  }
  const base = await subtle().importKey('raw', utf8(secret), 'PBKDF2', false, ['deriveBits']);
  // The salt is used as UTF-8 text, never base64-decoded (wamp-proto #385).
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: utf8(salt), iterations },
    base,
    keylen * 8,
  );
  return encodeBase64(new Uint8Array(bits));
}

/**
 * Client side: the AUTHENTICATE signature for a CHALLENGE.Extra; derives the key first only when
 * the router sent a `salt` (with autobahn's defaults for missing iterations/keylen).
 */
export async function respondToWampCraChallenge(
  secret: string,
  extra: WampCraChallengeExtra,
): Promise<string> {
  if (typeof extra.challenge !== 'string') {
    throw new AuthComputationError('invalid_argument', 'CHALLENGE.Extra.challenge must be a string');
  }
  let key = secret;
  if (typeof extra.salt === 'string') {
    key = await deriveWampCraKey(
      secret,
      extra.salt,
      extra.iterations ?? WAMPCRA_DEFAULT_ITERATIONS,
      extra.keylen ?? WAMPCRA_DEFAULT_KEYLEN,
    );
  }
  return signWampCraChallenge(key, extra.challenge);
}

/** Inputs for {@link createWampCraChallenge}. */
export interface WampCraChallengeOptions {
  authid: string;
  authrole: string;
  authprovider: string;
  session: number;
  /** Defaults to 16 random bytes in base64. */
  nonce?: string;
  /** ISO-8601 UTC; defaults to now. */
  timestamp?: string;
  /** Salted mode: sent as-is in CHALLENGE.Extra next to the challenge. */
  salt?: string;
  iterations?: number;
  keylen?: number;
}

/**
 * Router side: the challenge string (JSON of authid, authrole, authmethod, authprovider, nonce,
 * timestamp, session) and the CHALLENGE.Extra that carries it; sign/verify the exact string.
 */
export function createWampCraChallenge(options: WampCraChallengeOptions): WampCraChallengeExtra {
  const challenge = JSON.stringify({
    authid: options.authid,
    authrole: options.authrole,
    authmethod: 'wampcra',
    authprovider: options.authprovider,
    nonce: options.nonce ?? encodeBase64(randomBytes(16)),
    timestamp: options.timestamp ?? new Date().toISOString(),
    session: options.session,
  });
  const extra: WampCraChallengeExtra = { challenge };
  if (options.salt !== undefined) {
    extra.salt = options.salt;
    extra.iterations = options.iterations ?? WAMPCRA_DEFAULT_ITERATIONS;
    extra.keylen = options.keylen ?? WAMPCRA_DEFAULT_KEYLEN;
  }
  return extra;
}
