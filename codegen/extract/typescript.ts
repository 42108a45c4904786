import type { ts as TypeScript } from 'ts-morph';
import { loadCompiler } from './load-compiler.js';

/**
 * The TypeScript compiler API bundled with ts-morph, loaded once through `load-compiler.ts` (the
 * compiler file alone, with a V8 code cache; `require('ts-morph').ts` when that is not possible).
 */
export const ts: typeof TypeScript = loadCompiler();

/** Compiler API types, re-exported for files that only need types. */
export type { TypeScript };
