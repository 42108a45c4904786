/** Small helpers for the decoder tests: hex frames and the code a decode fails with. */
import { isSerializeError } from '../../runtime/serializers/index.js';

/** A plain Uint8Array from hex with optional spaces, e.g. `bytes('82 01 02')`. */
export function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `'ok'` when `decode` returns, else the SerializeError code it threw (or a description of what else it threw). */
export function failure(decode: () => unknown): string {
  try {
    decode();
    return 'ok';
  } catch (err) {
    if (isSerializeError(err)) return err.code;
    return `not a SerializeError: ${String(err)}`;
  }
}

/** The message of the error `decode` throws. */
export function failureMessage(decode: () => unknown): string {
  try {
    decode();
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Nodes of a decoded value: 1 per value, plus 1 per dict key. Every one of them costs at least one
 * byte (or character) of the frame, so this never exceeds the frame's length.
 */
export function countNodes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countNodes(item), 1);
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    let n = 1;
    for (const key of Object.keys(value)) n += 1 + countNodes((value as Record<string, unknown>)[key]);
    return n;
  }
  return 1;
}

/** Invalid UTF-8 sequences, each with what is wrong with it. */
export const INVALID_UTF8: ReadonlyArray<readonly [string, string]> = [
  ['a stray continuation byte', '80'],
  ['a lead byte with no continuation', 'c3'],
  ['an overlong two-byte form', 'c0af'],
  ['an overlong three-byte form', 'e080af'],
  ['an overlong four-byte form', 'f08080af'],
  ['a UTF-16 surrogate (U+D800)', 'eda080'],
  ['a code point above U+10FFFF', 'f4908080'],
  ['a truncated three-byte sequence before ASCII', 'e28261'],
  ['the byte 0xff', 'ff'],
  ['the byte 0xfe', 'fe'],
];

/** A CBOR unsigned integer head (major type 0) for 0..255, as hex. */
function cborUint(n: number): string {
  return n < 24 ? n.toString(16).padStart(2, '0') : `18${n.toString(16).padStart(2, '0')}`;
}

/** A CBOR text string (shorter than 256 bytes), as hex. */
function cborText(text: string): string {
  const data = Buffer.from(text, 'utf8');
  const head =
    data.length < 24 ? (0x60 + data.length).toString(16) : `78${data.length.toString(16).padStart(2, '0')}`;
  return `${head}${data.toString('hex')}`;
}

/**
 * A CALL `[48, request, {}, procedure, [bomb]]` whose argument is a CBOR value-sharing bomb: the
 * leaf is marked shareable (tag 28), and each of `levels` levels is a shareable two-element array
 * holding the level below and a shared reference to it (tag 29). The frame grows by 6-7 bytes per
 * level while a decoder that honours the tags builds a value of 2^levels leaves (as a DAG), which
 * an encoder then writes out in full. Shareables are numbered in the order they start, so the
 * outermost level is 0 and the leaf is `levels`.
 */
export function cborSharedReferenceBomb(
  levels: number,
  procedure: string,
  leaf = 'xxxxxxxx',
  request = 1,
): Uint8Array {
  const level = (k: number): string =>
    k === 0 ? `d81c${cborText(leaf)}` : `d81c82${level(k - 1)}d81d${cborUint(levels - k + 1)}`;
  return bytes(`85 1830 ${cborUint(request)} a0 ${cborText(procedure)} 81 ${level(levels)}`);
}
