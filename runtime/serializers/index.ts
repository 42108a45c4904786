/** WAMP serializers (json, msgpack, cbor), the safe frame decoder and RawSocket framing. */
export type { Serializer, SerializerName } from './types.js';
export { jsonSerializer, encodeJson, decodeJson } from './json.js';
export { msgpackSerializer, encodeMsgpack, decodeMsgpack } from './msgpack.js';
export { cborSerializer, encodeCbor, decodeCbor } from './cbor.js';
export { decodeFrame } from './decode-frame.js';
export { loadSerializer } from './load-serializer.js';
export type { SerializeErrorCode } from './serialize-error.js';
export { isSerializeError, MAX_ENCODE_DEPTH, SerializeError } from './serialize-error.js';
export { decodeBase64, encodeBase64 } from './base64.js';
export type {
  RawSocketFrame,
  RawSocketFrameHeader,
  RawSocketFrameReader,
  RawSocketFrameType,
  RawSocketFramingErrorCode,
  RawSocketHandshake,
  RawSocketFrameReaderOptions,
  RawSocketHandshakeResult,
} from './rawsocket-framing.js';
export {
  createRawSocketFrameReader,
  encodeRawSocketFrame,
  encodeRawSocketFrameHeader,
  encodeRawSocketHandshake,
  encodeRawSocketHandshakeError,
  isRawSocketFramingError,
  parseRawSocketFrameHeader,
  parseRawSocketHandshakeReply,
  parseRawSocketHandshakeRequest,
  RAWSOCKET_MAGIC,
  RAWSOCKET_MAX_LENGTH,
  RawSocketFramingError,
  RawSocketFrameTypes,
  RawSocketHandshakeErrors,
  rawSocketLengthExponent,
  rawSocketMaxLength,
} from './rawsocket-framing.js';
export {
  getSerializer,
  serializerForRawSocketId,
  serializerForSubprotocol,
  serializers,
} from './registry.js';
