/**
 * `wamp.2.cbor`: binary frames, CBOR (RFC 8949).
 *
 * Encoding: our own single-pass encoder (`cbor-encode.ts`; preferred heads, integers up to 2^53
 * as major type 0/1, untagged byte strings, no records, no tags).
 * Decoding: our own decoder (`cbor-decode.ts`): the same data model back, integers (64-bit ones
 * too) as numbers, byte strings as plain Uint8Array views; every tag is refused, so a frame cannot
 * decode into more values than it has bytes.
 */
import { decodeCbor } from './cbor-decode.js';
import { encodeCbor } from './cbor-encode.js';
import type { Serializer } from './types.js';

/** The `wamp.2.cbor` serializer (RawSocket id 3, binary frames). */
export const cborSerializer: Serializer = {
  name: 'cbor',
  subprotocol: 'wamp.2.cbor',
  rawSocketId: 3,
  binary: true,
  serialize: encodeCbor,
  deserialize: decodeCbor,
};

export { decodeCbor, encodeCbor };
