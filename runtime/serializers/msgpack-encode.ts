/**
 * MessagePack encoder for the WAMP data model (hot path, hand-written).
 *
 * Why not a library encoder: measured with Node 20, `msgpackr` writes every integer >= 2^32 as
 * float64 and `@msgpack/msgpack` writes 2^53 as float64 and `undefined` as nil; both would need a
 * second walk to fix values and enforce our rules. This single walk emits integers |n| <= 2^53 in
 * the smallest int form, other numbers as float64, bytes as bin, text as str (spec v5), and no
 * extension types; it is as fast as msgpackr's pure-JS path (see bench/RESULTS.md).
 */
import { acquireWriter, ByteWriter } from './byte-writer.js';
import { MAX_ENCODE_DEPTH } from './serialize-error.js';
import { bigintToNumber, isPlainObject, tooDeep, undefinedInList, unsupportedValue } from './value-rules.js';

const MAX_SAFE = 9007199254740992;
const shared = new ByteWriter();

/** Encodes one value (usually a WAMP message array) as MessagePack bytes. */
export function encodeMsgpack(value: unknown): Uint8Array {
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
 * `tail`, bytes of already-encoded MessagePack elements (payload passthrough, `payload-tail.ts`).
 */
export function encodeMsgpackWithTail(head: readonly unknown[], count: number, tail: Uint8Array): Uint8Array {
  const w = acquireWriter(shared);
  try {
    writeArrayHead(w, count);
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
      w.buf[w.pos++] = value ? 0xc3 : 0xc2;
      return;
    case 'object':
      if (value === null) {
        w.ensure(1);
        w.buf[w.pos++] = 0xc0;
      } else if (depth >= MAX_ENCODE_DEPTH) {
        throw tooDeep(MAX_ENCODE_DEPTH);
      } else if (Array.isArray(value)) {
        writeArray(w, value, depth + 1);
      } else if (value instanceof Uint8Array) {
        writeBinary(w, value);
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
  w.ensure(9);
  const buf = w.buf;
  if (Number.isInteger(n) && n <= MAX_SAFE && n >= -MAX_SAFE) {
    // Unsigned forms for n >= 0 (as msgpack-python writes them): fixint, uint8/16/32/64.
    if (n >= 0) {
      if (n < 0x80) {
        buf[w.pos++] = n;
      } else if (n < 0x100) {
        buf[w.pos++] = 0xcc;
        buf[w.pos++] = n;
      } else if (n < 0x10000) {
        buf[w.pos++] = 0xcd;
        w.view.setUint16(w.pos, n);
        w.pos += 2;
      } else if (n < 0x100000000) {
        buf[w.pos++] = 0xce;
        w.view.setUint32(w.pos, n);
        w.pos += 4;
      } else {
        buf[w.pos++] = 0xcf;
        w.u64(n);
      }
    } else if (n >= -32) {
      // Negative fixint, then int8/16/32/64.
      buf[w.pos++] = n & 0xff;
    } else if (n >= -0x80) {
      buf[w.pos++] = 0xd0;
      buf[w.pos++] = n & 0xff;
    } else if (n >= -0x8000) {
      buf[w.pos++] = 0xd1;
      w.view.setInt16(w.pos, n);
      w.pos += 2;
    } else if (n >= -0x80000000) {
      buf[w.pos++] = 0xd2;
      w.view.setInt32(w.pos, n);
      w.pos += 4;
    } else {
      buf[w.pos++] = 0xd3;
      w.i64(n);
    }
    return;
  }
  // Always float64: float32 would silently round values peers sent as doubles.
  buf[w.pos++] = 0xcb;
  w.view.setFloat64(w.pos, n);
  w.pos += 8;
}

/** Header size for a str of `n` bytes. */
function strHeaderSize(n: number): number {
  return n < 32 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}

function writeString(w: ByteWriter, s: string): void {
  // UTF-8 needs at least one byte per UTF-16 unit, so the ASCII-sized header is never too long;
  // when the text turns out longer than that header allows, slide it right (rare: non-ASCII).
  const guess = strHeaderSize(s.length);
  w.ensure(5 + s.length * 3);
  const start = w.pos;
  const n = w.utf8At(s, start + guess);
  const size = strHeaderSize(n);
  if (size !== guess) w.buf.copyWithin(start + size, start + guess, start + guess + n);
  const buf = w.buf;
  if (size === 1) {
    buf[start] = 0xa0 | n;
  } else if (size === 2) {
    buf[start] = 0xd9;
    buf[start + 1] = n;
  } else if (size === 3) {
    buf[start] = 0xda;
    w.view.setUint16(start + 1, n);
  } else {
    buf[start] = 0xdb;
    w.view.setUint32(start + 1, n);
  }
  w.pos = start + size + n;
}

function writeBinary(w: ByteWriter, b: Uint8Array): void {
  const n = b.byteLength;
  w.ensure(5 + n);
  // bin8/16/32: msgpack spec v5 keeps bytes apart from str.
  if (n < 0x100) {
    w.buf[w.pos++] = 0xc4;
    w.buf[w.pos++] = n;
  } else if (n < 0x10000) {
    w.buf[w.pos++] = 0xc5;
    w.view.setUint16(w.pos, n);
    w.pos += 2;
  } else {
    w.buf[w.pos++] = 0xc6;
    w.view.setUint32(w.pos, n);
    w.pos += 4;
  }
  w.buf.set(b, w.pos);
  w.pos += n;
}

function writeArray(w: ByteWriter, a: readonly unknown[], depth: number): void {
  const n = a.length;
  writeArrayHead(w, n);
  for (let i = 0; i < n; i++) writeValue(w, a[i], depth);
}

function writeArrayHead(w: ByteWriter, n: number): void {
  w.ensure(5);
  // fixarray, array16, array32.
  if (n < 16) {
    w.buf[w.pos++] = 0x90 | n;
  } else if (n < 0x10000) {
    w.buf[w.pos++] = 0xdc;
    w.view.setUint16(w.pos, n);
    w.pos += 2;
  } else {
    w.buf[w.pos++] = 0xdd;
    w.view.setUint32(w.pos, n);
    w.pos += 4;
  }
}

function writeMap(w: ByteWriter, o: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(o);
  // Keys whose value is undefined are left out, as JSON.stringify does, so all serializers agree.
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (o[keys[i]!] !== undefined) n++;
  w.ensure(5);
  // fixmap, map16, map32.
  if (n < 16) {
    w.buf[w.pos++] = 0x80 | n;
  } else if (n < 0x10000) {
    w.buf[w.pos++] = 0xde;
    w.view.setUint16(w.pos, n);
    w.pos += 2;
  } else {
    w.buf[w.pos++] = 0xdf;
    w.view.setUint32(w.pos, n);
    w.pos += 4;
  }
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
