export type {
  ContractFile,
  ContractModel,
  Constraints,
  Docs,
  ErrorModel,
  GeneratedFile,
  NamedTypeModel,
  ParamModel,
  ProcedureModel,
  PropertyModel,
  ServiceModel,
  SourceLocation,
  TopicModel,
  TopicsModel,
  TupleElement,
  TypeNode,
} from './contract-model.js';
export { createDiagnostic } from './create-diagnostic.js';
export type { DiagnosticParams } from './create-diagnostic.js';
export type { Diagnostic } from './diagnostic.js';
export { diagnosticCodes, listDiagnosticCodes } from './diagnostic-codes.js';
export type { DiagnosticCodeInfo, DiagnosticCodeName } from './diagnostic-codes.js';
export { formatDiagnostic } from './format-diagnostic.js';
export type { FormatDiagnosticOptions } from './format-diagnostic.js';
export { lintModel } from './lint.js';
export type { LintOptions } from './lint.js';
export { applyUriNaming, isLooseContractUri, isReservedUri, isStrictContractUri } from './uri-rules.js';
export type { UriNaming } from './uri-rules.js';
