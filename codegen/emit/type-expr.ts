import type { PropertyModel, TupleElement, TypeNode } from '../model/contract-model.js';
import { EmitError, EmitErrorCode } from './emit-error.js';
import { literalSource, propertyKey, stringLiteral } from './identifiers.js';
import type { ImportCollector } from './import-collector.js';
import { renderJsDoc } from './jsdoc.js';

/** What the type and validator writers need to know about the file being emitted. */
export interface ExprContext {
  /** Schema file being emitted (model path). */
  readonly file: string;
  readonly imports: ImportCollector;
  /** Module specifier of the runtime entry point. */
  readonly runtime: string;
  /** Module specifier of the validator functions (imported as the namespace `z`). */
  readonly validators: string;
  /** Module specifier, relative to the current output file, of the module emitted for schema `file`. */
  readonly moduleFor: (file: string) => string;
  /** `file#name` keys of named types that are part of a reference cycle. */
  readonly recursive: ReadonlySet<string>;
  /** Names of named types declared in the model, as `file#name`. */
  readonly known: ReadonlySet<string>;
  /** True when schema file `file`'s module is in an import cycle with this one: its bindings are read lazily. */
  readonly cyclic: (file: string) => boolean;
}

/** Records the `import * as z` of the validator functions and returns `z`. */
export function useZ(ctx: ExprContext): 'z' {
  ctx.imports.namespace(ctx.validators, 'z');
  return 'z';
}

/** The name of the zod schema constant (or factory) emitted for named type `name`. */
export function schemaName(name: string): string {
  return `${name}Schema`;
}

/** Key identifying a named type across files. */
export function typeKey(file: string, name: string): string {
  return `${file}#${name}`;
}

/** Records the import of a named type (as a type, and its schema as a value when `withSchema`). */
function useRef(node: Extract<TypeNode, { kind: 'ref' }>, ctx: ExprContext, withSchema: boolean): void {
  if (!ctx.known.has(typeKey(node.file, node.name))) {
    throw new EmitError(
      EmitErrorCode.UNKNOWN_REF,
      `type ${node.name} (${node.file}) is not declared in the model`,
    );
  }
  if (node.file === ctx.file) return;
  const from = ctx.moduleFor(node.file);
  ctx.imports.type(from, node.name);
  if (withSchema) ctx.imports.value(from, schemaName(node.name));
}

/** True when building `node`'s validator reads a schema outside an object getter that must be read lazily. */
export function readsRecursiveEagerly(node: TypeNode, ctx: ExprContext): boolean {
  return findRef(
    node,
    (ref) => ctx.recursive.has(typeKey(ref.file, ref.name)) || ctx.cyclic(ref.file),
    false,
  );
}

/** True when building `node`'s validator reads a schema of a module in this module's import cycle outside a getter. */
export function readsCyclicEagerly(node: TypeNode, ctx: ExprContext): boolean {
  return findRef(node, (ref) => ctx.cyclic(ref.file), false);
}

/** True when `node` mentions a named type whose schema must be read lazily (a cycle of types or of modules). */
export function mentionsRecursive(node: TypeNode, ctx: ExprContext): boolean {
  return findRef(node, (ref) => ctx.recursive.has(typeKey(ref.file, ref.name)) || ctx.cyclic(ref.file), true);
}

// True when a reference in `node` matches; `intoObjects` false stops at object literals, whose properties become getters.
function findRef(
  node: TypeNode,
  match: (ref: Extract<TypeNode, { kind: 'ref' }>) => boolean,
  intoObjects: boolean,
): boolean {
  const inner = (child: TypeNode): boolean => findRef(child, match, intoObjects);
  switch (node.kind) {
    case 'ref':
      return match(node) || node.typeArgs.some(inner);
    case 'array':
      return inner(node.element);
    case 'tuple':
      return node.elements.some((e) => inner(e.type));
    case 'object':
      return intoObjects && node.properties.some((p) => inner(p.type));
    case 'record':
      return inner(node.value);
    case 'union':
    case 'intersection':
      return node.members.some(inner);
    case 'brand':
      return inner(node.base);
    default:
      return false;
  }
}

