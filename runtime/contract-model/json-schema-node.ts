/**
 * One type node of the ContractModel → its JSON Schema 2020-12 wire form. The rules follow the
 * generated zod validators (codegen/emit/zod-expr.ts) so that both accept the same payloads; the
 * agreement test (test/unit/contract-model/json-schema-agreement.test.ts) holds them together.
 */
import type { Constraints, NamedTypeModel, TypeNode } from './contract-model.js';
import {
  type JsonSchema,
  JsonSchemaErrorCode,
  type JsonSchemaWarning,
  type WireSerializer,
} from './json-schema-vocabulary.js';

/** RFC 3339 date-time with a `Z` or numeric offset and seconds, as the zod validator of `Date` checks it. */
export const DATE_TIME_PATTERN =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$';

/** A calendar date (`@format date`), as zod checks it. */
const DATE_PATTERN =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))$';

/** JSON's binary convention: a NUL character, then standard padded base64 (runtime/serializers/json.ts). */
export const JSON_BINARY_PATTERN = '^\\u0000(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

/** Every JSON type: a MessagePack or CBOR byte string decodes to none of them (Python `bytes`). */
const JSON_TYPES = ['null', 'boolean', 'number', 'string', 'array', 'object'];

/** zod's `z.int()` accepts safe integers only. */
const MAX_SAFE = 9007199254740991;

/** Type parameters in scope, bound to concrete (already substituted) type nodes. */
export type TypeEnv = ReadonlyMap<string, TypeNode>;

const NO_ENV: TypeEnv = new Map();

/** What converting a node needs: the named types, the `$defs` being built and a place for warnings. */
export interface NodeContext {
  readonly serializer: WireSerializer;
  /** Named types by `file#name`. */
  readonly types: ReadonlyMap<string, NamedTypeModel>;
  /** The `$defs` key of a named type (its name, qualified by file when two files share it). */
  readonly defName: (file: string, name: string) => string;
  /** The `$defs` of the document; instantiations of generic types are added here as they are met. */
  readonly defs: Map<string, JsonSchema>;
  readonly warnings: JsonSchemaWarning[];
  /** Where in the model the conversion is, for warnings. */
  where: string;
}

/** The `$ref` value of a `$defs` entry, with the JSON Pointer and URI fragment escapes. */
export function defRef(...keys: string[]): string {
  const escapeKey = (key: string) =>
    encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))
      .replace(/%3A/g, ':')
      .replace(/%40/g, '@');
  return `#/${keys.map((k) => `$defs/${escapeKey(k)}`).join('/')}`;
}

/** Adds a warning for the current place in the model. */
export function warn(ctx: NodeContext, code: JsonSchemaWarning['code'], message: string): void {
  ctx.warnings.push({ code, message, where: ctx.where });
}

/** The JSON Schema of `node` as it travels on the wire, with `constraints` applied as zod applies them. */
export function nodeSchema(
  node: TypeNode,
  ctx: NodeContext,
  env: TypeEnv = NO_ENV,
  constraints?: Constraints,
): JsonSchema {
  const schema = baseSchema(node, ctx, env, constraints);
  if (constraints?.default !== undefined) schema.default = constraints.default;
  return schema;
}

function baseSchema(node: TypeNode, ctx: NodeContext, env: TypeEnv, c: Constraints | undefined): JsonSchema {
  switch (node.kind) {
    case 'string':
      return stringSchema(c);
    case 'number':
      return numberSchema(c);
    case 'boolean':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'unknown':
      return {};
    // No value on the wire: an `undefined` property is absent, so nothing matches it.
    case 'undefined':
      return { not: {} };
    case 'void':
      warn(ctx, JsonSchemaErrorCode.UNSUPPORTED_TYPE, 'void is only meaningful as a procedure result');
      return { not: {} };
    case 'literal':
      return { const: node.value };
    case 'array':
      return { type: 'array', items: nodeSchema(node.element, ctx, env), ...itemCounts(c) };
    case 'tuple':
      return tupleSchema(node, ctx, env);
    case 'object':
      return objectSchema(node.properties, ctx, env);
    case 'record':
      return recordSchema(node, ctx, env);
    case 'union':
      return unionSchema(node, ctx, env);
    case 'intersection':
      return { allOf: node.members.map((m) => nodeSchema(m, ctx, env)) };
    case 'ref':
      return refSchema(node, ctx, env);
    case 'typeParam': {
      const bound = env.get(node.name);
      if (bound !== undefined) return nodeSchema(bound, ctx);
      warn(ctx, JsonSchemaErrorCode.UNSUPPORTED_TYPE, `type parameter ${node.name} is not bound`);
      return {};
    }
    case 'enum':
      return { enum: node.members.map((m) => m.value), 'x-wamp-enum': node.name };
    case 'binary':
      return binarySchema(ctx.serializer);
    case 'date':
      return { type: 'string', format: 'date-time', pattern: DATE_TIME_PATTERN, 'x-wamp-type': 'Date' };
    case 'brand':
      return { ...nodeSchema(node.base, ctx, env, c), 'x-wamp-brand': node.brand };
    case 'template':
      return { type: 'string', pattern: `^${node.parts.map((p) => templatePart(p, ctx, env)).join('')}$` };
    default: {
      // A construct added to the model after this exporter: permissive, and said so.
      const kind = String((node as { kind?: unknown }).kind);
      warn(
        ctx,
        JsonSchemaErrorCode.UNKNOWN_TYPE_KIND,
        `no JSON Schema for type kind '${kind}'; exported as {}`,
      );
      return { 'x-wamp-unsupported': kind };
    }
  }
}

