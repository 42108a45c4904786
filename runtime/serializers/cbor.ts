/**
 * `wamp.2.cbor`: binary frames, CBOR (RFC 8949).
 *
 * Encoding: our own single-pass encoder (`cbor-encode.ts`; preferred heads, integers up to 2^53
 * as major type 0/1, untagged byte strings, no records, no tags).
 * Decoding: `cbor-x` `Decoder` with `useRecords:false` (no record extension), `mapsAsObjects:true`
 * (maps become plain objects), `int64AsNumber:true` (`0x1b` integers become numbers, not BigInt).
 * Byte strings come back as plain Uint8Array views because the input is normalized first.
 * cbor-x still understands standard tags from peers (dates, typed arrays, sets); such values pass
 * through as the objects cbor-x builds.
 */
import { Decoder } from 'cbor-x';
import { asPlainBytes } from './binary-input.js';
import { encodeCbor } from './cbor-encode.js';
import type { Serializer } from './types.js';

// int64AsNumber is a documented cbor-x option that its .d.ts does not list.
const decoder = new Decoder({
  useRecords: false,
  mapsAsObjects: true,
  int64AsNumber: true,
} as ConstructorParameters<typeof Decoder>[0]);

/** Decodes one CBOR frame; throws on malformed input. */
export function decodeCbor(data: string | Uint8Array): unknown {
  return decoder.decode(asPlainBytes(data, 'cbor')) as unknown;
}

/** The `wamp.2.cbor` serializer (RawSocket id 3, binary frames). */
export const cborSerializer: Serializer = {
  name: 'cbor',
  subprotocol: 'wamp.2.cbor',
  rawSocketId: 3,
  binary: true,
  serialize: encodeCbor,
  deserialize: decodeCbor,
};

export { encodeCbor };
