import type { TupleElement, TypeNode } from '../model/contract-model.js';
import { convertUnionMembers, withDiscriminant } from './convert-composite.js';
import { convertFromType, convertTypeParameter, isErrorType } from './convert-from-type.js';
import { type ConvertScope, withoutSelf } from './convert-scope.js';
import { type ExtractContext, typeText } from './extract-context.js';
import { type NamedDeclaration, namedDeclarationOf, refTo } from './named-ref.js';
import { type TypeScript, ts } from './typescript.js';

const UNKNOWN: TypeNode = { kind: 'unknown' };
const F = ts.TypeFlags;
/**
 * Converts a checker type into a model TypeNode. `node` is the syntax the type was written with, when
 * known: following it keeps union order, refs to named types and tuple labels as written. The
 * converters of parts (objects, unions, intersections, types without syntax) recurse into it through
 * `context.convertType`, so none of them imports this module.
 */
export function convertType(
  context: ExtractContext,
  type: TypeScript.Type,
  node: TypeScript.TypeNode | undefined,
  scope: ConvertScope,
): TypeNode {
  if (isErrorType(type)) {
    context.report(
      'unresolvedType',
      { type: node ? node.getText() : typeText(context, type) },
      node ?? scope.site,
    );
    return UNKNOWN;
  }
  if (node === undefined) return convertFromType(context, type, scope);
  const { checker } = context;
  // Children are never the named declaration itself; most scopes have no `self`, so reuse them as they are.
  const inner = scope.self === undefined ? scope : withoutSelf(scope);
  const child = (childNode: TypeScript.TypeNode): TypeNode =>
    convertType(context, checker.getTypeFromTypeNode(childNode), childNode, inner);
  switch (node.kind) {
    case ts.SyntaxKind.ParenthesizedType:
      return child((node as TypeScript.ParenthesizedTypeNode).type);
    case ts.SyntaxKind.ArrayType:
      return { kind: 'array', element: child((node as TypeScript.ArrayTypeNode).elementType) };
    case ts.SyntaxKind.TypeOperator: {
      const operator = node as TypeScript.TypeOperatorNode;
      if (operator.operator !== ts.SyntaxKind.ReadonlyKeyword) return convertFromType(context, type, scope);
      const converted = child(operator.type);
      return converted.kind === 'array' || converted.kind === 'tuple'
        ? { ...converted, readonly: true }
        : converted;
    }
    case ts.SyntaxKind.UnionType: {
      const members = (node as TypeScript.UnionTypeNode).types.map((member) => ({
        type: checker.getTypeFromTypeNode(member),
        node: member as TypeScript.TypeNode | undefined,
      }));
      return withDiscriminant(context, convertUnionMembers(context, members, inner), members, inner);
    }
    case ts.SyntaxKind.TupleType:
      return convertTupleNode(context, node as TypeScript.TupleTypeNode, inner);
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
      context.report('functionType', { type: node.getText() }, node);
      return UNKNOWN;
    case ts.SyntaxKind.TypeReference:
      return convertReference(context, type, node as TypeScript.TypeReferenceNode, scope, inner);
    default:
      return convertFromType(context, type, ts.isTypeLiteralNode(node) ? { ...scope, site: node } : scope);
  }
}

/**
 * A type reference: a type parameter, a named project type (a ref with its written arguments), or a lib
 * generic whose arguments are worth following (`Array`, `ReadonlyArray`, `Record`); anything else is
 * resolved through the checker.
 */
function convertReference(
  context: ExtractContext,
  type: TypeScript.Type,
  node: TypeScript.TypeReferenceNode,
  scope: ConvertScope,
  inner: ConvertScope,
): TypeNode {
  const { checker } = context;
  let symbol = checker.getSymbolAtLocation(node.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (!symbol) return convertFromType(context, type, scope);
  if (symbol.flags & ts.SymbolFlags.TypeParameter)
    return convertTypeParameter(context, symbol.getName(), node, scope);
  const args = node.typeArguments ?? [];
  const declaration = namedDeclarationOf(context, symbol);
  if (declaration && declaration !== scope.self) {
    const nodeArgs = args.map((arg) => convertType(context, checker.getTypeFromTypeNode(arg), arg, inner));
    return refTo(context, declaration, completeTypeArgs(context, declaration, type, nodeArgs, inner));
  }
  const name = context.program.isSourceFileDefaultLibrary(
    symbol.declarations?.[0]?.getSourceFile() ?? node.getSourceFile(),
  )
    ? symbol.getName()
    : undefined;
  const [first, second] = args;
  if ((name === 'Array' || name === 'ReadonlyArray') && first) {
    const element = convertType(context, checker.getTypeFromTypeNode(first), first, inner);
    return name === 'Array' ? { kind: 'array', element } : { kind: 'array', element, readonly: true };
  }
  if (name === 'Record' && first && second) {
    const key = convertType(context, checker.getTypeFromTypeNode(first), first, inner);
    return {
      kind: 'record',
      key,
      value: convertType(context, checker.getTypeFromTypeNode(second), second, inner),
    };
  }
  return convertFromType(context, type, scope);
}

/** Fills type arguments left to defaults from what the checker resolved. */
function completeTypeArgs(
  context: ExtractContext,
  declaration: NamedDeclaration,
  type: TypeScript.Type,
  given: TypeNode[],
  scope: ConvertScope,
): TypeNode[] {
  const count = ts.isEnumDeclaration(declaration) ? 0 : (declaration.typeParameters?.length ?? 0);
  if (given.length >= count) return given;
  const resolved =
    type.aliasTypeArguments ??
    (type.flags & F.Object
      ? context.checker.getTypeArguments(type as TypeScript.TypeReference)
      : undefined) ??
    [];
  const result = [...given];
  for (let i = given.length; i < count; i++) {
    const arg = resolved[i];
    result.push(arg ? convertType(context, arg, undefined, scope) : UNKNOWN);
  }
  return result;
}

/** A written tuple: labels, `?` and `...` are read from the syntax. */
function convertTupleNode(
  context: ExtractContext,
  node: TypeScript.TupleTypeNode,
  scope: ConvertScope,
): TypeNode {
  const { checker } = context;
  const elements: TupleElement[] = node.elements.map((element) => {
    let inner: TypeScript.TypeNode = element;
    let name: string | undefined;
    let optional = false;
    let rest = false;
    if (ts.isNamedTupleMember(element)) {
      name = element.name.text;
      optional = element.questionToken !== undefined;
      rest = element.dotDotDotToken !== undefined;
      inner = element.type;
    }
    if (ts.isOptionalTypeNode(inner)) {
      optional = true;
      inner = inner.type;
    }
    if (ts.isRestTypeNode(inner)) {
      rest = true;
      inner = inner.type;
    }
    // A rest element's model type is the element type: `...number[]` -> number.
    if (rest && ts.isArrayTypeNode(inner)) inner = inner.elementType;
    const type = convertType(context, checker.getTypeFromTypeNode(inner), inner, scope);
    return name === undefined ? { type, optional, rest } : { type, optional, rest, name };
  });
  return { kind: 'tuple', elements };
}