function stringSchema(c: Constraints | undefined): JsonSchema {
  const schema: JsonSchema = { type: 'string' };
  const patterns: string[] = [];
  if (c?.format !== undefined) {
    schema.format = c.format;
    // The formats whose rule this project fixes carry it as a pattern, so every validator agrees.
    if (c.format === 'date-time') patterns.push(DATE_TIME_PATTERN);
    if (c.format === 'date') patterns.push(DATE_PATTERN);
  }
  if (c?.minLength !== undefined) schema.minLength = c.minLength;
  if (c?.maxLength !== undefined) schema.maxLength = c.maxLength;
  if (c?.pattern !== undefined) patterns.push(c.pattern);
  if (patterns[0] !== undefined) schema.pattern = patterns[0];
  if (patterns.length > 1) schema.allOf = patterns.slice(1).map((pattern) => ({ pattern }));
  return schema;
}

function numberSchema(c: Constraints | undefined): JsonSchema {
  if (c?.int) {
    return {
      type: 'integer',
      minimum: Math.max(c.minimum ?? -MAX_SAFE, -MAX_SAFE),
      maximum: Math.min(c.maximum ?? MAX_SAFE, MAX_SAFE),
    };
  }
  const schema: JsonSchema = { type: 'number' };
  if (c?.minimum !== undefined) schema.minimum = c.minimum;
  if (c?.maximum !== undefined) schema.maximum = c.maximum;
  return schema;
}

function itemCounts(c: Constraints | undefined): JsonSchema {
  const out: JsonSchema = {};
  if (c?.minLength !== undefined) out.minItems = c.minLength;
  if (c?.maxLength !== undefined) out.maxItems = c.maxLength;
  return out;
}

function binarySchema(serializer: WireSerializer): JsonSchema {
  if (serializer === 'json')
    return {
      type: 'string',
      pattern: JSON_BINARY_PATTERN,
      contentMediaType: 'application/octet-stream',
      'x-wamp-type': 'binary',
    };
  // A byte string is none of the JSON types; a validator fed decoded MessagePack/CBOR sees `bytes`.
  return { not: { type: JSON_TYPES }, 'x-wamp-type': 'binary' };
}

function tupleSchema(node: Extract<TypeNode, { kind: 'tuple' }>, ctx: NodeContext, env: TypeEnv): JsonSchema {
  const fixed = node.elements.filter((e) => !e.rest);
  const rest = node.elements.find((e) => e.rest);
  const prefixItems = fixed.map((e) => {
    const item = nodeSchema(e.type, ctx, env);
    return e.name === undefined ? item : { title: e.name, ...item };
  });
  let minItems = 0;
  fixed.forEach((e, i) => {
    if (!e.optional) minItems = i + 1;
  });
  const schema: JsonSchema = { type: 'array' };
  // 2020-12 wants a non-empty `prefixItems`; `[...T[]]` and `[]` have none.
  if (prefixItems.length > 0) schema.prefixItems = prefixItems;
  if (minItems > 0) schema.minItems = minItems;
  schema.items = rest === undefined ? false : nodeSchema(rest.type, ctx, env);
  return schema;
}

