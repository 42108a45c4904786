/**
 * Payload passthrough for `wamp.2.json` (see payload-tail.ts): find where a message's Arguments
 * start in the frame it was decoded from, and write a message whose payload is such bytes.
 *
 * The byte walk runs only over the message head (type, ids, Options/Details, URI) of a frame that
 * `JSON.parse` has already accepted, so it need not validate anything: it skips strings with
 * `indexOf` and containers by counting brackets outside strings.
 */
import { encodeJson } from './json.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_DICT = 0x7b;
const CLOSE_DICT = 0x7d;

const encoder = new TextEncoder();

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(b: Uint8Array, i: number): number {
  while (isSpace(b[i])) i++;
  return i;
}

/** The index after the string whose opening quote is at `i`, or -1. */
function stringEnd(b: Uint8Array, i: number): number {
  let j = b.indexOf(QUOTE, i + 1);
  for (;;) {
    if (j < 0) return -1;
    // A quote behind an odd number of backslashes is escaped.
    let k = j - 1;
    while (b[k] === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j = b.indexOf(QUOTE, j + 1);
  }
}

/** The index after the value starting at `i`, or -1. */
function valueEnd(b: Uint8Array, i: number): number {
  let depth = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c === QUOTE) {
      i = stringEnd(b, i);
      if (i < 0 || depth === 0) return i;
      continue;
    }
    if (c === OPEN_LIST || c === OPEN_DICT) depth++;
    else if (c === CLOSE_LIST || c === CLOSE_DICT) {
      if (--depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === COMMA || isSpace(c))) return i;
    i++;
  }
  return -1;
}

/**
 * Where element `index` of the JSON list in `frame` starts, and where the list's last element
 * ends (before the closing bracket), or undefined. `frame` must be text `JSON.parse` accepted.
 */
export function jsonPayloadRange(frame: Uint8Array, index: number): [start: number, end: number] | undefined {
  let i = skipSpace(frame, 0);
  if (frame[i] !== OPEN_LIST) return undefined;
  i++;
  for (let e = 0; e < index; e++) {
    i = valueEnd(frame, skipSpace(frame, i));
    if (i < 0) return undefined;
    i = skipSpace(frame, i);
    if (frame[i] !== COMMA) return undefined;
    i++;
  }
  const start = skipSpace(frame, i);
  let end = frame.length - 1;
  while (isSpace(frame[end])) end--;
  if (frame[end] !== CLOSE_LIST) return undefined;
  end--;
  while (isSpace(frame[end])) end--;
  return end + 1 > start ? [start, end + 1] : undefined;
}

/** Zero-filled bytes; Node's router passes `Buffer.allocUnsafe`, which skips the fill. */
function zeroed(size: number): Uint8Array {
  return new Uint8Array(size);
}

/**
 * `head` as a JSON list followed by the encoded elements `tail` (UTF-8 bytes), in a buffer from
 * `alloc` (every byte of it is written).
 */
export function encodeJsonWithTail(
  head: readonly unknown[],
  tail: Uint8Array,
  alloc: (size: number) => Uint8Array = zeroed,
): Uint8Array {
  const text = encodeJson(head);
  // `[a,b]` -> `[a,b,` + tail + `]`
  const headBytes = encoder.encode(text.slice(0, -1));
  const h = headBytes.length;
  const out = alloc(h + tail.length + 2);
  out.set(headBytes, 0);
  out[h] = COMMA;
  out.set(tail, h + 1);
  out[h + 1 + tail.length] = CLOSE_LIST;
  return out;
}
