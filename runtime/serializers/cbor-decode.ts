/**
 * CBOR (RFC 8949) decoder for the WAMP data model (hot path, hand-written; the mirror of
 * `cbor-encode.ts`).
 *
 * Why not `cbor-x`'s decoder: it cannot be told to refuse tags, so a peer could send shared
 * references (tags 28/29) that decode a ~250-byte frame into a structure doubling per level,
 * which the router then re-encodes for the receiver in exponential time and memory; it also
 * probes `new Function` when it loads, which a strict browser CSP reports.
 *
 * What it reads:
 * - major types 0 and 1 as numbers; 64-bit arguments as `hi * 2^32 + lo` (exact up to 2^53, the
 *   nearest double above, never BigInt), as cbor-x's `int64AsNumber` did;
 * - byte strings (major 2) as plain `Uint8Array` views into the frame; indefinite-length byte
 *   strings (definite chunks only) as one new `Uint8Array`;
 * - text strings (major 3), definite or chunked, as strict UTF-8 (`invalid_utf8` otherwise);
 * - arrays and maps (majors 4, 5), definite or indefinite; maps become plain objects whose keys are
 *   the text keys, or the decimal string of integer keys; `__proto__` stays an own property;
 * - false, true, null; half, single and double floats;
 * - `undefined` (`f7`) as an absent entry when it is a map value (as the msgpack decoder reads
 *   wampy's `undefined`); anywhere else it is refused (`undefined_in_list`);
 * - tag 64 (RFC 8746 uint8 typed array) directly on a byte string, which cbor-x and so wampy.js
 *   write for every Uint8Array, as the plain byte string: it adds a head, not a value.
 * What it refuses: every other tag (`cbor_tag_not_allowed`), other simple values
 * (`unsupported_value`), map keys other than text and integers (`invalid_map_key`), nesting of
 * lists, maps or byte strings inside `MAX_ENCODE_DEPTH` containers (`too_deep`, the encoders'
 * limit), reserved heads and misplaced breaks (`malformed`), a frame that ends early (`truncated`)
 * or has bytes after its value (`trailing_bytes`). Every value costs at least one byte of the frame.
 */
import { asPlainBytes } from './binary-input.js';
import {
  checkDepth,
  decodeUtf8,
  float32At,
  float64At,
  invalidMapKey,
  malformed,
  setEntry,
  trailingBytes,
  truncated,
  uint32At,
  undefinedNotInDict,
} from './decode-support.js';
import { SerializeError } from './serialize-error.js';

const EMPTY = new Uint8Array(0);
const BREAK = 0xff;
const TAG_UINT8_ARRAY = 64;

// The frame being decoded; decoding is synchronous and never calls out, so one set suffices.
let src: Uint8Array = EMPTY;
let pos = 0;
let end = 0;
/** Where the first elements of the top-level list start (for payload passthrough, see payload-tail.ts). */
const tops = new Int32Array(8);
/**
 * Set when the frame holds something a re-encode would change beyond its value (a tag, an
 * indefinite length, `undefined`, an integer map key): such a payload is never forwarded as bytes.
 */
let irregular = false;

/** Decodes one CBOR frame; throws a `SerializeError` (see the codes above). */
export function decodeCbor(data: string | Uint8Array): unknown {
  src = asPlainBytes(data, 'cbor');
  pos = 0;
  end = src.length;
  irregular = false;
  tops[0] = -1;
  try {
    const value = readItem(0);
    if (value === undefined) throw undefinedNotInDict('top');
    if (pos !== end) throw trailingBytes(end - pos);
    return value;
  } finally {
    // Do not keep the last frame alive.
    src = EMPTY;
  }
}

