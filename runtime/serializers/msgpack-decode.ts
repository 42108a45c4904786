/**
 * MessagePack (spec v5) decoder for the WAMP data model (hot path, hand-written; the mirror of
 * `msgpack-encode.ts`).
 *
 * Why not `@msgpack/msgpack`'s decoder: it has no depth limit (it does not recurse, so a frame of
 * nested arrays decodes to a value no encoder will write again) and it replaces invalid UTF-8 with
 * U+FFFD without a way to make that an error. Walking its output again would cost a second pass.
 *
 * What it reads: nil, false, true; every int form as a number (uint64/int64 as `hi * 2^32 + lo`,
 * exact up to 2^53, never BigInt); float32 and float64; str as strict UTF-8 (`invalid_utf8`
 * otherwise); bin as a plain `Uint8Array` view into the frame; arrays; maps as plain objects whose
 * keys are the str keys, or the decimal string of int keys, with `__proto__` kept as an own
 * property; msgpackr's `undefined` (fixext 1, type 0, data 0, which wampy.js sends for options such
 * as `match: undefined`) as an absent entry when it is a map value.
 * What it refuses: every other extension type, the timestamp (-1) included
 * (`msgpack_extension_not_allowed`: a Date or ExtData could not be re-encoded when the router
 * forwards it); `undefined` in a list (`undefined_in_list`); other map keys (`invalid_map_key`);
 * lists, maps or bin nested inside `MAX_ENCODE_DEPTH` containers (`too_deep`, the encoders'
 * limit); 0xc1 (`malformed`); a frame that ends early (`truncated`) or has bytes after its value
 * (`trailing_bytes`). Every value costs at least one byte of the frame.
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

// The frame being decoded; decoding is synchronous and never calls out, so one set suffices.
let src: Uint8Array = EMPTY;
let pos = 0;
let end = 0;
/** Where the first elements of the top-level list start (for payload passthrough, see payload-tail.ts). */
const tops = new Int32Array(8);
/**
 * Set when the frame holds something a re-encode would change beyond its value (an extension, an
 * integer map key): such a payload is never forwarded as bytes.
 */
let irregular = false;

