import * as z from 'zod/mini';
import './zod-messages.js';
import type { ContractSchema } from './contract-types.js';
import { unknownKeyIssues } from './unknown-keys.js';
import {
  ContractErrorUri,
  createDepthError,
  createIssuesError,
  createValidationError,
} from './validation-error.js';
import { hasUndefinedProperty, withoutUndefined } from './strip-undefined.js';
import { prepareSchema, validationGeneration } from './validation-mode.js';
import { needsDepthWalk } from './schema-depth.js';
import { exceedsDepth, MAX_VALIDATE_DEPTH } from './value-depth.js';

/** What validating with one schema needs, decided once per schema (and validation mode). */
interface Plan {
  /** The schema to parse with: zod's compiled clone where allowed (`prepareSchema`). */
  readonly parse: z.core.$ZodType;
  /** Whether a value is measured before zod runs (`needsDepthWalk`). */
  readonly walk: boolean;
  readonly generation: number;
}

const plans = new WeakMap<object, Plan>();

/** The plan of `schema`: one lookup per validation instead of one per decision. */
function planOf(schema: z.core.$ZodType): Plan {
  const plan = plans.get(schema);
  const generation = validationGeneration();
  if (plan !== undefined && plan.generation === generation) return plan;
  const next: Plan = { parse: prepareSchema(schema), walk: needsDepthWalk(schema), generation };
  plans.set(schema, next);
  return next;
}

/** A stack overflow inside zod (a deep schema on a small stack) becomes the `uri` error, never a RangeError. */
function overflow(error: unknown, uri: string, where: string): unknown {
  return error instanceof RangeError ? createDepthError(uri, where, MAX_VALIDATE_DEPTH) : error;
}

/**
 * Checks and converts a value received from the wire (`parse`: decodes codecs such as Date).
 * When `validate` is false and the schema has no codec, the value is passed through unchecked.
 * Throws the validation error as a `WampError` with `uri`; when the schema can follow the value's
 * depth (`schema-depth.ts`), a value nested deeper than `MAX_VALIDATE_DEPTH` (128) is refused the
 * same way, before zod sees it.
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
  const plan = planOf(schema as z.core.$ZodType);
  if (plan.walk && exceedsDepth(value, MAX_VALIDATE_DEPTH))
    throw createDepthError(uri, where, MAX_VALIDATE_DEPTH);
  let result: z.core.util.SafeParseResult<unknown>;
  try {
    result = z.safeParse(plan.parse, value);
  } catch (error) {
    throw overflow(error, uri, where);
  }
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data as T;
}

/**
 * Checks and converts the arguments a callee received: `decodeValue` always validating, and then
 * refusing any object property the contract does not declare (zod strips it), as extra positional
 * arguments are refused, with `wamp.error.invalid_argument` and an `unrecognized_keys` issue.
 */
export function decodeArguments<T>(schema: ContractSchema, value: unknown, codec: boolean, where: string): T {
  const uri = ContractErrorUri.INVALID_ARGUMENT;
  const decoded = decodeValue<T>(schema, value, true, codec, uri, where);
  const unknown = unknownKeyIssues(value, decoded);
  if (unknown.length > 0) throw createIssuesError(uri, where, unknown);
  return decoded;
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
  const plan = planOf(zodSchema);
  if (plan.walk && exceedsDepth(value, MAX_VALIDATE_DEPTH))
    throw createDepthError(uri, where, MAX_VALIDATE_DEPTH);
  let result: z.core.util.SafeParseResult<unknown>;
  try {
    result = codec ? z.safeEncode(zodSchema, value as never) : z.safeParse(plan.parse, value);
    // `{ p: undefined }` for an optional property means absent (strip-undefined.ts).
    if (!result.success && hasUndefinedProperty(value)) {
      const stripped = withoutUndefined(value);
      result = codec ? z.safeEncode(zodSchema, stripped as never) : z.safeParse(plan.parse, stripped);
    }
  } catch (error) {
    throw overflow(error, uri, where);
  }
  if (!result.success) throw createValidationError(uri, where, result.error);
  return result.data;
}
