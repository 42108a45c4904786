/**
 * `wamp.2.json`: text frames, with bytes carried as `"\u0000" + base64` strings.
 *
 * Encoding does one cheap scan of the message (which also enforces the shared value rules);
 * only when it finds bytes or BigInts does `JSON.stringify` get a replacer, because a replacer
 * slows every message down (measured in bench/RESULTS.md). Decoding converts `\u0000` strings
 * back to bytes only when the raw text contains the escape `\u0000` at all, and walks the parsed
 * value for the depth limit only when the text has more `[` and `{` than the limit.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { MAX_ENCODE_DEPTH, SerializeError } from './serialize-error.js';
import type { Serializer } from './types.js';
import { bigintToNumber, isPlainObject, tooDeep, undefinedInList, unsupportedValue } from './value-rules.js';

const NEEDS_REPLACER = 1;
// JSON must escape U+0000 inside strings, so its escaped form is the only way it can appear.
const NUL_ESCAPE = '\\u0000';
const NUL = '\u0000';
const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** Checks a primitive; returns NEEDS_REPLACER for BigInt, -1 for containers (to recurse into). */
function scanPrimitive(value: unknown): number {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return 0;
    case 'number':
      if (!Number.isFinite(value))
        throw new SerializeError('non_finite_number', `JSON cannot represent ${value}`);
      return 0;
    case 'object':
      return value === null ? 0 : -1;
    case 'bigint':
      bigintToNumber(value);
      return NEEDS_REPLACER;
    case 'undefined':
      throw undefinedInList();
    default:
      throw unsupportedValue(value);
  }
}

/**
 * Checks a container against the value rules; returns NEEDS_REPLACER when it holds bytes or
 * BigInts. Strings, the commonest leaf, skip the call (this runs on every message).
 */
function scan(value: object, depth: number): number {
  if (depth >= MAX_ENCODE_DEPTH) throw tooDeep(MAX_ENCODE_DEPTH);
  let flags = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') continue;
      const kind = scanPrimitive(item);
      flags |= kind < 0 ? scan(item as object, depth + 1) : kind;
    }
    return flags;
  }
  if (value instanceof Uint8Array) return NEEDS_REPLACER;
  if (!isPlainObject(value)) throw unsupportedValue(value);
  const dict = value as Record<string, unknown>;
  for (const key in dict) {
    const item = dict[key];
    if (typeof item === 'string' || item === undefined) continue;
    const kind = scanPrimitive(item);
    flags |= kind < 0 ? scan(item as object, depth + 1) : kind;
  }
  return flags;
}

/** Replacer for the rare path; reads `this[key]` because Buffer's toJSON runs before replacers. */
function replaceSpecial(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return NUL + encodeBase64(raw);
  if (typeof raw === 'bigint') return Number(raw);
  return value;
}

/**
 * Replaces, in place, every string value that starts with U+0000 by the bytes it encodes; refuses
 * containers and bytes inside MAX_ENCODE_DEPTH containers, as the encoders do.
 */
function reviveBinary(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    if (value.length === 0 || value.charCodeAt(0) !== 0) return value;
    if (depth >= MAX_ENCODE_DEPTH) throw tooDeep(MAX_ENCODE_DEPTH);
    const bytes = decodeBase64(value, 1);
    if (bytes === undefined)
      throw new SerializeError('invalid_binary', 'a "\\u0000" string is not valid base64');
    return bytes;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_ENCODE_DEPTH) throw tooDeep(MAX_ENCODE_DEPTH);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveBinary(value[i], depth + 1);
  } else {
    const dict = value as Record<string, unknown>;
    for (const key in dict) {
      const item = dict[key];
      const revived = reviveBinary(item, depth + 1);
      // defineProperty, because plain assignment to an own "__proto__" key would swap the prototype.
      if (revived !== item)
        Object.defineProperty(dict, key, {
          value: revived,
          writable: true,
          enumerable: true,
          configurable: true,
        });
    }
  }
  return value;
}

/** Encodes a message as JSON text (bytes as `"\u0000"`+base64); throws {@link SerializeError}. */
export function encodeJson(message: unknown): string {
  const kind = scanPrimitive(message);
  if ((kind < 0 ? scan(message as object, 0) : kind) === 0) return JSON.stringify(message);
  return JSON.stringify(message, replaceSpecial);
}

/** Throws `too_deep` for a container inside MAX_ENCODE_DEPTH containers (walks containers only). */
function checkNesting(value: object, depth: number): void {
  if (depth >= MAX_ENCODE_DEPTH) throw tooDeep(MAX_ENCODE_DEPTH);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) checkNesting(item, depth + 1);
    }
    return;
  }
  const dict = value as Record<string, unknown>;
  for (const key in dict) {
    const item = dict[key];
    if (typeof item === 'object' && item !== null) checkNesting(item, depth + 1);
  }
}

/**
 * False when the text cannot nest deeper than MAX_ENCODE_DEPTH: that takes more than that many
 * `[` or `{` (strings included, so this over-counts, never under-counts). `JSON.parse` has no
 * depth limit; counting with indexOf is cheaper than walking the parsed value.
 */
function mayBeTooDeep(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1))
    if (++count > MAX_ENCODE_DEPTH) return true;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1))
    if (++count > MAX_ENCODE_DEPTH) return true;
  return false;
}

/** UTF-8 bytes as text; invalid UTF-8 throws `invalid_utf8`, as in the binary serializers. */
function utf8Text(data: Uint8Array): string {
  try {
    return textDecoder.decode(data);
  } catch {
    throw new SerializeError('invalid_utf8', 'a JSON frame is not well-formed UTF-8');
  }
}

/**
 * Decodes JSON text or UTF-8 bytes; throws on malformed input, invalid UTF-8, and nesting deeper
 * than the encoders write (`too_deep`).
 */
export function decodeJson(data: string | Uint8Array): unknown {
  const text = typeof data === 'string' ? data : utf8Text(data);
  const value: unknown = JSON.parse(text);
  if (text.includes(NUL_ESCAPE)) return reviveBinary(value, 0);
  // Nesting deeper than the limit takes more than twice as many characters.
  if (text.length > 2 * MAX_ENCODE_DEPTH && mayBeTooDeep(text) && typeof value === 'object' && value !== null)
    checkNesting(value, 0);
  return value;
}

/** The `wamp.2.json` serializer (RawSocket id 1, text frames). */
export const jsonSerializer: Serializer = {
  name: 'json',
  subprotocol: 'wamp.2.json',
  rawSocketId: 1,
  binary: false,
  serialize: encodeJson,
  deserialize: decodeJson,
};
