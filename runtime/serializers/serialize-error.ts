/** Stable codes for values a serializer refuses to encode. */
export type SerializeErrorCode =
  | 'undefined_in_list' // `undefined` (or a hole) inside an array; dict values that are undefined are omitted instead
  | 'unsupported_value' // a function, symbol, or an object that is not a plain dict, array or Uint8Array
  | 'integer_out_of_range' // a BigInt outside -2^53..2^53
  | 'non_finite_number' // NaN or +-Infinity in JSON, which cannot represent them
  | 'too_deep' // nesting deeper than the encoder's limit (also catches cycles)
  | 'invalid_binary'; // a JSON string starting with U+0000 whose rest is not valid base64

/** Thrown by `serialize` (and by `deserialize` for `invalid_binary`); `code` is stable, the message is for humans. */
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

/** Nesting limit shared by all encoders; deeper values (or cycles) throw `too_deep`. */
export const MAX_ENCODE_DEPTH = 128;

/** Describes a value for an error message without printing it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = proto === null ? undefined : (proto as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? 'object';
}