/** `expr` wrapped in `z.lazy` when building it reads a binding of a module in this module's import cycle. */
export function lazyIfCyclic(expr: string, nodes: readonly TypeNode[], ctx: ExprContext): string {
  return nodes.some((node) => readsCyclicEagerly(node, ctx)) ? `z.lazy(() => ${expr})` : expr;
}

// Wraps unions, intersections and readonly arrays or tuples so that `[]` and `&` bind as intended.
function wrap(node: TypeNode, text: string): string {
  const readonly = (node.kind === 'array' || node.kind === 'tuple') && node.readonly === true;
  return node.kind === 'union' || node.kind === 'intersection' || readonly ? `(${text.trimStart()})` : text;
}

/** The TypeScript type of `node` as user code sees it (`Date` for dates, `Uint8Array` for binary). */
export function tsType(node: TypeNode, ctx: ExprContext, indent = ''): string {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'unknown':
    case 'void':
      return node.kind;
    case 'literal':
      return literalSource(node.value);
    case 'array':
      return `${node.readonly ? 'readonly ' : ''}${wrap(node.element, tsType(node.element, ctx, indent))}[]`;
    case 'tuple':
      return `${node.readonly ? 'readonly ' : ''}[${node.elements.map((e) => tupleElementType(e, ctx, indent)).join(', ')}]`;
    case 'object':
      return objectType(node.properties, ctx, indent);
    case 'record':
      // An index signature, not Record<string, V>: a recursive alias may not refer to itself through Record.
      return node.key.kind === 'string'
        ? `{ [key: string]: ${tsType(node.value, ctx, indent)} }`
        : `Record<${tsType(node.key, ctx, indent)}, ${tsType(node.value, ctx, indent)}>`;
    case 'union':
      // Unions of object literals go one member per line, as a formatter would print them.
      if (node.members.some((m) => m.kind === 'object' && m.properties.length > 0)) {
        return node.members
          .map((m) => `\n${indent}  | ${tsType(m, ctx, `${indent}    `).trimStart()}`)
          .join('');
      }
      return node.members.map((m) => tsType(m, ctx, indent)).join(' | ');
    case 'intersection':
      return node.members.map((m) => wrap(m, tsType(m, ctx, indent))).join(' & ');
    case 'ref':
      useRef(node, ctx, false);
      return node.typeArgs.length === 0
        ? node.name
        : `${node.name}<${node.typeArgs.map((a) => tsType(a, ctx, indent)).join(', ')}>`;
    case 'typeParam':
      return node.name;
    case 'enum':
      return node.members.map((m) => literalSource(m.value)).join(' | ');
    case 'binary':
      return 'Uint8Array';
    case 'date':
      return 'Date';
    case 'brand':
      useZ(ctx);
      return `${wrap(node.base, tsType(node.base, ctx, indent))} & z.$brand<${stringLiteral(node.brand)}>`;
    case 'template':
      return `\`${node.parts.map((p) => (typeof p === 'string' ? escapeTemplate(p) : `\${${tsType(p, ctx, indent)}}`)).join('')}\``;
  }
}

function tupleElementType(e: TupleElement, ctx: ExprContext, indent: string): string {
  const type = tsType(e.type, ctx, indent);
  if (e.rest) return `...${wrap(e.type, type)}[]`;
  return e.optional ? `${wrap(e.type, type)}?` : type;
}

/** An object type literal, one property per line at `indent`, with property JSDoc carried over. */
export function objectType(properties: readonly PropertyModel[], ctx: ExprContext, indent: string): string {
  if (properties.length === 0) return 'Record<string, never>';
  const inner = `${indent}  `;
  const lines = properties.map((p) => {
    const doc = renderJsDoc(p.docs, inner);
    // `readonly` is carried over as declared: it is a promise of the types, values are not frozen.
    return `${doc}${inner}${p.readonly ? 'readonly ' : ''}${propertyKey(p.name)}${p.optional ? '?' : ''}:${spaced(tsType(p.type, ctx, inner))};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function escapeTemplate(text: string): string {
  return text.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
}

/** `text` after a separator: a multi-line union starts on its own line, anything else after a space. */
export function spaced(text: string): string {
  return text.startsWith('\n') ? text : ` ${text}`;
}
