/**
 * `wamp.2.msgpack`: binary frames, MessagePack spec v5 (str and bin kept apart).
 *
 * Encoding: our own single-pass encoder (`msgpack-encode.ts`; integers |n| <= 2^53 always as
 * integers, 2^53 too, no extension types, minimal headers).
 * Decoding: our own decoder (`msgpack-decode.ts`): the same data model back, integers (64-bit ones
 * too) as numbers, bin as plain Uint8Array views, strict UTF-8, the encoders' depth limit, no
 * extension types except msgpackr's `undefined` (read as an absent dict entry, as wampy.js sends
 * it), no code generation (it runs under a browser CSP). See docs/serializers.md.
 */
import { decodeMsgpack } from './msgpack-decode.js';
import { encodeMsgpack } from './msgpack-encode.js';
import type { Serializer } from './types.js';

/** The `wamp.2.msgpack` serializer (RawSocket id 2, binary frames). */
export const msgpackSerializer: Serializer = {
  name: 'msgpack',
  subprotocol: 'wamp.2.msgpack',
  rawSocketId: 2,
  binary: true,
  serialize: encodeMsgpack,
  deserialize: decodeMsgpack,
};

export { decodeMsgpack, encodeMsgpack };
