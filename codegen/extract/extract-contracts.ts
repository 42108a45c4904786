import { createExtractor, type ExtractResult } from './create-extractor.js';
import type { ExtractOptions } from './extract-options.js';

/**
 * Reads schema files with the TypeScript checker and returns the ContractModel and all diagnostics
 * (extraction and, unless `lint: false`, the model lint rules).
 *
 * @example
 * ```ts
 * const { model, diagnostics } = extractContracts({ root: process.cwd(), files: ['schemas/weather.ts'] });
 * ```
 */
export function extractContracts(options: ExtractOptions): ExtractResult {
  return createExtractor(options).extract();
}
