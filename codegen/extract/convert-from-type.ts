import type { TupleElement, TypeNode } from '../model/contract-model.js';
import { convertIntersection, convertUnionMembers, withDiscriminant } from './convert-composite.js';
import { convertObject } from './convert-object.js';
import { type ConvertScope, withoutSelf } from './convert-scope.js';
import { type ExtractContext, typeText } from './extract-context.js';
import { namedDeclarationOf, refTo } from './named-ref.js';
import { readSchemaMarker } from './schema-marker.js';
import { type TypeScript, ts } from './typescript.js';

const UNKNOWN: TypeNode = { kind: 'unknown' };
const F = ts.TypeFlags;

/** True for the checker's error type (an unresolved name). */
export function isErrorType(type: TypeScript.Type): boolean {
  return (type.flags & F.Any) !== 0 && (type as { intrinsicName?: string }).intrinsicName === 'error';
}

/** Lib symbols recognised by name when declared in a default lib file. */
function libSymbolName(context: ExtractContext, type: TypeScript.Type): string | undefined {
  const symbol = type.getSymbol();
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration) return undefined;
  return context.program.isSourceFileDefaultLibrary(declaration.getSourceFile())
    ? symbol.getName()
    : undefined;
}

/** A type parameter: a `typeParam` node when in scope, else a diagnostic. */
export function convertTypeParameter(
  context: ExtractContext,
  name: string,
  node: TypeScript.Node,
  scope: ConvertScope,
): TypeNode {
  if (scope.typeParams.has(name)) return { kind: 'typeParam', name };
  context.report('genericMember', { name }, node);
  return UNKNOWN;
}

