import { type TypeScript, ts } from './typescript.js';
import type { PropertyModel, TypeNode } from '../model/contract-model.js';
import type { ConvertScope } from './convert-scope.js';
import { type ExtractContext, typeText } from './extract-context.js';
import { readMemberDocs } from './member-docs.js';
import { MARKER_PROPERTY } from './schema-marker.js';

const F = ts.TypeFlags;

/** Members of a union (or the type itself) without the checker's internal "missing" undefined. */
export function withoutMissing(checker: TypeScript.TypeChecker, type: TypeScript.Type): TypeScript.Type[] {
  const members = type.isUnion() ? type.types : [type];
  const undefinedType = checker.getUndefinedType();
  return members.filter((member) => !(member.flags & F.Undefined) || member === undefinedType);
}

/** True when a property's (instantiated) type is the type its declaration wrote, optionality aside. */
function sameType(
  checker: TypeScript.TypeChecker,
  actual: TypeScript.Type,
  declared: TypeScript.Type,
): boolean {
  if (actual === declared) return true;
  const a = withoutMissing(checker, actual);
  const d = withoutMissing(checker, declared);
  return a.length === d.length && a.every((member) => d.includes(member));
}

/**
 * One property: its written type when the checker's type is the written one (so refs and union order
 * survive), else the checker's type (mapped, instantiated or merged properties).
 */
function convertProperty(
  context: ExtractContext,
  symbol: TypeScript.Symbol,
  scope: ConvertScope,
): PropertyModel {
  const { checker } = context;
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  const inProject = declaration !== undefined && context.isProjectFile(declaration.getSourceFile());
  const site = inProject ? declaration : scope.site;
  const inner = { ...scope, site };
  const actual = checker.getTypeOfSymbol(symbol);
  const syntax =
    declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration))
      ? declaration.type
      : undefined;
  let type: TypeNode;
  if (declaration && ts.isMethodSignature(declaration)) {
    context.report('functionType', { type: declaration.getText() }, site);
    type = { kind: 'unknown' };
  } else if (syntax && sameType(checker, actual, checker.getTypeFromTypeNode(syntax))) {
    type = context.convertType(checker.getTypeFromTypeNode(syntax), syntax, inner);
  } else {
    type = context.convertType(actual, undefined, inner);
  }
  const property: { -readonly [K in keyof PropertyModel]: PropertyModel[K] } = {
    name: symbol.getName(),
    type,
    optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
  };
  const modifiers =
    declaration && ts.canHaveModifiers(declaration) ? ts.getModifiers(declaration) : undefined;
  // Properties of `Readonly<T>` carry no modifier: the checker marks them with CheckFlags.Readonly (8).
  const checkFlags = (symbol as { links?: { checkFlags?: number } }).links?.checkFlags ?? 0;
  if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) || checkFlags & 8)
    property.readonly = true;
  if (inProject) {
    const { docs, constraints } = readMemberDocs(context, declaration, 'property', actual);
    if (docs) property.docs = docs;
    if (constraints) property.constraints = constraints;
  }
  return property;
}

/** Converts an object type (interface, literal, mapped or merged intersection) and its index signatures. */
export function convertObject(context: ExtractContext, type: TypeScript.Type, scope: ConvertScope): TypeNode {
  const { checker } = context;
  const properties: PropertyModel[] = [];
  for (const symbol of checker.getPropertiesOfType(type)) {
    const name = symbol.getName();
    if (name === MARKER_PROPERTY) continue;
    // Symbol-keyed properties have internal names `__@name@id`; they cannot be serialized.
    if (name.startsWith('__@')) {
      context.report('symbolType', { type: `[${name.slice(3).replace(/@\d+$/, '')}]` }, scope.site);
      continue;
    }
    properties.push(convertProperty(context, symbol, scope));
  }
  let record: TypeNode | undefined;
  for (const info of checker.getIndexInfosOfType(type)) {
    if (info.keyType.flags & (F.Number | F.ESSymbol)) {
      context.report('numberKeys', { type: typeText(context, info.keyType) }, info.declaration ?? scope.site);
      continue;
    }
    const valueNode = info.declaration?.type;
    const sameValue = valueNode !== undefined && checker.getTypeFromTypeNode(valueNode) === info.type;
    const value = context.convertType(info.type, sameValue ? valueNode : undefined, scope);
    record = { kind: 'record', key: context.convertType(info.keyType, undefined, scope), value };
  }
  // A mapped type over a type parameter has no properties yet: an empty object would be a silent fallback.
  const mapped = ((type as TypeScript.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0;
  if (mapped && properties.length === 0 && record === undefined) {
    context.report(
      'unresolvableType',
      { type: typeText(context, type), reason: 'a mapped type over a type parameter' },
      scope.site,
    );
    return { kind: 'unknown' };
  }
  if (record === undefined) return { kind: 'object', properties };
  if (properties.length === 0) return record;
  context.report('mixedIndexSignature', { type: typeText(context, type) }, scope.site);
  return { kind: 'intersection', members: [{ kind: 'object', properties }, record] };
}
