/**
 * Stable codes for values a serializer refuses to encode, and for frames a serializer refuses to
 * decode (the decoders accept exactly the data model the encoders write; see docs/serializers.md).
 */
export type SerializeErrorCode =
  | 'undefined_in_list' // `undefined` (or a hole) inside an array; dict values that are undefined are omitted instead
  | 'unsupported_value' // a function, symbol, or an object that is not a plain dict, array or Uint8Array; decoding: a CBOR simple value other than false, true, null, undefined
  | 'integer_out_of_range' // a BigInt outside -2^53..2^53
  | 'non_finite_number' // NaN or +-Infinity in JSON, which cannot represent them
  | 'too_deep' // nesting deeper than the limit, encoding (also catches cycles) or decoding
  | 'invalid_binary' // a JSON string starting with U+0000 whose rest is not valid base64
  | 'truncated' // decoding: the frame ends inside a value, or a length claims more bytes than are left
  | 'trailing_bytes' // decoding: bytes left over after the one value a frame holds
  | 'malformed' // decoding: a byte the format does not allow where it stands (reserved CBOR head, msgpack 0xc1, stray break)
  | 'invalid_utf8' // decoding: a msgpack or CBOR string, or a JSON frame given as bytes, that is not well-formed UTF-8
  | 'invalid_map_key' // decoding: a map key that is neither a string nor an integer
  | 'cbor_tag_not_allowed' // decoding: any CBOR tag (major type 6) except 64 on a byte string (a Uint8Array as cbor-x writes it)
  | 'msgpack_extension_not_allowed'; // decoding: any msgpack extension type except msgpackr's `undefined`

/** Thrown by `serialize`, and by `deserialize` for the decoding codes; `code` is stable, the message is for humans. */
export class SerializeError extends Error {
  override readonly name = 'SerializeError';
  readonly code: SerializeErrorCode;

  constructor(code: SerializeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a {@link SerializeError}, checked by `name` so two copies of the package agree. */
export function isSerializeError(value: unknown): value is SerializeError {
  return value instanceof Error && value.name === 'SerializeError' && 'code' in value;
}

/**
 * Nesting limit shared by all encoders and decoders: a list, dict or byte string inside this many
 * containers is refused with `too_deep` (a cycle always is).
 */
export const MAX_ENCODE_DEPTH = 128;

/** Describes a value for an error message without printing it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = proto === null ? undefined : (proto as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? 'object';
}
