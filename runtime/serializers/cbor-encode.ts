/**
 * CBOR (RFC 8949) encoder for the WAMP data model (hot path, hand-written).
 *
 * Why not `cbor-x`'s encoder: measured with Node 20, it writes integers >= 2^32 as float64 (so
 * random WAMP IDs would arrive as floats), tags Uint8Array with tag 64 and uses record extensions
 * by default. This single walk emits preferred (shortest) heads, integers |n| <= 2^53 as major
 * type 0/1 (8-byte form `0x1b` above 2^32), other numbers as float64, bytes as untagged major
 * type 2, definite lengths only, and no tags.
 */
import { acquireWriter, ByteWriter } from './byte-writer.js';
import { MAX_ENCODE_DEPTH } from './serialize-error.js';
import { bigintToNumber, isPlainObject, tooDeep, undefinedInList, unsupportedValue } from './value-rules.js';

const MAX_SAFE = 9007199254740992;
const shared = new ByteWriter();

/** Encodes one value (usually a WAMP message array) as CBOR bytes. */
export function encodeCbor(value: unknown): Uint8Array {
  const w = acquireWriter(shared);
  try {
    writeValue(w, value, 0);
    return w.finish();
  } finally {
    w.pos = 0;
    w.busy = false;
  }
}

/**
 * Encodes a list of `count` elements whose first `head.length` are encoded here and whose rest is
 * `tail`, bytes of already-encoded CBOR elements (payload passthrough, `payload-tail.ts`).
 */
export function encodeCborWithTail(head: readonly unknown[], count: number, tail: Uint8Array): Uint8Array {
  const w = acquireWriter(shared);
  try {
    writeHead(w, 0x80, count);
    for (let i = 0; i < head.length; i++) writeValue(w, head[i], 1);
    w.ensure(tail.length);
    w.buf.set(tail, w.pos);
    w.pos += tail.length;
    return w.finish();
  } finally {
    w.pos = 0;
    w.busy = false;
  }
}

/** Writes a head: major type (already shifted by 5) plus an argument 0..2^53. */
function writeHead(w: ByteWriter, major: number, n: number): void {
  w.ensure(9);
  const buf = w.buf;
  // Preferred serialization: the argument in the head itself, or 1, 2, 4, 8 following bytes.
  if (n < 24) {
    buf[w.pos++] = major | n;
  } else if (n < 0x100) {
    buf[w.pos++] = major | 24;
    buf[w.pos++] = n;
  } else if (n < 0x10000) {
    buf[w.pos++] = major | 25;
    w.view.setUint16(w.pos, n);
    w.pos += 2;
  } else if (n < 0x100000000) {
    buf[w.pos++] = major | 26;
    w.view.setUint32(w.pos, n);
    w.pos += 4;
  } else {
    buf[w.pos++] = major | 27;
    w.u64(n);
  }
}

function writeValue(w: ByteWriter, value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      writeString(w, value);
      return;
    case 'number':
      writeNumber(w, value);
      return;
    case 'boolean':
      w.ensure(1);
      w.buf[w.pos++] = value ? 0xf5 : 0xf4;
      return;
    case 'object':
      if (value === null) {
        w.ensure(1);
        w.buf[w.pos++] = 0xf6;
      } else if (depth >= MAX_ENCODE_DEPTH) {
        throw tooDeep(MAX_ENCODE_DEPTH);
      } else if (Array.isArray(value)) {
        const n = value.length;
        writeHead(w, 0x80, n);
        for (let i = 0; i < n; i++) writeValue(w, value[i], depth + 1);
      } else if (value instanceof Uint8Array) {
        writeHead(w, 0x40, value.byteLength);
        w.ensure(value.byteLength);
        w.buf.set(value, w.pos);
        w.pos += value.byteLength;
      } else if (isPlainObject(value)) {
        writeMap(w, value as Record<string, unknown>, depth + 1);
      } else {
        throw unsupportedValue(value);
      }
      return;
    case 'bigint':
      writeNumber(w, bigintToNumber(value));
      return;
    case 'undefined':
      throw undefinedInList();
    default:
      throw unsupportedValue(value);
  }
}

function writeNumber(w: ByteWriter, n: number): void {
  if (Number.isInteger(n) && n <= MAX_SAFE && n >= -MAX_SAFE) {
    // Major type 0 for n >= 0; major type 1 stores -1 - n.
    if (n >= 0) writeHead(w, 0x00, n);
    else writeHead(w, 0x20, -1 - n);
    return;
  }
  // Always float64 (0xfb): shorter float forms would need a lossless-fit check per number.
  w.ensure(9);
  w.buf[w.pos++] = 0xfb;
  w.view.setFloat64(w.pos, n);
  w.pos += 8;
}

/** Head size for an argument of `n`. */
function headSize(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}

function writeString(w: ByteWriter, s: string): void {
  // UTF-8 needs at least one byte per UTF-16 unit, so the ASCII-sized head is never too long;
  // when the text turns out longer than that head allows, slide it right (rare: non-ASCII).
  const guess = headSize(s.length);
  w.ensure(5 + s.length * 3);
  const start = w.pos;
  const n = w.utf8At(s, start + guess);
  const size = headSize(n);
  if (size !== guess) w.buf.copyWithin(start + size, start + guess, start + guess + n);
  const buf = w.buf;
  if (size === 1) {
    buf[start] = 0x60 | n;
  } else if (size === 2) {
    buf[start] = 0x78;
    buf[start + 1] = n;
  } else if (size === 3) {
    buf[start] = 0x79;
    w.view.setUint16(start + 1, n);
  } else {
    buf[start] = 0x7a;
    w.view.setUint32(start + 1, n);
  }
  w.pos = start + size + n;
}

function writeMap(w: ByteWriter, o: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(o);
  // Keys whose value is undefined are left out, as JSON.stringify does, so all serializers agree.
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (o[keys[i]!] !== undefined) n++;
  writeHead(w, 0xa0, n);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = o[key];
    if (v === undefined) continue;
    writeString(w, key);
    // Strings are the commonest leaf: skip the dispatch for them.
    if (typeof v === 'string') writeString(w, v);
    else writeValue(w, v, depth);
  }
}