/** An object's properties; a property is required unless declared `?` or given a `@default` (zod's rule). */
function objectSchema(
  properties: Extract<TypeNode, { kind: 'object' }>['properties'],
  ctx: NodeContext,
  env: TypeEnv,
): JsonSchema {
  const props: JsonSchema = {};
  const required: string[] = [];
  for (const p of properties) {
    const schema = nodeSchema(p.type, ctx, env, p.constraints);
    if (p.docs?.description !== undefined) schema.description = p.docs.description;
    if (p.docs?.deprecated !== undefined) schema.deprecated = true;
    props[p.name] = schema;
    if (!p.optional && p.constraints?.default === undefined) required.push(p.name);
  }
  const schema: JsonSchema = { type: 'object', properties: props };
  if (required.length > 0) schema.required = required;
  return schema;
}

function recordSchema(
  node: Extract<TypeNode, { kind: 'record' }>,
  ctx: NodeContext,
  env: TypeEnv,
): JsonSchema {
  const value = nodeSchema(node.value, ctx, env);
  const keys = literalKeys(node.key, ctx, env);
  if (keys !== undefined) {
    // zod makes a record over a literal union exhaustive: every key, and no other.
    const properties: JsonSchema = {};
    for (const key of keys) properties[key] = value;
    return { type: 'object', properties, required: keys, additionalProperties: false };
  }
  const key = nodeSchema(node.key, ctx, env);
  if (key.type === 'string' && Object.keys(key).every((k) => k === 'type' || k.startsWith('x-wamp-')))
    return { type: 'object', additionalProperties: value };
  return { type: 'object', propertyNames: key, additionalProperties: value };
}

/** The keys of a record keyed by literals (a literal, a union of them, an enum), else undefined. */
function literalKeys(key: TypeNode, ctx: NodeContext, env: TypeEnv): string[] | undefined {
  const resolved = resolve(key, ctx, env);
  if (resolved.kind === 'literal') return [String(resolved.value)];
  if (resolved.kind === 'enum') return resolved.members.map((m) => String(m.value));
  if (resolved.kind === 'union') {
    const all = resolved.members.map((m) => resolve(m, ctx, env));
    if (all.every((m) => m.kind === 'literal'))
      return all.map((m) => String((m as { value: unknown }).value));
  }
  return undefined;
}

function unionSchema(node: Extract<TypeNode, { kind: 'union' }>, ctx: NodeContext, env: TypeEnv): JsonSchema {
  // `undefined` has no wire value: the container (an optional property, a positional gap) says absent.
  const members = node.members.filter((m) => m.kind !== 'undefined');
  if (members.length === 0) return { not: {} };
  if (members.every((m) => m.kind === 'literal'))
    return { enum: members.map((m) => (m as { value: unknown }).value) };
  if (members.length === 1) return nodeSchema(members[0] as TypeNode, ctx, env);
  const schema: JsonSchema = { anyOf: members.map((m) => nodeSchema(m, ctx, env)) };
  if (node.discriminant !== undefined) schema['x-wamp-discriminator'] = node.discriminant;
  return schema;
}

function refSchema(node: Extract<TypeNode, { kind: 'ref' }>, ctx: NodeContext, env: TypeEnv): JsonSchema {
  const named = ctx.types.get(`${node.file}#${node.name}`);
  if (named === undefined) {
    warn(
      ctx,
      JsonSchemaErrorCode.UNKNOWN_REF,
      `type ${node.name} (${node.file}) is not declared in the model`,
    );
    return {};
  }
  const args = node.typeArgs.map((a) => substitute(a, env));
  const base = ctx.defName(node.file, node.name);
  const key = args.length === 0 ? base : `${base}<${args.map(typeText).join(', ')}>`;
  if (!ctx.defs.has(key)) {
    // Registered before its body is built, so a recursive type refers to itself.
    ctx.defs.set(key, {});
    const bound = new Map(named.typeParams.map((p, i) => [p, args[i] ?? { kind: 'unknown' as const }]));
    ctx.defs.set(key, namedSchema(named, ctx, bound));
  }
  return { $ref: defRef(key) };
}

/** The `$defs` entry of a named type (with its type parameters bound by `env`). */
export function namedSchema(named: NamedTypeModel, ctx: NodeContext, env: TypeEnv = NO_ENV): JsonSchema {
  const body = nodeSchema(named.type, ctx, env, named.constraints);
  const schema: JsonSchema = { title: named.name };
  if (named.docs?.description !== undefined) schema.description = named.docs.description;
  if (named.docs?.deprecated !== undefined) schema.deprecated = true;
  schema['x-wamp-source'] = `${named.location.file}:${named.location.line}`;
  return { ...schema, ...body };
}

