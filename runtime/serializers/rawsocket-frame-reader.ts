/** Incremental RawSocket frame reader: TCP chunks in, whole frames out, length limit enforced. */
import { isRawSocketFramingError, RawSocketFramingError } from './rawsocket-error.js';
import type { RawSocketFrameHeader, RawSocketFrameType } from './rawsocket-frame.js';
import { parseRawSocketFrameHeader, RAWSOCKET_MAX_LENGTH } from './rawsocket-frame.js';

/** One complete frame. `payload` may be a view into the chunk it arrived in. */
export interface RawSocketFrame {
  readonly type: RawSocketFrameType;
  readonly payload: Uint8Array;
}

/** Options for {@link createRawSocketFrameReader}. */
export interface RawSocketFrameReaderOptions {
  /** Our receive limit (what we announced, 2^(9+L)); longer frames fail the reader with `too_large`. */
  readonly maxLength: number;
  /** Collect the peer's 4 handshake bytes first and expose them as `handshake`. */
  readonly expectHandshake?: boolean;
}

/** Incremental frame reader: feed TCP chunks, get whole frames. */
export interface RawSocketFrameReader {
  /** Consumes a chunk; returns the frames it completed. Throws {@link RawSocketFramingError}, after which the reader stays failed. */
  push(chunk: Uint8Array): RawSocketFrame[];
  /** The peer's handshake bytes once all 4 arrived (only with `expectHandshake`). */
  readonly handshake: Uint8Array | undefined;
  /** Bytes held for an incomplete header or payload. */
  readonly buffered: number;
}

class FrameReader implements RawSocketFrameReader {
  handshake: Uint8Array | undefined;
  private readonly maxLength: number;
  private handshakeBuf: Uint8Array | undefined;
  private handshakeFilled = 0;
  private readonly header = new Uint8Array(4);
  private headerFilled = 0;
  private type: RawSocketFrameType = 0;
  private payload: Uint8Array | undefined;
  private payloadFilled = 0;
  private failure: RawSocketFramingError | undefined;

  constructor(options: RawSocketFrameReaderOptions) {
    this.maxLength = Math.min(options.maxLength, RAWSOCKET_MAX_LENGTH);
    if (options.expectHandshake === true) this.handshakeBuf = new Uint8Array(4);
  }

  get buffered(): number {
    return this.headerFilled + this.payloadFilled + (this.handshake === undefined ? this.handshakeFilled : 0);
  }

  push(chunk: Uint8Array): RawSocketFrame[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      return this.consume(chunk);
    } catch (err) {
      if (isRawSocketFramingError(err)) this.failure = err;
      throw err;
    }
  }

  private consume(chunk: Uint8Array): RawSocketFrame[] {
    const frames: RawSocketFrame[] = [];
    const n = chunk.length;
    let i = 0;
    if (this.handshakeBuf !== undefined && this.handshake === undefined) {
      const take = Math.min(4 - this.handshakeFilled, n);
      this.handshakeBuf.set(chunk.subarray(0, take), this.handshakeFilled);
      this.handshakeFilled += take;
      i = take;
      if (this.handshakeFilled < 4) return frames;
      this.handshake = this.handshakeBuf;
    }
    while (i < n) {
      if (this.payload !== undefined) {
        const take = Math.min(this.payload.length - this.payloadFilled, n - i);
        this.payload.set(chunk.subarray(i, i + take), this.payloadFilled);
        this.payloadFilled += take;
        i += take;
        if (this.payloadFilled === this.payload.length) {
          frames.push({ type: this.type, payload: this.payload });
          this.payload = undefined;
          this.payloadFilled = 0;
        }
        continue;
      }
      let head: RawSocketFrameHeader;
      if (this.headerFilled === 0 && n - i >= 4) {
        head = parseRawSocketFrameHeader(chunk, i);
        i += 4;
      } else {
        const take = Math.min(4 - this.headerFilled, n - i);
        this.header.set(chunk.subarray(i, i + take), this.headerFilled);
        this.headerFilled += take;
        i += take;
        if (this.headerFilled < 4) break;
        this.headerFilled = 0;
        head = parseRawSocketFrameHeader(this.header, 0);
      }
      if (head.length > this.maxLength) {
        throw new RawSocketFramingError(
          'too_large',
          `frame of ${head.length} bytes exceeds the limit of ${this.maxLength}`,
        );
      }
      if (n - i >= head.length) {
        // The whole payload is in this chunk: hand out a view, no copy.
        frames.push({ type: head.type, payload: chunk.subarray(i, i + head.length) });
        i += head.length;
      } else {
        this.type = head.type;
        this.payload = new Uint8Array(head.length);
        this.payloadFilled = 0;
      }
    }
    return frames;
  }
}

/** Creates an incremental frame reader that enforces `maxLength` before allocating. */
export function createRawSocketFrameReader(options: RawSocketFrameReaderOptions): RawSocketFrameReader {
  return new FrameReader(options);
}
