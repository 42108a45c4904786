/** Lower-case hex codec (browser-safe). */
import { AuthComputationError } from './auth-error.js';

const HEX = '0123456789abcdef';

/** Encodes bytes as lower-case hex. */
export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  return out;
}

/** Value of one hex digit, or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Decodes hex (either case); throws `invalid_hex`, or `invalid_length` when `expectedBytes` differs. */
export function decodeHex(text: string, expectedBytes?: number, what = 'value'): Uint8Array {
  if (text.length % 2 !== 0)
    throw new AuthComputationError('invalid_hex', `${what} is not an even-length hex string`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text.charCodeAt(2 * i));
    const lo = nibble(text.charCodeAt(2 * i + 1));
    if ((hi | lo) < 0) throw new AuthComputationError('invalid_hex', `${what} contains a non-hex character`);
    out[i] = (hi << 4) | lo;
  }
  if (expectedBytes !== undefined && out.length !== expectedBytes) {
    throw new AuthComputationError(
      'invalid_length',
      `${what} must be ${expectedBytes} bytes, got ${out.length}`,
    );
  }
  return out;
}