/** Converts a checker type with no syntax to follow. */
export function convertFromType(
  context: ExtractContext,
  type: TypeScript.Type,
  rootScope: ConvertScope,
): TypeNode {
  const flags = type.flags;
  const self = rootScope.self;
  const scope = self === undefined ? rootScope : withoutSelf(rootScope);
  if (isErrorType(type)) {
    context.report('unresolvedType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  if (flags & F.Any) {
    context.report('anyType', { where: '' }, scope.site);
    return UNKNOWN;
  }
  if (flags & F.Unknown) return UNKNOWN;
  if (flags & F.Never) {
    context.report('neverType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  if (flags & F.Void) {
    context.report('voidInPayload', {}, scope.site);
    return UNKNOWN;
  }
  // `boolean` is the union `true | false` to the checker: test it before unions and literals.
  if (flags & F.Boolean) return { kind: 'boolean' };
  // An enum type is a union of its member literals: keep it an enum, not a literal union.
  if (flags & F.EnumLiteral && flags & F.Union) return convertEnumType(context, type, rootScope);
  if (flags & F.StringLiteral)
    return { kind: 'literal', value: (type as TypeScript.StringLiteralType).value };
  if (flags & F.NumberLiteral)
    return { kind: 'literal', value: (type as TypeScript.NumberLiteralType).value };
  if (flags & F.BooleanLiteral)
    return { kind: 'literal', value: (type as { intrinsicName?: string }).intrinsicName === 'true' };
  if (flags & F.String) return { kind: 'string' };
  if (flags & F.Number) return { kind: 'number' };
  if (flags & F.Null) return { kind: 'null' };
  if (flags & F.Undefined) return { kind: 'undefined' };
  if (flags & (F.BigInt | F.BigIntLiteral)) {
    context.report('bigintType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  if (flags & (F.ESSymbol | F.UniqueESSymbol)) {
    context.report('symbolType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  if (flags & F.NonPrimitive) {
    context.report('objectKeyword', {}, scope.site);
    return UNKNOWN;
  }
  if (flags & F.TypeParameter)
    return convertTypeParameter(context, type.getSymbol()?.getName() ?? '?', scope.site, scope);
  if (flags & F.TemplateLiteral)
    return convertTemplate(context, type as TypeScript.TemplateLiteralType, scope);
  // An alias of a project type (a union, an intersection) keeps its name as a ref.
  const alias = type.aliasSymbol ? namedDeclarationOf(context, type.aliasSymbol) : undefined;
  if (alias && alias !== self && !ts.isEnumDeclaration(alias)) {
    const args = (type.aliasTypeArguments ?? []).map((arg) => context.convertType(arg, undefined, scope));
    return refTo(context, alias, args);
  }
  if (flags & F.Union) {
    const members = (type as TypeScript.UnionType).types.map((member) => ({ type: member, node: undefined }));
    return withDiscriminant(context, convertUnionMembers(context, members, scope), members, scope);
  }
  if (flags & F.Intersection) return convertIntersection(context, type as TypeScript.IntersectionType, scope);
  if (flags & F.Object) return convertObjectType(context, type, rootScope);
  // What remains (conditional, indexed access or keyof over type parameters) has no concrete shape.
  const reason = flags & (F.Conditional | F.Substitution) ? 'a conditional type' : 'not a data type';
  context.report('unresolvableType', { type: typeText(context, type), reason }, scope.site);
  return UNKNOWN;
}

/** An enum type: a ref when the enum is a project declaration, else its members inline. */
function convertEnumType(context: ExtractContext, type: TypeScript.Type, scope: ConvertScope): TypeNode {
  const symbol = type.getSymbol();
  const declaration = symbol ? namedDeclarationOf(context, symbol) : undefined;
  if (declaration && declaration !== scope.self) return refTo(context, declaration, []);
  // Only reached for enums outside the project (node_modules): inline their members.
  const members = (type as TypeScript.UnionType).types.map((member) => ({
    name: member.getSymbol()?.getName() ?? '',
    value: (member as TypeScript.LiteralType).value as string | number,
  }));
  return { kind: 'enum', name: symbol?.getName() ?? '', members };
}

/** A template literal type: its literal texts and holes, in order, empty texts left out. */
function convertTemplate(
  context: ExtractContext,
  type: TypeScript.TemplateLiteralType,
  scope: ConvertScope,
): TypeNode {
  const parts: (string | TypeNode)[] = [];
  type.texts.forEach((text, i) => {
    if (text !== '') parts.push(text);
    const hole = type.types[i];
    if (hole) parts.push(context.convertType(hole, undefined, scope));
  });
  return { kind: 'template', parts };
}

/** Built-ins whose name the diagnostic shows as written (others show the checker's text). */
const UNSUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'ReadonlyMap',
  'ReadonlySet',
]);

/**
 * An object type without syntax: schema markers and built-ins first (they are objects too), then named
 * project types as refs, arrays, tuples, and finally a structural object.
 */
function convertObjectType(
  context: ExtractContext,
  type: TypeScript.Type,
  rootScope: ConvertScope,
): TypeNode {
  const { checker } = context;
  const self = rootScope.self;
  const scope = self === undefined ? rootScope : withoutSelf(rootScope);
  const marker = readSchemaMarker(checker, type);
  if (marker) {
    if (marker.kind === 'progress') context.report('misplacedProgress', {}, scope.site);
    else if (marker.kind === 'stream') context.report('misplacedStream', {}, scope.site);
    else
      context.report(
        'unsupportedType',
        { type: typeText(context, type), reason: `a ${marker.kind} contract is not a payload` },
        scope.site,
      );
    return UNKNOWN;
  }
  const symbol = type.getSymbol();
  const declaration = symbol ? namedDeclarationOf(context, symbol) : undefined;
  if (declaration && declaration !== self) {
    const count = ts.isInterfaceDeclaration(declaration) ? (declaration.typeParameters?.length ?? 0) : 0;
    const args =
      count === 0 ? [] : checker.getTypeArguments(type as TypeScript.TypeReference).slice(0, count);
    return refTo(
      context,
      declaration,
      args.map((arg) => context.convertType(arg, undefined, scope)),
    );
  }
  if (checker.isArrayType(type)) {
    const [arg] = checker.getTypeArguments(type as TypeScript.TypeReference);
    const element = arg ? context.convertType(arg, undefined, scope) : UNKNOWN;
    const readonly = (type as TypeScript.TypeReference).target.getSymbol()?.getName() === 'ReadonlyArray';
    return readonly ? { kind: 'array', element, readonly } : { kind: 'array', element };
  }
  if (checker.isTupleType(type)) return convertTupleType(context, type as TypeScript.TypeReference, scope);
  // Built-ins are recognised by their lib declaration, so a user's own `Date` is an ordinary type.
  const lib = libSymbolName(context, type);
  if (lib !== undefined && symbol && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) {
    if (lib === 'Date') return { kind: 'date' };
    if (lib === 'Uint8Array') return { kind: 'binary' };
    if (lib === 'Promise' || lib === 'PromiseLike') {
      context.report('promiseInPayload', { type: typeText(context, type) }, scope.site);
    } else {
      const name = UNSUPPORTED_BUILTINS.has(lib) ? lib : typeText(context, type);
      context.report('unsupportedBuiltin', { type: name }, scope.site);
    }
    return UNKNOWN;
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Class) {
    context.report('classType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    context.report('functionType', { type: typeText(context, type) }, scope.site);
    return UNKNOWN;
  }
  // Recursion is only representable through named types (refs); an anonymous cycle would never end.
  if (context.objectStack.has(type)) {
    context.report(
      'unsupportedType',
      { type: typeText(context, type), reason: 'it is recursive but has no name in a schema file' },
      scope.site,
    );
    return UNKNOWN;
  }
  context.objectStack.add(type);
  try {
    return convertObject(context, type, scope);
  } finally {
    context.objectStack.delete(type);
  }
}

/** A tuple type from the checker: element flags give optional and rest, labels give names. */
function convertTupleType(
  context: ExtractContext,
  type: TypeScript.TypeReference,
  scope: ConvertScope,
): TypeNode {
  const target = type.target as TypeScript.TupleType;
  const args = context.checker.getTypeArguments(type);
  const elements = args.map((arg, i): TupleElement => {
    const flags = target.elementFlags[i] ?? ts.ElementFlags.Required;
    const label = target.labeledElementDeclarations?.[i];
    const element = {
      type: context.convertType(arg, undefined, scope),
      optional: (flags & ts.ElementFlags.Optional) !== 0,
      rest: (flags & ts.ElementFlags.Variable) !== 0,
    };
    return label && ts.isIdentifier(label.name) ? { ...element, name: label.name.text } : element;
  });
  return target.readonly ? { kind: 'tuple', elements, readonly: true } : { kind: 'tuple', elements };
}
