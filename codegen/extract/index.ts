export type { ExtractResult, Extractor } from './create-extractor.js';
export { createExtractor } from './create-extractor.js';
export { extractContracts } from './extract-contracts.js';
export type { ExtractOptions } from './extract-options.js';