function templatePart(part: string | TypeNode, ctx: NodeContext, env: TypeEnv): string {
  if (typeof part === 'string') return escapeRegex(part);
  const node = resolve(part, ctx, env);
  switch (node.kind) {
    case 'string':
      return '[\\s\\S]*';
    case 'number':
      return '-?\\d+(?:\\.\\d+)?';
    case 'boolean':
      return '(?:true|false)';
    case 'literal':
      return escapeRegex(String(node.value));
    default:
      warn(ctx, JsonSchemaErrorCode.UNSUPPORTED_TYPE, `template literal part of kind '${node.kind}'`);
      return '[\\s\\S]*';
  }
}

// Only the syntax characters: ajv compiles patterns with the `u` flag, which refuses other escapes.
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** `node` with type parameters replaced by their bindings in `env`. */
function substitute(node: TypeNode, env: TypeEnv): TypeNode {
  if (env.size === 0) return node;
  switch (node.kind) {
    case 'typeParam':
      return env.get(node.name) ?? node;
    case 'array':
      return { ...node, element: substitute(node.element, env) };
    case 'tuple':
      return { ...node, elements: node.elements.map((e) => ({ ...e, type: substitute(e.type, env) })) };
    case 'object':
      return { ...node, properties: node.properties.map((p) => ({ ...p, type: substitute(p.type, env) })) };
    case 'record':
      return { ...node, key: substitute(node.key, env), value: substitute(node.value, env) };
    case 'union':
    case 'intersection':
      return { ...node, members: node.members.map((m) => substitute(m, env)) };
    case 'ref':
      return { ...node, typeArgs: node.typeArgs.map((a) => substitute(a, env)) };
    case 'brand':
      return { ...node, base: substitute(node.base, env) };
    case 'template':
      return { ...node, parts: node.parts.map((p) => (typeof p === 'string' ? p : substitute(p, env))) };
    default:
      return node;
  }
}

/** `node` with references and bound type parameters followed to what they name (non-generic bodies only). */
export function resolve(node: TypeNode, ctx: NodeContext, env: TypeEnv = NO_ENV, depth = 0): TypeNode {
  if (depth > 32) return node;
  if (node.kind === 'typeParam') {
    const bound = env.get(node.name);
    return bound === undefined ? node : resolve(bound, ctx, NO_ENV, depth + 1);
  }
  if (node.kind !== 'ref') return node;
  const named = ctx.types.get(`${node.file}#${node.name}`);
  if (named === undefined) return node;
  const bound = new Map(
    named.typeParams.map((p, i) => [p, substitute(node.typeArgs[i] ?? { kind: 'unknown' }, env)]),
  );
  return resolve(substitute(named.type, bound), ctx, NO_ENV, depth + 1);
}

/** True when `node` accepts `value` (`null` or `undefined`), following references and unions. */
export function accepts(node: TypeNode, value: 'null' | 'undefined', ctx: NodeContext, depth = 0): boolean {
  const n = resolve(node, ctx);
  if (depth > 32) return false;
  switch (n.kind) {
    case 'unknown':
      return true;
    case 'null':
    case 'undefined':
      return n.kind === value;
    case 'union':
      return n.members.some((m) => accepts(m, value, ctx, depth + 1));
    case 'intersection':
      return n.members.every((m) => accepts(m, value, ctx, depth + 1));
    case 'brand':
      return accepts(n.base, value, ctx, depth + 1);
    default:
      return false;
  }
}

/** A compact TypeScript-like text of a concrete type, used to name instantiations of generic types. */
export function typeText(node: TypeNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'array': {
      const inner = typeText(node.element);
      return /[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
    }
    case 'tuple':
      return `[${node.elements.map((e) => `${e.rest ? '...' : ''}${typeText(e.type)}${e.optional ? '?' : ''}`).join(', ')}]`;
    case 'object':
      return `{${node.properties.map((p) => `${p.name}${p.optional ? '?' : ''}: ${typeText(p.type)}`).join('; ')}}`;
    case 'record':
      return `Record<${typeText(node.key)}, ${typeText(node.value)}>`;
    case 'union':
      return node.members.map(typeText).join(' | ');
    case 'intersection':
      return node.members.map(typeText).join(' & ');
    case 'ref':
      return node.typeArgs.length === 0
        ? node.name
        : `${node.name}<${node.typeArgs.map(typeText).join(', ')}>`;
    case 'typeParam':
    case 'enum':
      return node.name;
    case 'binary':
      return 'Uint8Array';
    case 'date':
      return 'Date';
    case 'brand':
      return `${typeText(node.base)} & ${node.brand}`;
    case 'template':
      return `\`${node.parts.map((p) => (typeof p === 'string' ? p : `\${${typeText(p)}}`)).join('')}\``;
    default:
      return String((node as { kind?: unknown }).kind);
  }
}
