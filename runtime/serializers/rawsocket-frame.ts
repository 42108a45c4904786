/**
 * The RawSocket frame header: `RRRR XTTT` then a 24-bit big-endian length. TTT is 0 message,
 * 1 ping, 2 pong; X is set only for a length of exactly 2^24 (the 24 length bits then zero);
 * RRRR must be zero.
 */
import { RawSocketFramingError } from './rawsocket-error.js';

/** Largest length a frame can declare (2^24 = 16 MiB, via the X bit). */
export const RAWSOCKET_MAX_LENGTH = 16777216;

/** Frame types in the TTT bits. */
export const RawSocketFrameTypes = { message: 0, ping: 1, pong: 2 } as const;
/** A frame type code: 0 message, 1 ping, 2 pong. */
export type RawSocketFrameType = (typeof RawSocketFrameTypes)[keyof typeof RawSocketFrameTypes];

/** A parsed frame header. */
export interface RawSocketFrameHeader {
  readonly type: RawSocketFrameType;
  readonly length: number;
}

/** Writes a 4-byte frame header (into `target` at `offset` when given); lengths 0..2^24. */
export function encodeRawSocketFrameHeader(
  type: RawSocketFrameType,
  length: number,
  target: Uint8Array = new Uint8Array(4),
  offset = 0,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > RAWSOCKET_MAX_LENGTH) {
    throw new RawSocketFramingError('too_large', `RawSocket frame length must be 0..2^24, got ${length}`);
  }
  // Exactly 2^24 does not fit 24 bits: set X (0x08) and leave the length bits zero.
  const x = length === RAWSOCKET_MAX_LENGTH ? 0x08 : 0;
  target[offset] = x | type;
  target[offset + 1] = (length >> 16) & 0xff;
  target[offset + 2] = (length >> 8) & 0xff;
  target[offset + 3] = length & 0xff;
  return target;
}

/** Header plus payload in one new buffer. */
export function encodeRawSocketFrame(type: RawSocketFrameType, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.byteLength);
  encodeRawSocketFrameHeader(type, payload.byteLength, out, 0);
  out.set(payload, 4);
  return out;
}

/** Parses the 4 header bytes at `offset`; throws {@link RawSocketFramingError} on a bad header. */
export function parseRawSocketFrameHeader(bytes: Uint8Array, offset = 0): RawSocketFrameHeader {
  const b0 = bytes[offset]!;
  if (b0 & 0xf0)
    throw new RawSocketFramingError('reserved_bits', `frame header reserved bits set (0x${b0.toString(16)})`);
  const type = b0 & 0x07;
  if (type > 2) throw new RawSocketFramingError('unknown_frame_type', `unknown RawSocket frame type ${type}`);
  const length = (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  if (b0 & 0x08) {
    if (length !== 0)
      throw new RawSocketFramingError('bad_length', 'X bit set but the length bits are not zero');
    return { type: type as RawSocketFrameType, length: RAWSOCKET_MAX_LENGTH };
  }
  return { type: type as RawSocketFrameType, length };
}
