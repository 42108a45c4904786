/**
 * The data model every serializer accepts: null, boolean, number, string, BigInt within
 * -2^53..2^53, Uint8Array (bytes), arrays and plain dicts. Everything else is refused the same way.
 */
import { describeValue, SerializeError } from './serialize-error.js';

const MAX_BIGINT = 9007199254740992n;

/** True for `{}` literals and `Object.create(null)` dicts; class instances, Maps and Dates are not dicts. */
export function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Converts a BigInt within -2^53..2^53 to a number; throws `integer_out_of_range` otherwise. */
export function bigintToNumber(value: bigint): number {
  if (value > MAX_BIGINT || value < -MAX_BIGINT) {
    throw new SerializeError('integer_out_of_range', `BigInt ${value} is outside -2^53..2^53`);
  }
  return Number(value);
}

/** The error for a value outside the data model (function, symbol, Map, Date, class instance...). */
export function unsupportedValue(value: unknown): SerializeError {
  return new SerializeError('unsupported_value', `cannot serialize a value of type ${describeValue(value)}`);
}

/** The error for `undefined` inside an array. */
export function undefinedInList(): SerializeError {
  return new SerializeError('undefined_in_list', 'cannot serialize undefined inside a list (use null)');
}

/** The error for nesting beyond the limit (or a cycle). */
export function tooDeep(limit: number): SerializeError {
  return new SerializeError('too_deep', `value nesting exceeds ${limit} levels (or contains a cycle)`);
}
