import { z } from 'zod';
import { createValidationError } from './validation-error.js';
import { prepareSchema } from './validation-mode.js';

/**
 * Checks and converts a value received from the wire (`parse`: decodes codecs such as Date).
 * When `validate` is false and the schema has no codec, the value is passed through unchecked.
 * Throws the validation error as a `WampError` with `uri`.
 */
export function decodeValue<T>(
  schema: z.core.$ZodType,
  value: unknown,
  validate: boolean,
  codec: boolean,
  uri: string,
  where: string,
): T {
  if (!validate && !codec) return value as T;
  const result = z.safeParse(prepareSchema(schema), value);
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data as T;
}

/**
 * Checks and converts a value before it goes on the wire (`encode`: Date becomes its ISO string).
 * When `validate` is false and the schema has no codec, the value is sent as it is.
 */
export function encodeValue(
  schema: z.core.$ZodType,
  value: unknown,
  validate: boolean,
  codec: boolean,
  uri: string,
  where: string,
): unknown {
  if (!validate && !codec) return value;
  // Without codecs encode equals parse, which may take zod's compiled fast path.
  const result = codec ? z.safeEncode(schema, value as never) : z.safeParse(prepareSchema(schema), value);
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data;
}
