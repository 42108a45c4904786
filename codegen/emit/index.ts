/** `codegen/emit`: the pure back half of the generator (ContractModel -> GeneratedFile[]). */
export { emit } from './emit.js';
export { EmitError, EmitErrorCode } from './emit-error.js';
export type { EmitOptions } from './emit-options.js';
export { DEFAULT_RUNTIME_IMPORT, GENERATED_MARKER } from './emit-options.js';
export { safeIdentifier, stringLiteral } from './identifiers.js';
export type { ImportCollector } from './import-collector.js';
export { createImportCollector } from './import-collector.js';
export { escapeJsDoc, renderJsDoc } from './jsdoc.js';
