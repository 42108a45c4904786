/**
 * The ContractModel → one JSON Schema 2020-12 document: every named type, and per procedure, topic
 * and error its payloads as they travel on the wire. A pure function of the model (no I/O), so the
 * CLI (`wamp-contracts export`) and a running service serving its live contract share it.
 * The document's layout and its `x-wamp-*` vocabulary are described in docs/export.md.
 */
import type {
  ContractModel,
  ErrorModel,
  NamedTypeModel,
  ParamModel,
  ProcedureModel,
  TopicModel,
  UriTemplateModel,
  TypeNode,
} from './contract-model.js';
import { accepts, type NodeContext, namedSchema, nodeSchema } from './json-schema-node.js';
import {
  type JsonSchema,
  JsonSchemaErrorCode,
  JsonSchemaExportError,
  type JsonSchemaOptions,
  type JsonSchemaWarning,
} from './json-schema-vocabulary.js';

export { DATE_TIME_PATTERN, defRef, JSON_BINARY_PATTERN } from './json-schema-node.js';
export {
  type JsonSchema,
  JsonSchemaErrorCode,
  JsonSchemaExportError,
  type JsonSchemaOptions,
  type JsonSchemaWarning,
  WAMP_SCHEMA_KEYWORDS,
  type WireSerializer,
} from './json-schema-vocabulary.js';

/** The `$schema` of the exported document. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The exported document and what could only be described permissively. */
export interface ContractJsonSchema {
  readonly schema: JsonSchema;
  readonly warnings: readonly JsonSchemaWarning[];
}

/** The `$defs` key of a procedure, topic or error: its kind and URI (named types never hold a colon). */
export function entryKey(kind: 'procedure' | 'topic' | 'error', uri: string): string {
  return `${kind}:${uri}`;
}

// The fields this exporter reads; a field added to the model later is reported, never silently dropped.
const KNOWN_FIELDS = {
  procedure: [
    'name',
    'uri',
    'uriTemplate',
    'params',
    'kwargs',
    'result',
    'progress',
    'input',
    'throws',
    'docs',
    'location',
  ],
  param: ['name', 'type', 'optional', 'docs', 'constraints'],
  topic: ['name', 'uri', 'uriTemplate', 'payload', 'kwargs', 'docs', 'location'],
  error: ['name', 'uri', 'payload', 'docs', 'location'],
} as const;

/**
 * Exports `model` as one JSON Schema 2020-12 document. Named types are `$defs` by name; each
 * procedure, topic and error is the `$defs` entry `procedure:<uri>` (`topic:`, `error:`) whose own
 * `$defs` hold its payloads (`args` or `kwargs`, `result`, `progress`, `input` (stream chunks); `payload` for topics and
 * errors). Deterministic: the same model always gives the same document, keys sorted.
 * Throws {@link JsonSchemaExportError} for a model version it does not know.
 *
 * @example
 * const { schema } = contractJsonSchema(model);
 * schema.$defs['procedure:com.example.weather.getForecast'].$defs.args; // { type: 'array', prefixItems: [...] }
 */
