/**
 * Standard base64 (RFC 4648 section 4, with padding), for browsers and Node alike.
 *
 * Encoding uses Node's `Buffer` when it exists (native speed); decoding is plain JS so that it can
 * validate strictly and return a plain `Uint8Array` (never a `Buffer` view of Node's shared pool).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE_TABLE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE_TABLE[ALPHABET.charCodeAt(i)] = i;

interface BufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64'): string };
}
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

/** Encodes bytes as standard base64 with `=` padding. */
export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined)
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let out = '';
  const n = bytes.length;
  const full = n - (n % 3);
  for (let i = 0; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
  }
  if (n - full === 1) {
    const v = bytes[full]! << 16;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + '==';
  } else if (n - full === 2) {
    const v = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + '=';
  }
  return out;
}

/** Value of one base64 character, or -1. */
function sextet(text: string, index: number): number {
  const c = text.charCodeAt(index);
  return c < 128 ? DECODE_TABLE[c]! : -1;
}

/**
 * Decodes standard padded base64 starting at `start`; returns `undefined` when the text is not
 * valid (wrong length, a foreign character, or misplaced padding), so callers choose the error.
 */
export function decodeBase64(text: string, start = 0): Uint8Array | undefined {
  const len = text.length - start;
  if (len % 4 !== 0) return undefined;
  if (len === 0) return new Uint8Array(0);
  const end = text.length;
  const pad = text.charCodeAt(end - 1) === 61 ? (text.charCodeAt(end - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((len / 4) * 3 - pad);
  let o = 0;
  const lastQuad = end - 4;
  for (let i = start; i < lastQuad; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const a = sextet(text, lastQuad);
  const b = sextet(text, lastQuad + 1);
  const c = pad === 2 ? 0 : sextet(text, lastQuad + 2);
  const d = pad >= 1 ? 0 : sextet(text, lastQuad + 3);
  if ((a | b | c | d) < 0) return undefined;
  const v = (a << 18) | (b << 12) | (c << 6) | d;
  out[o++] = v >> 16;
  if (pad < 2) out[o++] = (v >> 8) & 255;
  if (pad < 1) out[o++] = v & 255;
  return out;
}
