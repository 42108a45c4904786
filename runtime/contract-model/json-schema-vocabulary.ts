/**
 * The vocabulary of the JSON Schema export: the `x-wamp-*` annotation keywords, the options, the
 * warnings and the coded error. Documented in docs/export.md.
 */

/** A JSON Schema (2020-12) object, as plain JSON data. */
export type JsonSchema = { [keyword: string]: unknown };

/** The serializers whose wire form the export describes; they differ only in how binary travels. */
export type WireSerializer = 'json' | 'msgpack' | 'cbor';

/** Options of {@link contractJsonSchema}. */
export interface JsonSchemaOptions {
  /** Whose wire form binary values take (JSON: `"\u0000"` + base64 strings; MessagePack and CBOR: byte strings). Default `json`. */
  readonly serializer?: WireSerializer;
  /** The document's `$id`, if any. */
  readonly id?: string;
}

/**
 * The annotation keywords the export writes besides standard JSON Schema 2020-12. A validator in
 * strict mode must be told about them (ajv: `ajv.addVocabulary(WAMP_SCHEMA_KEYWORDS)`).
 */
export const WAMP_SCHEMA_KEYWORDS = [
  'x-wamp-contract',
  'x-wamp-kind',
  'x-wamp-uri',
  'x-wamp-uri-components',
  'x-wamp-interface',
  'x-wamp-name',
  'x-wamp-arguments',
  'x-wamp-placement',
  'x-wamp-errors',
  'x-wamp-type',
  'x-wamp-brand',
  'x-wamp-discriminator',
  'x-wamp-enum',
  'x-wamp-source',
  'x-wamp-unsupported',
] as const;

/** Stable codes of the JSON Schema export's warnings and errors (docs/error-codes.md). */
export const JsonSchemaErrorCode = {
  /** The model's `modelVersion` is not one this exporter knows (error). */
  UNSUPPORTED_MODEL_VERSION: 'json_schema.unsupported_model_version',
  /** A type node of a kind this exporter does not know: exported as `{}` (accepts anything). */
  UNKNOWN_TYPE_KIND: 'json_schema.unknown_type_kind',
  /** A field on a procedure, parameter, topic or error this exporter does not know: ignored. */
  UNKNOWN_FIELD: 'json_schema.unknown_field',
  /** A reference to a named type the model does not declare: exported as `{}`. */
  UNKNOWN_REF: 'json_schema.unknown_ref',
  /** A record key, template part or type parameter with no JSON Schema form: exported permissively. */
  UNSUPPORTED_TYPE: 'json_schema.unsupported_type',
} as const;

/** One of {@link JsonSchemaErrorCode}. */
export type JsonSchemaErrorCode = (typeof JsonSchemaErrorCode)[keyof typeof JsonSchemaErrorCode];

/** Something the export could only describe permissively; the schema is still valid JSON Schema. */
export interface JsonSchemaWarning {
  readonly code: JsonSchemaErrorCode;
  readonly message: string;
  /** Where in the model, e.g. `procedure com.example.weather.getForecast, parameter city`. */
  readonly where: string;
}

/** Thrown when the model cannot be exported at all. */
export class JsonSchemaExportError extends Error {
  override readonly name = 'JsonSchemaExportError';
  readonly code: JsonSchemaErrorCode;

  constructor(code: JsonSchemaErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
