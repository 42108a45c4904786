/** The contract model: plain data describing services, topics, errors and named types. */
export type * from './contract-model.js';
export {
  type ContractJsonSchema,
  contractJsonSchema,
  DATE_TIME_PATTERN,
  defRef,
  entryKey,
  JSON_BINARY_PATTERN,
  JSON_SCHEMA_DIALECT,
  type JsonSchema,
  JsonSchemaErrorCode,
  JsonSchemaExportError,
  type JsonSchemaOptions,
  type JsonSchemaWarning,
  WAMP_SCHEMA_KEYWORDS,
  type WireSerializer,
} from './json-schema.js';
/** Compatibility between two versions of a contract (the rules of `wamp-contracts diff`). */
export {
  COMPAT_CATEGORIES,
  type CompatCategory,
  type CompatFinding,
  type CompatRule,
  CompatRules,
  type CompatSeverity,
  type CompareOptions,
  compareContracts,
  formatFinding,
  formatPlace,
  sortFindings,
} from './compat/index.js';
