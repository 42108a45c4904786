/**
 * RawSocket framing as pure functions (no sockets): the 4-byte handshake, the 4-byte frame
 * header, and an incremental reader that turns TCP chunks into frames.
 *
 * Handshake: `0x7F, (L << 4) | S, 0, 0` where the peer will *receive* at most 2^(9+L) bytes and
 * S is the serializer id; a refusal is `0x7F, E << 4, 0, 0`. Frame header: `RRRR XTTT` then a
 * 24-bit big-endian length; TTT is 0 message, 1 ping, 2 pong; X is set only for a length of
 * exactly 2^24 (the 24 length bits then zero); RRRR must be zero.
 */
export type { RawSocketFramingErrorCode } from './rawsocket-error.js';
export { isRawSocketFramingError, RawSocketFramingError } from './rawsocket-error.js';
export type { RawSocketFrameHeader, RawSocketFrameType } from './rawsocket-frame.js';
export {
  encodeRawSocketFrame,
  encodeRawSocketFrameHeader,
  parseRawSocketFrameHeader,
  RAWSOCKET_MAX_LENGTH,
  RawSocketFrameTypes,
} from './rawsocket-frame.js';
export type {
  RawSocketFrame,
  RawSocketFrameReader,
  RawSocketFrameReaderOptions,
} from './rawsocket-frame-reader.js';
export { createRawSocketFrameReader } from './rawsocket-frame-reader.js';
export type { RawSocketHandshake, RawSocketHandshakeResult } from './rawsocket-handshake.js';
export {
  encodeRawSocketHandshake,
  encodeRawSocketHandshakeError,
  parseRawSocketHandshakeReply,
  parseRawSocketHandshakeRequest,
  RAWSOCKET_MAGIC,
  RawSocketHandshakeErrors,
  rawSocketLengthExponent,
  rawSocketMaxLength,
} from './rawsocket-handshake.js';