/** Reads the argument of a head whose additional information is `ai` >= 24. */
function readArgument(ai: number): number {
  switch (ai) {
    case 24:
      if (pos + 1 > end) throw truncated('a head');
      return src[pos++]!;
    case 25: {
      if (pos + 2 > end) throw truncated('a head');
      const n = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return n;
    }
    case 26: {
      if (pos + 4 > end) throw truncated('a head');
      const n = uint32At(src, pos);
      pos += 4;
      return n;
    }
    case 27: {
      if (pos + 8 > end) throw truncated('a head');
      // int64AsNumber: exact up to 2^53, rounded to the nearest double above.
      const n = uint32At(src, pos) * 0x100000000 + uint32At(src, pos + 4);
      pos += 8;
      return n;
    }
    case 31:
      throw malformed('indefinite length is only allowed for strings, arrays and maps');
    default:
      throw malformed(`reserved additional information ${ai} in a CBOR head`);
  }
}

function readItem(depth: number): unknown {
  if (pos >= end) throw truncated('a value');
  const ib = src[pos++]!;
  const ai = ib & 0x1f;
  switch (ib >> 5) {
    case 0:
      return ai < 24 ? ai : readArgument(ai);
    case 1:
      return -1 - (ai < 24 ? ai : readArgument(ai));
    case 2:
      checkDepth(depth);
      return ai === 31 ? readChunkedBytes() : readBytes(ai < 24 ? ai : readArgument(ai));
    case 3:
      return ai === 31 ? readChunkedText() : readText(ai < 24 ? ai : readArgument(ai));
    case 4:
      checkDepth(depth);
      return ai === 31
        ? readIndefiniteArray(depth + 1)
        : readArray(ai < 24 ? ai : readArgument(ai), depth + 1);
    case 5:
      checkDepth(depth);
      return ai === 31 ? readIndefiniteMap(depth + 1) : readMap(ai < 24 ? ai : readArgument(ai), depth + 1);
    case 6:
      return readTagged(ai < 24 ? ai : readArgument(ai), depth);
    default:
      return readSimple(ai);
  }
}

/**
 * A tagged item: only tag 64 (RFC 8746 "uint8 typed array") directly on a byte string, which
 * cbor-x (and so wampy.js) writes for every Uint8Array, is read, as the plain bytes.
 */
function readTagged(tag: number, depth: number): unknown {
  irregular = true;
  if (tag === TAG_UINT8_ARRAY && pos < end && src[pos]! >> 5 === 2) return readItem(depth);
  throw new SerializeError(
    'cbor_tag_not_allowed',
    `CBOR tag ${tag} is not allowed: WAMP payloads use no tags but 64 on a byte string (shared references, dates, bignums... are refused)`,
  );
}

function readSimple(ai: number): unknown {
  switch (ai) {
    case 20:
      return false;
    case 21:
      return true;
    case 22:
      return null;
    case 23:
      irregular = true;
      return undefined;
    case 24: {
      if (pos + 1 > end) throw truncated('a simple value');
      const v = src[pos++]!;
      if (v < 32) throw malformed(`simple value ${v} in the two-byte form`);
      throw new SerializeError(
        'unsupported_value',
        `CBOR simple value ${v} is not part of the WAMP data model`,
      );
    }
    case 25: {
      if (pos + 2 > end) throw truncated('a float');
      const half = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return halfToNumber(half);
    }
    case 26: {
      if (pos + 4 > end) throw truncated('a float');
      const v = float32At(src, pos);
      pos += 4;
      return v;
    }
    case 27: {
      if (pos + 8 > end) throw truncated('a float');
      const v = float64At(src, pos);
      pos += 8;
      return v;
    }
    case 31:
      throw malformed('a break (0xff) outside an indefinite-length item');
    default:
      if (ai < 20)
        throw new SerializeError(
          'unsupported_value',
          `CBOR simple value ${ai} is not part of the WAMP data model`,
        );
      throw malformed(`reserved additional information ${ai} in a CBOR head`);
  }
}

/** IEEE 754 binary16 to a number (RFC 8949 Appendix D). */
function halfToNumber(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  let value: number;
  if (exponent === 0) value = mantissa * 2 ** -24;
  else if (exponent === 31) value = mantissa === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  else value = (mantissa + 1024) * 2 ** (exponent - 25);
  return half & 0x8000 ? -value : value;
}

