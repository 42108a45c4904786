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
