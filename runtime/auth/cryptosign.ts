/**
 * WAMP-cryptosign (Ed25519) computations on WebCrypto: Node >= 20, Chrome >= 137, Firefox >= 129,
 * Safari >= 17 (elsewhere they throw `unsupported`).
 *
 * The signed message is the 32-byte challenge, or challenge XOR channel id with channel binding.
 * AUTHENTICATE.Signature = hex(signature (64 bytes) || message (32 bytes)), 192 hex digits.
 */
import { decodeBase64 } from '../serializers/base64.js';
import { AuthComputationError } from './auth-error.js';
import { decodeHex, encodeHex } from './hex.js';
import { randomBytes, subtle } from './webcrypto.js';
import { errorText } from '../protocol/error-text.js';

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. WebCrypto cannot import raw seeds.
const PKCS8_ED25519_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);

/** Wraps a WebCrypto failure to import or use Ed25519 as `unsupported`. */
function unsupported(err: unknown): AuthComputationError {
  const reason = errorText(err);
  return new AuthComputationError('unsupported', `Ed25519 is not available in this WebCrypto: ${reason}`);
}

/** Imports a 32-byte seed as an Ed25519 signing key. */
async function importSeed(seedHex: string, extractable: boolean): Promise<CryptoKey> {
  const seed = decodeHex(seedHex, 32, 'Ed25519 private key seed');
  const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  pkcs8.set(PKCS8_ED25519_PREFIX);
  pkcs8.set(seed, PKCS8_ED25519_PREFIX.length);
  try {
    return await subtle().importKey('pkcs8', pkcs8, { name: 'Ed25519' }, extractable, ['sign']);
  } catch (err) {
    throw unsupported(err);
  }
}

/** The message to sign: the challenge, XORed with the channel id when one is given. */
function signedMessage(challengeHex: string, channelIdHex: string | undefined): Uint8Array<ArrayBuffer> {
  const msg = decodeHex(challengeHex, 32, 'cryptosign challenge') as Uint8Array<ArrayBuffer>;
  if (channelIdHex !== undefined) {
    const channel = decodeHex(channelIdHex, 32, 'channel id');
    for (let i = 0; i < 32; i++) msg[i]! ^= channel[i]!;
  }
  return msg;
}

/** Client (or router, for router authentication): hex(Ed25519 signature || message), 192 hex digits. */
export async function cryptosignSign(
  privateSeedHex: string,
  challengeHex: string,
  channelIdHex?: string,
): Promise<string> {
  const msg = signedMessage(challengeHex, channelIdHex);
  const key = await importSeed(privateSeedHex, false);
  const sig = new Uint8Array(await subtle().sign('Ed25519', key, msg));
  return encodeHex(sig) + encodeHex(msg);
}

/**
 * Router side: true when `signatureHex` is 96 bytes, its last 32 bytes are the expected message
 * and its first 64 bytes are a valid Ed25519 signature of it under `pubkeyHex`.
 */
export async function cryptosignVerify(
  pubkeyHex: string,
  challengeHex: string,
  signatureHex: string,
  channelIdHex?: string,
): Promise<boolean> {
  const msg = signedMessage(challengeHex, channelIdHex);
  const pub = decodeHex(pubkeyHex, 32, 'Ed25519 public key') as Uint8Array<ArrayBuffer>;
  if (signatureHex.length !== 192 || !/^[0-9a-fA-F]+$/.test(signatureHex)) return false;
  const sigAndMsg = decodeHex(signatureHex);
  for (let i = 0; i < 32; i++) if (sigAndMsg[64 + i] !== msg[i]) return false;
  let key: CryptoKey;
  try {
    key = await subtle().importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
  } catch (err) {
    throw unsupported(err);
  }
  return subtle().verify('Ed25519', key, sigAndMsg.subarray(0, 64) as Uint8Array<ArrayBuffer>, msg);
}

/** The hex Ed25519 public key (32 bytes) for a hex private seed, as sent in HELLO authextra.pubkey. */
export async function cryptosignPublicKey(privateSeedHex: string): Promise<string> {
  const key = await importSeed(privateSeedHex, true);
  const jwk = await subtle().exportKey('jwk', key);
  // JWK "x" is the public key in unpadded base64url.
  const b64 = (jwk.x ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const pub = decodeBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  if (pub === undefined || pub.length !== 32) throw unsupported(new Error('JWK export has no 32-byte "x"'));
  return encodeHex(pub);
}

/** Router side: a fresh random 32-byte challenge in hex for CHALLENGE.Extra.challenge. */
export function createCryptosignChallenge(): string {
  return encodeHex(randomBytes(32));
}