function readBytes(n: number): Uint8Array {
  if (n > end - pos) throw truncated('a byte string');
  const bytes = src.subarray(pos, pos + n);
  pos += n;
  return bytes;
}

function readText(n: number): string {
  if (n > end - pos) throw truncated('a text string');
  const text = decodeUtf8(src, pos, n);
  pos += n;
  return text;
}

/** The chunks of an indefinite-length string of major type `major`, up to the break. */
function readChunks<T>(major: number, read: (n: number) => T): T[] {
  irregular = true;
  const chunks: T[] = [];
  for (;;) {
    if (pos >= end) throw truncated('an indefinite-length string');
    const ib = src[pos++]!;
    if (ib === BREAK) return chunks;
    const ai = ib & 0x1f;
    if (ib >> 5 !== major || ai === 31)
      throw malformed('a chunk of an indefinite-length string must be a definite string of the same type');
    chunks.push(read(ai < 24 ? ai : readArgument(ai)));
  }
}

function readChunkedBytes(): Uint8Array {
  const chunks = readChunks(2, readBytes);
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function readChunkedText(): string {
  // Each chunk is validated on its own: RFC 8949 does not let a character span two chunks.
  return readChunks(3, readText).join('');
}

function readArray(n: number, depth: number): unknown[] {
  // Every item takes at least one byte: a count beyond what is left is refused before allocating.
  if (n > end - pos) throw truncated('an array');
  const list: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (depth === 1 && i < 8) tops[i] = pos;
    const item = readItem(depth);
    if (item === undefined) throw undefinedNotInDict('list');
    list.push(item);
  }
  return list;
}

function readIndefiniteArray(depth: number): unknown[] {
  irregular = true;
  const list: unknown[] = [];
  for (;;) {
    if (pos >= end) throw truncated('an indefinite-length array');
    if (src[pos] === BREAK) {
      pos++;
      return list;
    }
    const item = readItem(depth);
    if (item === undefined) throw undefinedNotInDict('list');
    list.push(item);
  }
}

function readMap(n: number, depth: number): Record<string, unknown> {
  if (n > (end - pos) / 2) throw truncated('a map');
  const dict: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const key = readKey();
    const value = readItem(depth);
    if (value !== undefined) setEntry(dict, key, value);
  }
  return dict;
}

function readIndefiniteMap(depth: number): Record<string, unknown> {
  irregular = true;
  const dict: Record<string, unknown> = {};
  for (;;) {
    if (pos >= end) throw truncated('an indefinite-length map');
    if (src[pos] === BREAK) {
      pos++;
      return dict;
    }
    const key = readKey();
    const value = readItem(depth);
    if (value !== undefined) setEntry(dict, key, value);
  }
}

/** A map key: a text string, or an integer as its decimal string. */
function readKey(): string {
  if (pos >= end) throw truncated('a map');
  const ib = src[pos]!;
  // The common case first: a short definite text string.
  if (ib >= 0x60 && ib < 0x78) {
    const n = ib - 0x60;
    if (++pos + n > end) throw truncated('a text string');
    const key = decodeUtf8(src, pos, n);
    pos += n;
    return key;
  }
  switch (ib >> 5) {
    case 0:
    case 1:
      irregular = true;
      return String(readItem(0));
    case 3:
      return readItem(0) as string;
    case 6:
      // Refused as a tag, or (tag 64 on bytes) as a byte-string key.
      readItem(0);
      throw invalidMapKey('a byte string');
    default:
      if (ib === BREAK) throw malformed('a break (0xff) inside a definite-length map');
      throw invalidMapKey(
        ib >> 5 === 2 ? 'a byte string' : ib >> 5 === 7 ? 'a simple value or float' : 'a container',
      );
  }
}

/**
 * Where element `index` (< 8) of the list the last {@link decodeCbor} call returned starts in its
 * frame, or -1 when that frame held a tag, an indefinite length, `undefined` or an integer map key
 * (a re-encode would not give the same bytes back, so its payload must not be forwarded as bytes).
 */
export function cborElementStart(index: number): number {
  return irregular || index >= 8 ? -1 : tops[index]!;
}
