/**
 * `@wamp-contracts/codegen`: the generator as a library: extract contracts from schema files, emit code
 * from a model, or both with `generate`.
 */
export { EmitError, EmitErrorCode } from './emit/emit-error.js';
export { emit } from './emit/emit.js';
export type { EmitOptions } from './emit/emit-options.js';
export { DEFAULT_RUNTIME_IMPORT, GENERATED_MARKER } from './emit/emit-options.js';
export type { ExtractOptions, ExtractResult, Extractor } from './extract/index.js';
export { createExtractor, extractContracts } from './extract/index.js';
export type { GenerateOptions, GenerateResult, Generator, StageDiagnostics } from './generate.js';
export { createGenerator, generate } from './generate.js';
export type { ContractModel, GeneratedFile, TypeNode } from './model/contract-model.js';
export type { Diagnostic } from './model/diagnostic.js';
