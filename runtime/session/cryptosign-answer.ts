/**
 * WAMP-cryptosign for the client, on the shared `runtime/auth` helpers (WebCrypto, so browsers
 * too): the public key for HELLO.authextra and the CHALLENGE answer
 * `hex(Ed25519_sign(seed, challenge) || challenge)`.
 */
import { cryptosignPublicKey, cryptosignSign } from '../auth/cryptosign.js';
import type { Dict } from '../protocol/messages.js';
import { ErrorUri } from '../protocol/uris.js';
import { AuthenticationError } from '../protocol/predefined-errors.js';

/** The Ed25519 public key (hex, 64 chars) of a 32-byte seed given in hex. */
export function cryptosignPublicKeyHex(seedHex: string): Promise<string> {
  return cryptosignPublicKey(seedHex);
}

/** The AUTHENTICATE signature for a cryptosign CHALLENGE (no channel binding: we have no channel id). */
export async function cryptosignAnswer(seedHex: string, extra: Dict): Promise<string> {
  if (extra.channel_binding !== undefined && extra.channel_binding !== null) {
    throw new AuthenticationError(ErrorUri.AUTHENTICATION_FAILED, [
      'cryptosign channel binding is not supported',
    ]);
  }
  if (typeof extra.challenge !== 'string') {
    throw new AuthenticationError(ErrorUri.AUTHENTICATION_FAILED, [
      'cryptosign CHALLENGE.Extra.challenge is missing',
    ]);
  }
  return cryptosignSign(seedHex, extra.challenge);
}
