import type { Constraints, PropertyModel, TypeNode } from '../model/contract-model.js';
import { EmitError, EmitErrorCode } from './emit-error.js';
import { literalSource, propertyKey, stringLiteral } from './identifiers.js';
import { type ExprContext, mentionsRecursive, schemaName, typeKey } from './type-expr.js';

/** Validators (zod's functional `zod/mini` API) for `@format` values on strings. */
const STRING_FORMATS: Record<string, string> = {
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  time: 'z.iso.time()',
  duration: 'z.iso.duration()',
  email: 'z.email()',
  uuid: 'z.uuid()',
  uri: 'z.url()',
  url: 'z.url()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
  hostname: 'z.hostname()',
  base64: 'z.base64()',
  ulid: 'z.ulid()',
  cuid: 'z.cuid()',
  nanoid: 'z.nanoid()',
};

/** Per-expression state: type parameters in scope map to the factory's parameter names. */
export interface ZodScope {
  readonly typeParams: ReadonlyMap<string, string>;
  /** Indentation of the line the expression starts on (nested object shapes indent from it). */
  readonly indent: string;
}

/**
 * A validator expression (zod's functional `zod/mini` API: wrappers such as `z.optional(x)` and
 * checks in `.check(...)`, so a bundle keeps only what the contract uses) validating `node`, with
 * `constraints` applied to it.
 */
export function zodExpr(
  node: TypeNode,
  ctx: ExprContext,
  scope: ZodScope,
  constraints?: Constraints,
): string {
  const expr = baseExpr(node, ctx, scope, constraints);
  if (constraints?.default !== undefined)
    return `z._default(${expr}, ${JSON.stringify(constraints.default)})`;
  return expr;
}

/** `expr.check(a, b)` for the non-empty list of checks, else `expr`. */
function withChecks(expr: string, checks: readonly string[]): string {
  return checks.length === 0 ? expr : `${expr}.check(${checks.join(', ')})`;
}

function baseExpr(node: TypeNode, ctx: ExprContext, scope: ZodScope, c: Constraints | undefined): string {
  switch (node.kind) {
    case 'string': {
      let expr = 'z.string()';
      if (c?.format !== undefined) {
        const format = STRING_FORMATS[c.format];
        if (format === undefined) {
          throw new EmitError(EmitErrorCode.UNKNOWN_FORMAT, `no validator for @format ${c.format}`);
        }
        expr = format;
      }
      const checks = lengthChecks(c);
      if (c?.pattern !== undefined) checks.push(`z.regex(new RegExp(${stringLiteral(c.pattern)}))`);
      return withChecks(expr, checks);
    }
    case 'number': {
      const checks: string[] = [];
      if (c?.minimum !== undefined) checks.push(`z.gte(${c.minimum})`);
      if (c?.maximum !== undefined) checks.push(`z.lte(${c.maximum})`);
      return withChecks(c?.int ? 'z.int()' : 'z.number()', checks);
    }
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'unknown':
      return `z.${node.kind}()`;
    case 'void':
      throw new EmitError(EmitErrorCode.UNSUPPORTED_TYPE, 'void is only allowed as a procedure result');
    case 'literal':
      return `z.literal(${literalSource(node.value)})`;
    case 'array':
      return withChecks(`z.array(${zodExpr(node.element, ctx, scope)})`, lengthChecks(c));
    case 'tuple': {
      const fixed = node.elements.filter((e) => !e.rest);
      const rest = node.elements.find((e) => e.rest);
      const items = fixed.map((e) =>
        e.optional ? optionalOf(e.type, zodExpr(e.type, ctx, scope)) : zodExpr(e.type, ctx, scope),
      );
      return `z.tuple([${items.join(', ')}]${rest ? `, ${zodExpr(rest.type, ctx, scope)}` : ''})`;
    }
    case 'object':
      return `z.object(${objectShape(node.properties, ctx, scope)})`;
    case 'record':
      return `z.record(${recordKey(node.key, ctx, scope)}, ${zodExpr(node.value, ctx, scope)})`;
    case 'union':
      return unionExpr(node, ctx, scope);
    case 'intersection':
      return node.members
        .map((m) => zodExpr(m, ctx, scope))
        .reduce((left, right) => `z.intersection(${left}, ${right})`);
    case 'ref':
      return refExpr(node, ctx, scope);
    case 'typeParam': {
      const param = scope.typeParams.get(node.name);
      if (param === undefined) {
        throw new EmitError(EmitErrorCode.UNSUPPORTED_TYPE, `type parameter ${node.name} is not in scope`);
      }
      return param;
    }
    case 'enum':
      return literalUnion(node.members.map((m) => m.value));
    case 'binary':
      // Typed as plain Uint8Array; z.instanceof would infer Uint8Array<ArrayBuffer> and reject Buffers in types.
      ctx.imports.value(ctx.runtime, 'binary');
      return 'binary()';
    case 'date':
      ctx.imports.value(ctx.runtime, 'isoDate');
      return 'isoDate()';
    case 'brand':
      return `${zodExpr(node.base, ctx, scope, c)}.brand<${stringLiteral(node.brand)}>()`;
    case 'template': {
      const parts = node.parts.map((p) =>
        typeof p === 'string' ? stringLiteral(p) : zodExpr(p, ctx, scope),
      );
      return `z.templateLiteral([${parts.join(', ')}])`;
    }
  }
}

