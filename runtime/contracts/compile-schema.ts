/**
 * zod's ahead-of-time compiler, behind a module of its own so that browser builds can leave it out:
 * the package's `browser` field maps this file to `compile-schema-browser.ts`, which saves a page
 * about 10 kB gzip (zod's `core/compile.js`). Node and every build that ignores `browser` compile.
 */
import { compile, util } from 'zod/v4/core';

/** `schema` compiled by zod (or `schema` itself for constructs zod does not compile). */
export function compileSchema<T extends Parameters<typeof compile>[0]>(schema: T): T {
  return compile(schema) as T;
}

/** Whether this build carries the compiler (false in browser builds). */
export const COMPILER_INCLUDED = true;

/**
 * zod's own cached `new Function` probe (`util.allowsEval`), or undefined in a zod build without it.
 * It lives here, not in `validation-mode.ts`, because reading zod's `util` namespace keeps all of it
 * in a bundle (about 10 kB minified); browser builds, which never compile, use their own probe.
 */
export const ZOD_EVAL_PROBE = (util as { readonly allowsEval?: { readonly value: boolean } }).allowsEval;
