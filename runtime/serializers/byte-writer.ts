/**
 * A growable output buffer shared by the msgpack and CBOR encoders.
 *
 * One writer is reused across messages (no per-message allocation besides the final copy); a
 * re-entrant call (a getter that serializes) gets a fresh writer instead.
 */
const INITIAL_SIZE = 8192;
// Buffers that grew past this are dropped after use so one huge message does not pin memory.
const KEEP_LIMIT = 1 << 20;
// Below this length a JS loop beats TextEncoder.encodeInto's call overhead.
const SHORT_STRING = 32;

const textEncoder = new TextEncoder();

/** Big-endian byte sink with explicit capacity checks. */
export class ByteWriter {
  buf: Uint8Array;
  view: DataView;
  pos = 0;
  busy = false;

  constructor(size = INITIAL_SIZE) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes an unsigned integer 0..2^64-1 (exact up to 2^53) as 8 bytes. */
  u64(value: number): void {
    const hi = Math.floor(value / 4294967296);
    this.view.setUint32(this.pos, hi);
    this.view.setUint32(this.pos + 4, value - hi * 4294967296);
    this.pos += 8;
  }

  /** Writes a negative integer >= -2^63 as 8 bytes two's complement. */
  i64(value: number): void {
    const hi = Math.floor(value / 4294967296);
    this.view.setInt32(this.pos, hi);
    this.view.setUint32(this.pos + 4, value - hi * 4294967296);
    this.pos += 8;
  }

  /** Writes `str` as UTF-8 at absolute offset `at` (capacity already ensured); returns the byte count. */
  utf8At(str: string, at: number): number {
    const len = str.length;
    if (len >= SHORT_STRING) return textEncoder.encodeInto(str, this.buf.subarray(at)).written;
    const buf = this.buf;
    let p = at;
    for (let i = 0; i < len; i++) {
      let c = str.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            buf[p++] = 0xf0 | (c >> 18);
            buf[p++] = 0x80 | ((c >> 12) & 63);
            buf[p++] = 0x80 | ((c >> 6) & 63);
            buf[p++] = 0x80 | (c & 63);
            continue;
          }
        }
        // Lone surrogates become U+FFFD, as TextEncoder does.
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    return p - at;
  }

  /** Copies out the bytes written so far and resets the writer. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    if (this.buf.length > KEEP_LIMIT) {
      this.buf = new Uint8Array(INITIAL_SIZE);
      this.view = new DataView(this.buf.buffer);
    }
    return out;
  }
}

/** Takes the shared writer, or a fresh one when the shared writer is in use (re-entrancy). */
export function acquireWriter(shared: ByteWriter): ByteWriter {
  if (shared.busy) return new ByteWriter(256);
  shared.busy = true;
  shared.pos = 0;
  return shared;
}