function lengthChecks(c: Constraints | undefined): string[] {
  const checks: string[] = [];
  if (c?.minLength !== undefined) checks.push(`z.minLength(${c.minLength})`);
  if (c?.maxLength !== undefined) checks.push(`z.maxLength(${c.maxLength})`);
  return checks;
}

/** `z.enum([...])` for string literals, `z.literal([...])` for mixed literal sets. */
function literalUnion(values: readonly (string | number | boolean)[]): string {
  const list = values.map(literalSource).join(', ');
  return values.every((v) => typeof v === 'string') ? `z.enum([${list}])` : `z.literal([${list}])`;
}

function unionExpr(node: Extract<TypeNode, { kind: 'union' }>, ctx: ExprContext, scope: ZodScope): string {
  const literals = node.members.every((m) => m.kind === 'literal');
  if (literals)
    return literalUnion(node.members.map((m) => (m as { value: string | number | boolean }).value));
  // Object members go one per line, indented like a formatter would print them.
  const multiline = node.members.some((m) => m.kind === 'object' && m.properties.length > 0);
  const inner = `${scope.indent}  `;
  const memberScope: ZodScope = multiline ? { typeParams: scope.typeParams, indent: inner } : scope;
  const list = node.members.map((m) => zodExpr(m, ctx, memberScope));
  const members = multiline
    ? `\n${list.map((m) => `${inner}${m},\n`).join('')}${scope.indent}`
    : list.join(', ');
  if (node.discriminant !== undefined)
    return `z.discriminatedUnion(${stringLiteral(node.discriminant)}, [${members}])`;
  return `z.union([${members}])`;
}

// zod checks record keys with a key schema; literal unions make the record exhaustive, like TS `Record<'a' | 'b', V>`.
function recordKey(key: TypeNode, ctx: ExprContext, scope: ZodScope): string {
  if (key.kind === 'string') return 'z.string()';
  return zodExpr(key, ctx, scope);
}

function refExpr(node: Extract<TypeNode, { kind: 'ref' }>, ctx: ExprContext, scope: ZodScope): string {
  if (node.file !== ctx.file) {
    ctx.imports.value(ctx.moduleFor(node.file), schemaName(node.name));
  } else if (!ctx.known.has(typeKey(node.file, node.name))) {
    throw new EmitError(
      EmitErrorCode.UNKNOWN_REF,
      `type ${node.name} (${node.file}) is not declared in the model`,
    );
  }
  const name = schemaName(node.name);
  if (node.typeArgs.length === 0) return name;
  return `${name}(${node.typeArgs.map((a) => zodExpr(a, ctx, scope)).join(', ')})`;
}

/**
 * The shape object of `z.object(...)`. Properties that mention a recursive type become getters
 * (zod v4 reads them lazily), so a type can refer to itself or to one declared later.
 */
export function objectShape(properties: readonly PropertyModel[], ctx: ExprContext, scope: ZodScope): string {
  if (properties.length === 0) return '{}';
  const indent = scope.indent;
  const inner = `${indent}  `;
  const lines = properties.map((p) => {
    const getter = mentionsRecursive(p.type, ctx);
    const value = propertyValue(p, ctx, {
      typeParams: scope.typeParams,
      indent: getter ? `${inner}  ` : inner,
    });
    const key = propertyKey(p.name);
    if (mentionsRecursive(p.type, ctx))
      return `${inner}get ${key}() {\n${inner}  return ${value};\n${inner}},`;
    return `${inner}${key}: ${value},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

// An optional tuple element `T?` is absent or a T (exactOptionalPropertyTypes); `(T | undefined)?` also takes undefined.
function optionalOf(type: TypeNode, expr: string): string {
  const takesUndefined =
    type.kind === 'undefined' || (type.kind === 'union' && type.members.some((m) => m.kind === 'undefined'));
  return takesUndefined ? `z.optional(${expr})` : `z.exactOptional(${expr})`;
}

// `a?: T` must not accept an explicit undefined (exactOptionalPropertyTypes); `a?: T | undefined` may.
function propertyValue(p: PropertyModel, ctx: ExprContext, scope: ZodScope): string {
  if (!p.optional || p.constraints?.default !== undefined) return zodExpr(p.type, ctx, scope, p.constraints);
  if (p.type.kind === 'union' && p.type.members.some((m) => m.kind === 'undefined')) {
    const rest = p.type.members.filter((m) => m.kind !== 'undefined');
    const inner: TypeNode = rest.length === 1 ? rest[0]! : { kind: 'union', members: rest };
    return `z.optional(${zodExpr(inner, ctx, scope, p.constraints)})`;
  }
  return `z.exactOptional(${zodExpr(p.type, ctx, scope, p.constraints)})`;
}
