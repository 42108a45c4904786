import { type TypeScript, ts } from './typescript.js';
import type { TypeNode } from '../model/contract-model.js';
import { convertObject } from './convert-object.js';
import type { ConvertScope } from './convert-scope.js';
import type { ExtractContext } from './extract-context.js';

const F = ts.TypeFlags;

/** A union member: its checker type and, when written out, its syntax. */
export interface UnionMember {
  readonly type: TypeScript.Type;
  readonly node: TypeScript.TypeNode | undefined;
}

/** The checker's "missing" type: the `undefined` an optional property carries, not a written one. */
function isMissing(checker: TypeScript.TypeChecker, member: UnionMember): boolean {
  return (
    member.node === undefined &&
    (member.type.flags & F.Undefined) !== 0 &&
    member.type !== checker.getUndefinedType()
  );
}

/** Converts union members in order, flattening nested unions, merging `true | false` and dropping "missing". */
export function convertUnionMembers(
  context: ExtractContext,
  members: readonly UnionMember[],
  scope: ConvertScope,
): TypeNode {
  const converted: TypeNode[] = [];
  for (const member of members) {
    if (isMissing(context.checker, member)) continue;
    const node = context.convertType(member.type, member.node, scope);
    if (node.kind === 'union') converted.push(...node.members);
    else converted.push(node);
  }
  const trueAt = converted.findIndex((m) => m.kind === 'literal' && m.value === true);
  const falseAt = converted.findIndex((m) => m.kind === 'literal' && m.value === false);
  if (trueAt >= 0 && falseAt >= 0) {
    converted[Math.min(trueAt, falseAt)] = { kind: 'boolean' };
    converted.splice(Math.max(trueAt, falseAt), 1);
  }
  const [only] = converted;
  if (converted.length === 1 && only) return only;
  return { kind: 'union', members: converted };
}

/** Union members, nested unions flattened (`boolean` stays whole). */
function flattenTypes(types: readonly TypeScript.Type[]): TypeScript.Type[] {
  return types.flatMap((t) => (t.isUnion() && !(t.flags & F.Boolean) ? flattenTypes(t.types) : [t]));
}

/** The value of a single string, number or boolean literal type. */
function literalValue(type: TypeScript.Type): string | number | boolean | undefined {
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
  if (type.flags & F.BooleanLiteral) return (type as { intrinsicName?: string }).intrinsicName === 'true';
  return undefined;
}

/** Finds a property that every member (all objects) has, required, with a distinct literal type. */
function findDiscriminant(
  checker: TypeScript.TypeChecker,
  types: readonly TypeScript.Type[],
): string | undefined {
  const [first] = types;
  if (!first || types.length < 2) return undefined;
  const objects = types.every(
    (t) => t.flags & (F.Object | F.Intersection) && !checker.isArrayType(t) && !checker.isTupleType(t),
  );
  if (!objects) return undefined;
  for (const candidate of checker.getPropertiesOfType(first)) {
    const name = candidate.getName();
    const seen = new Set<string | number | boolean>();
    const distinct = types.every((t) => {
      const property = checker.getPropertyOfType(t, name);
      if (!property || property.flags & ts.SymbolFlags.Optional) return false;
      const value = literalValue(checker.getTypeOfSymbol(property));
      if (value === undefined || seen.has(value)) return false;
      seen.add(value);
      return true;
    });
    if (distinct) return name;
  }
  return undefined;
}

/** Sets `discriminant` on a converted union when each of its members is one object with a distinct literal tag. */
export function withDiscriminant(
  context: ExtractContext,
  node: TypeNode,
  members: readonly UnionMember[],
  _scope: ConvertScope,
): TypeNode {
  if (node.kind !== 'union') return node;
  const types = flattenTypes(members.filter((m) => !isMissing(context.checker, m)).map((m) => m.type));
  if (types.length !== node.members.length) return node;
  const discriminant = findDiscriminant(context.checker, types);
  return discriminant === undefined ? node : { ...node, discriminant };
}

/** Types that can be the base of a brand. */
const PRIMITIVE = F.String | F.Number | F.Boolean | F.StringLiteral | F.NumberLiteral | F.BooleanLiteral;

/** Brand name of `{ __brand: 'X' }`-style members (all properties named `__...`, one string literal). */
function brandOf(checker: TypeScript.TypeChecker, objects: readonly TypeScript.Type[]): string | undefined {
  let brand: string | undefined;
  for (const object of objects) {
    for (const property of checker.getPropertiesOfType(object)) {
      if (!property.getName().startsWith('__')) return undefined;
      const type = checker.getTypeOfSymbol(property);
      if (type.isStringLiteral() && brand === undefined) brand = type.value;
    }
  }
  return brand;
}

/** An object type that can merge with others: no array, tuple, function or built-in. */
function isPlainObject(context: ExtractContext, type: TypeScript.Type): boolean {
  const { checker } = context;
  if (!(type.flags & F.Object) || checker.isArrayType(type) || checker.isTupleType(type)) return false;
  if (type.getCallSignatures().length > 0) return false;
  const declaration = type.getSymbol()?.declarations?.[0];
  return !declaration || !context.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
}

/** Converts an intersection: a branded primitive, a merged object, or an explicit intersection. */
export function convertIntersection(
  context: ExtractContext,
  type: TypeScript.IntersectionType,
  scope: ConvertScope,
): TypeNode {
  const { checker } = context;
  const primitives = type.types.filter((t) => t.flags & PRIMITIVE);
  const others = type.types.filter((t) => !(t.flags & PRIMITIVE));
  const [base] = primitives;
  if (base && primitives.length === 1) {
    const meaningful = others.filter((t) => checker.getPropertiesOfType(t).length > 0);
    const baseNode = context.convertType(base, undefined, scope);
    if (meaningful.length === 0) return baseNode;
    const brand = brandOf(checker, meaningful);
    if (brand !== undefined) return { kind: 'brand', base: baseNode, brand };
  }
  if (type.types.every((t) => isPlainObject(context, t))) return convertObject(context, type, scope);
  return { kind: 'intersection', members: type.types.map((t) => context.convertType(t, undefined, scope)) };
}
