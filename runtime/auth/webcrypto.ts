/** Access to WebCrypto's `subtle` (browsers, Node >= 20) with a clear error where it is missing. */
import { AuthComputationError } from './auth-error.js';

/** The runtime's SubtleCrypto; throws `unsupported` when there is none (e.g. an insecure browser context). */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    throw new AuthComputationError('unsupported', 'WebCrypto (globalThis.crypto.subtle) is not available');
  }
  return s;
}

/** Fills `n` cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}
