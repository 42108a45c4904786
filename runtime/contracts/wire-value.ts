import { z } from 'zod';
import type { ContractSchema } from './contract-types.js';
import { createValidationError } from './validation-error.js';
import { prepareSchema } from './validation-mode.js';

/**
 * Checks and converts a value received from the wire (`parse`: decodes codecs such as Date).
 * When `validate` is false and the schema has no codec, the value is passed through unchecked.
 * Throws the validation error as a `WampError` with `uri`.
 */
export function decodeValue<T>(
  schema: ContractSchema,
  value: unknown,
  validate: boolean,
  codec: boolean,
  uri: string,
  where: string,
): T {
  if (!validate && !codec) return value as T;
  // Every zod schema is a `$ZodType` at run time; contracts type it loosely only to keep tsc fast.
  const result = z.safeParse(prepareSchema(schema as z.core.$ZodType), value);
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data as T;
}

/**
 * Checks and converts a value before it goes on the wire (`encode`: Date becomes its ISO string).
 * When `validate` is false and the schema has no codec, the value is sent as it is.
 */
export function encodeValue(
  schema: ContractSchema,
  value: unknown,
  validate: boolean,
  codec: boolean,
  uri: string,
  where: string,
): unknown {
  if (!validate && !codec) return value;
  // Without codecs encode equals parse, which may take zod's compiled fast path.
  const zodSchema = schema as z.core.$ZodType;
  const result = codec
    ? z.safeEncode(zodSchema, value as never)
    : z.safeParse(prepareSchema(zodSchema), value);
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data;
}
