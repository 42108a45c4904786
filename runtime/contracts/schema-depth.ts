/**
 * Which validators need the depth walk of `value-depth.ts` before zod runs. zod recurses along the
 * schema, so a schema without a cycle recurses at most as deep as it is written, whatever the
 * value: a deeper value fails on its shape, or lies under a key the schema does not read. Only a
 * recursive schema (a cycle through `z.lazy` or an object getter) follows the value down, and a part
 * that accepts anything (`unknown`, `any`, a custom check) hands the value on unread. Those need the
 * walk; the others (most contracts) skip it, which is most of the validation cost of a small call.
 */
import type * as z from 'zod/mini';

/** Types whose check reads no nested value. */
const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'symbol',
  'null',
  'undefined',
  'void',
  'never',
  'nan',
  'date',
  'enum',
  'literal',
  'template_literal',
  'file',
]);

/** Wrappers whose one inner schema sees the value. */
const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'nonoptional',
  'readonly',
  'catch',
  'success',
]);

/**
 * True when validating with `schema` may recurse as deep as the value (a cycle in the schema, or a
 * part that takes any value): such values are measured first. `wire-value.ts` keeps the answer per
 * schema, with the schema it parses with.
 */
export function needsDepthWalk(schema: z.core.$ZodType): boolean {
  try {
    return reaches(schema, new Set());
  } catch {
    // A getter that throws (a binding not initialised yet): measure, to be safe.
    return true;
  }
}

type Def = Record<string, unknown> & { readonly type: string };

/** True when `schema` (reached along `path`) may recurse with the value. */
function reaches(schema: unknown, path: Set<object>): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  if (path.has(schema)) return true; // a cycle: a recursive type
  const def = (schema as { _zod?: { def?: Def } })._zod?.def;
  if (def === undefined) return true;
  const checks = def.checks as readonly { _zod?: { def?: Def } }[] | undefined;
  // A refinement runs code of its own on the value.
  if (checks?.some((check) => check._zod?.def?.check === 'custom')) return true;
  if (LEAVES.has(def.type)) return false;
  path.add(schema);
  const inner = (...parts: unknown[]): boolean =>
    parts.some((part) => part !== undefined && reaches(part, path));
  let result: boolean;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      result = inner(...Object.keys(shape).map((key) => shape[key]), def.catchall);
      break;
    }
    case 'array':
    case 'set':
      result = inner(def.element ?? def.valueType);
      break;
    case 'tuple':
      result = inner(...(def.items as unknown[]), def.rest ?? undefined);
      break;
    case 'union':
      result = inner(...(def.options as unknown[]));
      break;
    case 'intersection':
      result = inner(def.left, def.right);
      break;
    case 'record':
    case 'map':
      result = inner(def.keyType, def.valueType);
      break;
    case 'pipe':
      result = inner(def.in, def.out);
      break;
    case 'lazy':
      result = inner((def.getter as () => unknown)());
      break;
    default:
      // any, unknown, custom, transform, promise, function and types this list does not know.
      result = WRAPPERS.has(def.type) ? inner(def.innerType) : true;
  }
  path.delete(schema);
  return result;
}
