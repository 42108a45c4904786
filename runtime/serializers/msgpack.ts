/**
 * `wamp.2.msgpack`: binary frames, MessagePack spec v5 (str and bin kept apart).
 *
 * Encoding: our own single-pass encoder (`msgpack-encode.ts`; integers |n| <= 2^53 always as
 * integers, 2^53 too, no extension types, minimal headers).
 * Decoding: `@msgpack/msgpack` (`Decoder`, default options except extensions): it follows the spec strictly (no msgpackr
 * record extension, no code generation with `new Function`, so it runs under a browser CSP),
 * returns bin as a plain Uint8Array view, decodes uint64/int64 as numbers (exact up to 2^53) and
 * rejects trailing bytes. `msgpackr` decodes about 2x faster in Node but, even with
 * `useRecords:false`, still interprets its record-definition extension (0xd4 0x72) from peers and
 * returns bin as Buffer; see docs/serializers.md and bench/RESULTS.md.
 * Extension types (including the timestamp, -1) are refused on decode: WAMP uses none, and a
 * Date or ExtData in a payload could not be re-encoded when the router forwards it.
 */
import type { ExtensionCodecType } from '@msgpack/msgpack';
import { Decoder } from '@msgpack/msgpack';
import { asPlainBytes } from './binary-input.js';
import { encodeMsgpack } from './msgpack-encode.js';
import type { Serializer } from './types.js';

/**
 * Refuses every extension type, so decoded payloads stay inside the WAMP data model, except the
 * one msgpackr (and so wampy.js) writes for `undefined` (fixext 1, type 0, data 0): wampy sends
 * options such as `match: undefined`, which we read as an absent key.
 */
const noExtensions: ExtensionCodecType<undefined> = {
  tryToEncode: () => null,
  decode(data: Uint8Array, type: number): unknown {
    if (type === 0 && data.length === 1 && data[0] === 0) return undefined;
    throw new TypeError(`msgpack extension type ${type} is not allowed in WAMP messages`);
  },
};

const decoder = new Decoder({ extensionCodec: noExtensions });

/** Decodes one MessagePack frame; throws on malformed input or trailing bytes. */
export function decodeMsgpack(data: string | Uint8Array): unknown {
  return decoder.decode(asPlainBytes(data, 'msgpack'));
}

/** The `wamp.2.msgpack` serializer (RawSocket id 2, binary frames). */
export const msgpackSerializer: Serializer = {
  name: 'msgpack',
  subprotocol: 'wamp.2.msgpack',
  rawSocketId: 2,
  binary: true,
  serialize: encodeMsgpack,
  deserialize: decodeMsgpack,
};

export { encodeMsgpack };
