import type { NamedTypeModel, TypeNode } from '../model/contract-model.js';
import { literalSource, propertyKey, safeIdentifier } from './identifiers.js';
import type { Emitted, ModuleExport } from './emitted.js';
import { typeExport, valueExport } from './emitted.js';
import { renderJsDoc } from './jsdoc.js';
import { templates } from './render.js';
import {
  type ExprContext,
  lazyIfCyclic,
  mentionsRecursive,
  objectType,
  readsRecursiveEagerly,
  schemaName,
  spaced,
  tsType,
  useZ,
} from './type-expr.js';
import { objectShape, type ZodScope, zodExpr } from './zod-expr.js';

/** Renders a named type: its TypeScript declaration and its zod validator (a factory for generics). */
export function emitNamedType(type: NamedTypeModel, ctx: ExprContext): Emitted {
  const typeParams = new Map(type.typeParams.map((p) => [p, `${safeIdentifier(p)}Schema`] as const));
  const scope: ZodScope = { typeParams, indent: type.typeParams.length > 0 ? '  ' : '' };
  const generics = type.typeParams.length > 0 ? `<${type.typeParams.join(', ')}>` : '';
  const node = type.type;
  let declaration: string;
  let declared: ModuleExport;
  let validator: string;
  let annotation = '';
  if (node.kind === 'enum') {
    const members = node.members
      .map((m) => `  ${propertyKey(m.name)}: ${literalSource(m.value)},`)
      .join('\n');
    declaration = `export const ${type.name} = {\n${members}\n} as const;\nexport type ${type.name} = (typeof ${type.name})[keyof typeof ${type.name}];`;
    declared = valueExport(type.name);
    validator = `z.enum(${type.name})`;
  } else {
    declaration =
      node.kind === 'object' && node.properties.length > 0
        ? `export interface ${type.name}${generics} ${objectType(node.properties, ctx, '')}`
        : `export type ${type.name}${generics} =${spaced(tsType(node, ctx))};`;
    declared = typeExport(type.name);
    validator =
      node.kind === 'object'
        ? `z.object(${objectShape(node.properties, ctx, scope)})`
        : zodExpr(node, ctx, scope, type.constraints);
    // A non-object type that reads itself (e.g. a JSON value union) needs z.lazy, and TypeScript then
    // needs the type written down: the one place a schema is annotated.
    if (type.recursive && node.kind !== 'object' && readsRecursiveEagerly(node, ctx)) {
      annotation = `: z.ZodMiniType<${type.name}>`;
      validator = `z.lazy(() => ${validator})`;
    } else if (type.typeParams.length === 0 && node.kind !== 'object') {
      // A schema of a module in this module's import cycle may not be initialised yet: read it on first use.
      validator = lazyIfCyclic(validator, [node], ctx);
    }
  }
  if (type.typeParams.length > 0) {
    const params = type.typeParams.map((p) => `${typeParams.get(p)}: ${p}`).join(', ');
    const bounds = type.typeParams.map((p) => `${p} extends z.core.$ZodType`).join(', ');
    validator = `<${bounds}>(${params}) =>\n  ${validator}`;
  }
  useZ(ctx);
  const text = templates.namedType({
    doc: renderJsDoc(type.docs),
    declaration,
    name: type.name,
    schema: `${schemaName(type.name)}${annotation}`,
    validator,
  });
  return { text, exports: [declared, valueExport(schemaName(type.name))] };
}

/**
 * Orders the named types of one file so that each validator is declared after the ones it reads
 * eagerly (references inside getters are read lazily and do not count), keeping source order otherwise.
 */
export function orderNamedTypes(
  types: readonly NamedTypeModel[],
  file: string,
  ctx: ExprContext,
): NamedTypeModel[] {
  const byName = new Map(types.map((t) => [t.name, t] as const));
  const ordered: NamedTypeModel[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (type: NamedTypeModel): void => {
    if (state.get(type.name) !== undefined) return;
    state.set(type.name, 'visiting');
    for (const dep of eagerRefs(type.type, file, ctx)) {
      const target = byName.get(dep);
      if (target) visit(target);
    }
    state.set(type.name, 'done');
    ordered.push(type);
  };
  for (const type of types) visit(type);
  return ordered;
}

// Names of same-file types read when the validator is constructed (not through an object getter).
function eagerRefs(node: TypeNode, file: string, ctx: ExprContext): string[] {
  switch (node.kind) {
    case 'ref': {
      const own = node.file === file ? [node.name] : [];
      return [...own, ...node.typeArgs.flatMap((a) => eagerRefs(a, file, ctx))];
    }
    case 'array':
      return eagerRefs(node.element, file, ctx);
    case 'tuple':
      return node.elements.flatMap((e) => eagerRefs(e.type, file, ctx));
    case 'object':
      return node.properties
        .filter((p) => !mentionsRecursive(p.type, ctx))
        .flatMap((p) => eagerRefs(p.type, file, ctx));
    case 'record':
      return [...eagerRefs(node.key, file, ctx), ...eagerRefs(node.value, file, ctx)];
    case 'union':
    case 'intersection':
      return node.members.flatMap((m) => eagerRefs(m, file, ctx));
    case 'brand':
      return eagerRefs(node.base, file, ctx);
    default:
      return [];
  }
}
