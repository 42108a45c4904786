/**
 * What the msgpack and CBOR decoders share: strict UTF-8, dicts that never touch a prototype,
 * big-endian floats, and the errors they throw.
 *
 * Both decoders hold to one rule that bounds what a frame can cost: every value they produce
 * consumes at least one byte of the frame (no extensions; no tags but CBOR's tag 64 on a byte
 * string, which adds a head and no value; so no shared references), and a length is checked
 * against the bytes left before anything is allocated for it. So a decoded value never has more
 * nodes than its frame has bytes.
 */
import { MAX_ENCODE_DEPTH, SerializeError } from './serialize-error.js';

// fatal: invalid UTF-8 is an error, never U+FFFD; ignoreBOM: a leading U+FEFF is text, not a marker.
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const fromCharCode = String.fromCharCode;

// Strings shorter than this that are ASCII (most keys, URIs and enum-like values) skip the
// TextDecoder call, and repeat from message to message (and within one: a list of dicts). A small
// cache hands back the same string object, which also spares the engine re-hashing a dict key on
// every property store. Bounded: 1024 slots of at most 15 bytes; a collision just replaces.
const SHORT_STRING = 16;
const CACHE_SLOTS = 1024;
const cacheStrings: string[] = new Array<string>(CACHE_SLOTS).fill('');
const cacheBytes = new Uint8Array(CACHE_SLOTS * SHORT_STRING);
const cacheLengths = new Uint8Array(CACHE_SLOTS);

/** Decodes `length` bytes of `src` from `start` as strict UTF-8; throws `invalid_utf8`. */
export function decodeUtf8(src: Uint8Array, start: number, length: number): string {
  const end = start + length;
  if (length === 0) return '';
  if (length >= SHORT_STRING) return decodeWithTextDecoder(src, start, end);
  let hash = length;
  for (let i = start; i < end; i++) {
    const b = src[i]!;
    if (b >= 0x80) return decodeWithTextDecoder(src, start, end);
    hash = Math.imul(hash ^ b, 0x9e3779b1);
  }
  const slot = hash >>> 22; // the top 10 bits: 0..CACHE_SLOTS-1
  const base = slot * SHORT_STRING;
  if (cacheLengths[slot] === length) {
    let i = 0;
    while (i < length && cacheBytes[base + i] === src[start + i]) i++;
    if (i === length) return cacheStrings[slot]!;
  }
  for (let i = 0; i < length; i++) cacheBytes[base + i] = src[start + i]!;
  const text = asciiString(src, start, end);
  cacheLengths[slot] = length;
  cacheStrings[slot] = text;
  return text;
}

/** A short ASCII run as a string; four characters per call keeps the intermediate strings few. */
function asciiString(src: Uint8Array, start: number, end: number): string {
  let s = '';
  let i = start;
  for (; i + 4 <= end; i += 4) s += fromCharCode(src[i]!, src[i + 1]!, src[i + 2]!, src[i + 3]!);
  for (; i < end; i++) s += fromCharCode(src[i]!);
  return s;
}

function decodeWithTextDecoder(src: Uint8Array, start: number, end: number): string {
  try {
    return fatalUtf8.decode(src.subarray(start, end));
  } catch {
    throw new SerializeError('invalid_utf8', `a string of ${end - start} bytes is not well-formed UTF-8`);
  }
}

/** Stores a dict entry; `__proto__` becomes an own property instead of replacing the prototype. */
export function setEntry(dict: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    dict[key] = value;
  }
}

// Floats are read through an 8-byte scratch buffer in the platform's byte order (the frame is
// big-endian): cheaper than a DataView over each new frame.
const scratchBytes = new Uint8Array(8);
const scratch32 = new Float32Array(scratchBytes.buffer, 0, 1);
const scratch64 = new Float64Array(scratchBytes.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The big-endian float32 at `at` (the caller checked that 4 bytes are there). */
export function float32At(src: Uint8Array, at: number): number {
  if (LITTLE_ENDIAN) {
    scratchBytes[0] = src[at + 3]!;
    scratchBytes[1] = src[at + 2]!;
    scratchBytes[2] = src[at + 1]!;
    scratchBytes[3] = src[at]!;
  } else {
    for (let i = 0; i < 4; i++) scratchBytes[i] = src[at + i]!;
  }
  return scratch32[0]!;
}

/** The big-endian float64 at `at` (the caller checked that 8 bytes are there). */
export function float64At(src: Uint8Array, at: number): number {
  if (LITTLE_ENDIAN) {
    scratchBytes[0] = src[at + 7]!;
    scratchBytes[1] = src[at + 6]!;
    scratchBytes[2] = src[at + 5]!;
    scratchBytes[3] = src[at + 4]!;
    scratchBytes[4] = src[at + 3]!;
    scratchBytes[5] = src[at + 2]!;
    scratchBytes[6] = src[at + 1]!;
    scratchBytes[7] = src[at]!;
  } else {
    for (let i = 0; i < 8; i++) scratchBytes[i] = src[at + i]!;
  }
  return scratch64[0]!;
}

/** The unsigned 32-bit integer at `at`, big-endian. */
export function uint32At(src: Uint8Array, at: number): number {
  return src[at]! * 0x1000000 + ((src[at + 1]! << 16) | (src[at + 2]! << 8) | src[at + 3]!);
}

/** The depth check for a container or byte string inside `depth` containers. */
export function checkDepth(depth: number): void {
  if (depth >= MAX_ENCODE_DEPTH)
    throw new SerializeError('too_deep', `value nesting exceeds ${MAX_ENCODE_DEPTH} levels`);
}

/** The frame ended inside a value, or a length claims more than what is left. */
export function truncated(what: string): SerializeError {
  return new SerializeError('truncated', `the frame ends inside ${what}`);
}

/** A byte the format does not allow where it stands. */
export function malformed(message: string): SerializeError {
  return new SerializeError('malformed', message);
}

/** Bytes left over after the frame's one value. */
export function trailingBytes(count: number): SerializeError {
  return new SerializeError('trailing_bytes', `${count} bytes follow the value the frame holds`);
}

/** A map key that is neither a string nor an integer. */
export function invalidMapKey(what: string): SerializeError {
  return new SerializeError('invalid_map_key', `a map key must be a string or an integer, not ${what}`);
}

/** `undefined` where it cannot be read as an absent dict entry. */
export function undefinedNotInDict(where: 'list' | 'top'): SerializeError {
  return where === 'list'
    ? new SerializeError('undefined_in_list', 'undefined inside a list (only a dict value may be undefined)')
    : new SerializeError('unsupported_value', 'a frame that holds only undefined');
}