/** Decodes one MessagePack frame; throws a `SerializeError` (see the codes above). */
export function decodeMsgpack(data: string | Uint8Array): unknown {
  src = asPlainBytes(data, 'msgpack');
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

/** Makes sure `n` more bytes are there. */
function need(n: number, what: string): void {
  if (n > end - pos) throw truncated(what);
}

function u8(): number {
  need(1, 'a length or number');
  return src[pos++]!;
}

function u16(): number {
  need(2, 'a length or number');
  const n = (src[pos]! << 8) | src[pos + 1]!;
  pos += 2;
  return n;
}

function u32(): number {
  need(4, 'a length or number');
  const n = uint32At(src, pos);
  pos += 4;
  return n;
}

function readItem(depth: number): unknown {
  if (pos >= end) throw truncated('a value');
  const b = src[pos++]!;
  if (b < 0x80) return b; // positive fixint
  if (b >= 0xe0) return b - 0x100; // negative fixint
  if (b < 0x90) {
    checkDepth(depth);
    return readMap(b & 0x0f, depth + 1);
  }
  if (b < 0xa0) {
    checkDepth(depth);
    return readArray(b & 0x0f, depth + 1);
  }
  if (b < 0xc0) return readStr(b & 0x1f);
  switch (b) {
    case 0xc0:
      return null;
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xc4:
      checkDepth(depth);
      return readBin(u8());
    case 0xc5:
      checkDepth(depth);
      return readBin(u16());
    case 0xc6:
      checkDepth(depth);
      return readBin(u32());
    case 0xc7:
      return readExt(u8());
    case 0xc8:
      return readExt(u16());
    case 0xc9:
      return readExt(u32());
    case 0xca: {
      need(4, 'a float');
      const v = float32At(src, pos);
      pos += 4;
      return v;
    }
    case 0xcb: {
      need(8, 'a float');
      const v = float64At(src, pos);
      pos += 8;
      return v;
    }
    case 0xcc:
      return u8();
    case 0xcd:
      return u16();
    case 0xce:
      return u32();
    case 0xcf: {
      need(8, 'a number');
      // Exact up to 2^53, rounded to the nearest double above (as @msgpack/msgpack did).
      const v = uint32At(src, pos) * 0x100000000 + uint32At(src, pos + 4);
      pos += 8;
      return v;
    }
    case 0xd0:
      return (u8() << 24) >> 24;
    case 0xd1:
      return (u16() << 16) >> 16;
    case 0xd2:
      return u32() | 0;
    case 0xd3: {
      need(8, 'a number');
      const v = (uint32At(src, pos) | 0) * 0x100000000 + uint32At(src, pos + 4);
      pos += 8;
      return v;
    }
    case 0xd4:
      return readExt(1);
    case 0xd5:
      return readExt(2);
    case 0xd6:
      return readExt(4);
    case 0xd7:
      return readExt(8);
    case 0xd8:
      return readExt(16);
    case 0xd9:
      return readStr(u8());
    case 0xda:
      return readStr(u16());
    case 0xdb:
      return readStr(u32());
    case 0xdc:
      checkDepth(depth);
      return readArray(u16(), depth + 1);
    case 0xdd:
      checkDepth(depth);
      return readArray(u32(), depth + 1);
    case 0xde:
      checkDepth(depth);
      return readMap(u16(), depth + 1);
    case 0xdf:
      checkDepth(depth);
      return readMap(u32(), depth + 1);
    default:
      throw malformed('0xc1 is never used in MessagePack');
  }
}

function readStr(n: number): string {
  need(n, 'a str');
  const text = decodeUtf8(src, pos, n);
  pos += n;
  return text;
}

function readBin(n: number): Uint8Array {
  need(n, 'a bin');
  const bytes = src.subarray(pos, pos + n);
  pos += n;
  return bytes;
}

/** An extension of `size` data bytes: only msgpackr's `undefined` is read, as `undefined`. */
function readExt(size: number): undefined {
  need(1 + size, 'an extension');
  const type = (src[pos]! << 24) >> 24;
  if (type === 0 && size === 1 && src[pos + 1] === 0) {
    pos += 2;
    irregular = true;
    return undefined;
  }
  throw new SerializeError(
    'msgpack_extension_not_allowed',
    `msgpack extension type ${type} is not allowed in WAMP messages`,
  );
}

function readArray(n: number, depth: number): unknown[] {
  // Every item takes at least one byte: a count beyond what is left is refused before allocating.
  need(n, 'an array');
  const list: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (depth === 1 && i < 8) tops[i] = pos;
    const item = readItem(depth);
    if (item === undefined) throw undefinedNotInDict('list');
    list.push(item);
  }
  return list;
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

/** A map key: a str, or an int as its decimal string. */
function readKey(): string {
  if (pos >= end) throw truncated('a map');
  const b = src[pos]!;
  // The common case first: a fixstr.
  if (b >= 0xa0 && b < 0xc0) {
    pos++;
    return readStr(b & 0x1f);
  }
  if (b < 0x80 || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
    irregular = true;
    return String(readItem(0));
  }
  if (b >= 0xd9 && b <= 0xdb) return readItem(0) as string;
  throw invalidMapKey(`a value with first byte 0x${b.toString(16)}`);
}

/**
 * Where element `index` (< 8) of the list the last {@link decodeMsgpack} call returned starts in
 * its frame, or -1 when that frame held an extension or an integer map key (a re-encode would not
 * give the same bytes back, so its payload must not be forwarded as bytes).
 */
export function msgpackElementStart(index: number): number {
  return irregular || index >= 8 ? -1 : tops[index]!;
}
