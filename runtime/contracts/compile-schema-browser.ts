/**
 * The browser build's stand-in for `compile-schema.ts` (mapped by the package's `browser` field):
 * no ahead-of-time compilation, so zod's compiler stays out of the page. Validators run through
 * zod's interpreter, with zod's own per-object JIT where the page allows `new Function`.
 */
import type { compile } from 'zod/v4/core';

/** `schema` itself: browser builds do not compile validators ahead of time. */
export function compileSchema<T extends Parameters<typeof compile>[0]>(schema: T): T {
  return schema;
}

/** Whether this build carries the compiler (false in browser builds). */
export const COMPILER_INCLUDED = false;

/** No zod probe in browser builds: reading zod's `util` namespace would keep all of it in the page. */
export const ZOD_EVAL_PROBE: { readonly value: boolean } | undefined = undefined;