export function contractJsonSchema(
  model: ContractModel,
  options: JsonSchemaOptions = {},
): ContractJsonSchema {
  // Version 2 added URI templates (`uriTemplate`); a version-1 model is the same without them.
  if ((model.modelVersion as number) !== 1 && model.modelVersion !== 2) {
    throw new JsonSchemaExportError(
      JsonSchemaErrorCode.UNSUPPORTED_MODEL_VERSION,
      `contract model version ${String(model.modelVersion)} is not supported (this exporter reads versions 1 and 2)`,
    );
  }
  const serializer = options.serializer ?? 'json';
  const ctx = createContext(model, serializer);
  const entries = new Map<string, JsonSchema>();

  for (const file of model.files) {
    for (const named of file.types) {
      if (named.typeParams.length > 0) continue; // generic: exported per instantiation, where used
      ctx.where = `type ${named.name} (${file.path})`;
      const key = ctx.defName(file.path, named.name);
      if (!ctx.defs.has(key)) {
        ctx.defs.set(key, {});
        ctx.defs.set(key, namedSchema(named, ctx));
      }
    }
  }
  const errorUris = new Map<string, string>();
  for (const file of model.files) {
    for (const error of file.errors) {
      errorUris.set(`${file.path}#${error.name}`, error.uri);
      ctx.where = `error ${error.uri}`;
      entries.set(entryKey('error', error.uri), errorEntry(error, ctx));
    }
  }
  for (const file of model.files) {
    for (const service of file.services) {
      for (const procedure of service.procedures) {
        ctx.where = `procedure ${procedure.uri}`;
        entries.set(
          entryKey('procedure', procedure.uri),
          procedureEntry(procedure, service.name, errorUris, ctx),
        );
      }
    }
    for (const topics of file.topics) {
      for (const topic of topics.topics) {
        ctx.where = `topic ${topic.uri}`;
        entries.set(entryKey('topic', topic.uri), topicEntry(topic, topics.name, ctx));
      }
    }
  }

  const defs: JsonSchema = {};
  for (const [key, value] of [...ctx.defs, ...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    defs[key] = value;
  const schema: JsonSchema = { $schema: JSON_SCHEMA_DIALECT };
  if (options.id !== undefined) schema.$id = options.id;
  schema['x-wamp-contract'] = { modelVersion: model.modelVersion, serializer };
  schema.$defs = defs;
  return { schema, warnings: ctx.warnings };
}

function createContext(model: ContractModel, serializer: NodeContext['serializer']): NodeContext {
  const types = new Map<string, NamedTypeModel>();
  const files = new Map<string, number>();
  for (const file of model.files) {
    for (const named of file.types) {
      types.set(`${file.path}#${named.name}`, named);
      files.set(named.name, (files.get(named.name) ?? 0) + 1);
    }
  }
  // A name declared in two files is qualified by its file: `Name.schemas_weather`.
  const defName = (file: string, name: string): string =>
    (files.get(name) ?? 0) > 1 ? `${name}.${file.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_]/g, '_')}` : name;
  return { serializer, types, defName, defs: new Map(), warnings: [], where: '' };
}

function checkFields(value: object, kind: keyof typeof KNOWN_FIELDS, ctx: NodeContext): void {
  const known: readonly string[] = KNOWN_FIELDS[kind];
  for (const field of Object.keys(value).sort()) {
    if (!known.includes(field)) {
      ctx.warnings.push({
        code: JsonSchemaErrorCode.UNKNOWN_FIELD,
        message: `the ${kind} field '${field}' is not known to this exporter and is not described`,
        where: ctx.where,
      });
    }
  }
}

/** Annotations shared by procedure, topic and error entries. */
function header(
  kind: 'procedure' | 'topic' | 'error',
  item: { uri: string; name: string; docs?: { description?: string; deprecated?: string } },
  owner: string | undefined,
): JsonSchema {
  const out: JsonSchema = { 'x-wamp-kind': kind, 'x-wamp-uri': item.uri };
  if (owner !== undefined) out['x-wamp-interface'] = owner;
  out['x-wamp-name'] = item.name;
  if (item.docs?.description !== undefined) out.description = item.docs.description;
  if (item.docs?.deprecated !== undefined) out.deprecated = true;
  return out;
}

function procedureEntry(
  procedure: ProcedureModel,
  service: string,
  errorUris: ReadonlyMap<string, string>,
  ctx: NodeContext,
): JsonSchema {
  checkFields(procedure, 'procedure', ctx);
  const entry = header('procedure', procedure, service);
  entry['x-wamp-source'] = `${procedure.location.file}:${procedure.location.line}`;
  uriComponents(entry, procedure.uriTemplate, ctx);
  const defs: JsonSchema = {};
  const first = procedure.params[0];
  if (procedure.kwargs && first !== undefined) {
    entry['x-wamp-arguments'] = 'kwargs';
    defs.kwargs = {
      ...paramAnnotations(first),
      ...nodeSchema(first.type, ctx, undefined, first.constraints),
    };
  } else {
    entry['x-wamp-arguments'] = 'args';
    defs.args = argsSchema(procedure.params, ctx);
  }
  if (procedure.result.kind !== 'void') defs.result = resultSchema(procedure.result, ctx);
  if (procedure.progress !== undefined)
    defs.progress = { 'x-wamp-placement': 'args[0]', ...nodeSchema(procedure.progress, ctx) };
  // A `Stream<Chunk>` parameter: each chunk is `Arguments[0]` of a progressive CALL after the first.
  if (procedure.input !== undefined)
    defs.input = {
      'x-wamp-placement': 'args[0]',
      ...paramAnnotations(procedure.input),
      ...nodeSchema(procedure.input.type, ctx, undefined, procedure.input.constraints),
    };
  const errors: string[] = [];
  for (const thrown of procedure.throws) {
    const uri = errorUris.get(`${thrown.file}#${thrown.name}`);
    if (uri === undefined) {
      ctx.warnings.push({
        code: JsonSchemaErrorCode.UNKNOWN_REF,
        message: `error ${thrown.name} (${thrown.file}) is not declared in the model`,
        where: ctx.where,
      });
    } else errors.push(uri);
  }
  if (errors.length > 0) entry['x-wamp-errors'] = errors;
  entry.$defs = defs;
  return entry;
}

/**
 * The positional Arguments list: one `prefixItems` entry per parameter, `minItems` up to the last
 * required one, nothing after the last. An optional parameter followed by a present one travels as
 * `null` (runtime/contracts/absent-values.ts), so its item also takes `null` unless its type does.
 */
function argsSchema(params: readonly ParamModel[], ctx: NodeContext): JsonSchema {
  let minItems = 0;
  const prefixItems = params.map((p, i) => {
    checkFields(p, 'param', ctx);
    const absentAllowed =
      p.optional || p.constraints?.default !== undefined || accepts(p.type, 'undefined', ctx);
    if (!p.optional) minItems = i + 1;
    const value = nodeSchema(p.type, ctx, undefined, p.constraints);
    const item =
      absentAllowed && !accepts(p.type, 'null', ctx) ? { anyOf: [value, { type: 'null' }] } : value;
    return { ...paramAnnotations(p), ...item };
  });
  const schema: JsonSchema = { type: 'array' };
  // 2020-12 wants a non-empty `prefixItems`: a procedure without parameters takes an empty list.
  if (prefixItems.length > 0) schema.prefixItems = prefixItems;
  if (minItems > 0) schema.minItems = minItems;
  schema.items = false;
  return schema;
}

function paramAnnotations(p: ParamModel): JsonSchema {
  const out: JsonSchema = { title: p.name };
  if (p.docs?.description !== undefined) out.description = p.docs.description;
  if (p.docs?.deprecated !== undefined) out.deprecated = true;
  return out;
}

/** A result travels as Arguments[0]; a `null` there reads as absent where the type takes `undefined` but not `null`. */
function resultSchema(result: TypeNode, ctx: NodeContext): JsonSchema {
  const value = nodeSchema(result, ctx);
  const nullGap = accepts(result, 'undefined', ctx) && !accepts(result, 'null', ctx);
  return { 'x-wamp-placement': 'args[0]', ...(nullGap ? { anyOf: [value, { type: 'null' }] } : value) };
}

/**
 * A URI template (`x-wamp-uri` is then the template text, e.g. `com.example.room.{roomId}.get`): the
 * schema of each component's value, by name. A numeric component travels in the URI as integer text.
 */
function uriComponents(entry: JsonSchema, template: UriTemplateModel | undefined, ctx: NodeContext): void {
  if (template === undefined) return;
  const components: JsonSchema = {};
  for (const c of template.components) components[c.name] = nodeSchema(c.type, ctx, undefined, c.constraints);
  entry['x-wamp-uri-components'] = components;
}

function topicEntry(topic: TopicModel, owner: string, ctx: NodeContext): JsonSchema {
  checkFields(topic, 'topic', ctx);
  const entry = header('topic', topic, owner);
  entry['x-wamp-source'] = `${topic.location.file}:${topic.location.line}`;
  uriComponents(entry, topic.uriTemplate, ctx);
  const placement = topic.kwargs ? 'kwargs' : 'args[0]';
  entry.$defs = { payload: { 'x-wamp-placement': placement, ...nodeSchema(topic.payload, ctx) } };
  return entry;
}

/** An error's payload travels as ArgumentsKw when it is an object, else as Arguments[0] (contract-error.ts). */
function errorEntry(error: ErrorModel, ctx: NodeContext): JsonSchema {
  checkFields(error, 'error', ctx);
  const entry = header('error', error, undefined);
  entry['x-wamp-source'] = `${error.location.file}:${error.location.line}`;
  if (error.payload === undefined) {
    entry['x-wamp-placement'] = 'none';
    return entry;
  }
  const placement = isObject(error.payload, ctx) ? 'kwargs' : 'args[0]';
  entry.$defs = { payload: { 'x-wamp-placement': placement, ...nodeSchema(error.payload, ctx) } };
  return entry;
}

// The generator's rule (codegen/emit/model-index.ts): an object, record or intersection, through references.
function isObject(node: TypeNode, ctx: NodeContext, seen = new Set<string>()): boolean {
  if (node.kind === 'object' || node.kind === 'record' || node.kind === 'intersection') return true;
  if (node.kind !== 'ref') return false;
  const key = `${node.file}#${node.name}`;
  if (seen.has(key)) return false;
  seen.add(key);
  const named = ctx.types.get(key);
  return named !== undefined && isObject(named.type, ctx, seen);
}
