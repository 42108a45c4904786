import { createRequire } from 'node:module';
import type { ts as TypeScript } from 'ts-morph';

/**
 * The TypeScript compiler API bundled with ts-morph. Loaded with `require`: importing the CommonJS
 * bundle from ESM makes Node scan its 12 MB for export names first, which measured ~150-450 ms per run.
 */
export const ts: typeof TypeScript = (createRequire(import.meta.url)('ts-morph') as { ts: typeof TypeScript })
  .ts;

/** Compiler API types, re-exported for files that only need types. */
export type { TypeScript };
