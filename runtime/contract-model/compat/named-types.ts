import type { Constraints, ContractModel, NamedTypeModel, TypeNode } from '../contract-model.js';

/** The named types of one model version, by file and name. */
export type NamedTypes = ReadonlyMap<string, NamedTypeModel>;

/** The key of a named type in {@link NamedTypes}. */
export function namedKey(file: string, name: string): string {
  return `${file}#${name}`;
}

/** Indexes every named type of a model by file and name. */
export function indexNamedTypes(model: ContractModel): NamedTypes {
  const out = new Map<string, NamedTypeModel>();
  for (const file of model.files)
    for (const type of file.types) out.set(namedKey(file.path, type.name), type);
  return out;
}

/** A ref resolved to its body (type arguments substituted) and the named type's constraints. */
export interface ResolvedRef {
  readonly type: TypeNode;
  readonly constraints: Constraints | undefined;
}

/** Resolves a `ref` node to its body, or undefined when the model does not declare it. */
export function resolveRef(
  node: Extract<TypeNode, { kind: 'ref' }>,
  types: NamedTypes,
): ResolvedRef | undefined {
  const named = types.get(namedKey(node.file, node.name));
  if (named === undefined) return undefined;
  const args = new Map<string, TypeNode>();
  named.typeParams.forEach((param, i) => {
    const arg = node.typeArgs[i];
    if (arg !== undefined) args.set(param, arg);
  });
  return {
    type: args.size === 0 ? named.type : substitute(named.type, args),
    constraints: named.constraints,
  };
}

// Replaces type parameters by their arguments; node kinds this file does not know are kept as they are.
function substitute(node: TypeNode, args: ReadonlyMap<string, TypeNode>): TypeNode {
  const sub = (n: TypeNode): TypeNode => substitute(n, args);
  switch (node.kind) {
    case 'typeParam':
      return args.get(node.name) ?? node;
    case 'array':
      return { ...node, element: sub(node.element) };
    case 'tuple':
      return { ...node, elements: node.elements.map((e) => ({ ...e, type: sub(e.type) })) };
    case 'object':
      return { ...node, properties: node.properties.map((p) => ({ ...p, type: sub(p.type) })) };
    case 'record':
      return { ...node, key: sub(node.key), value: sub(node.value) };
    case 'union':
    case 'intersection':
      return { ...node, members: node.members.map(sub) } as TypeNode;
    case 'ref':
      return { ...node, typeArgs: node.typeArgs.map(sub) };
    case 'brand':
      return { ...node, base: sub(node.base) };
    case 'template':
      return { ...node, parts: node.parts.map((p) => (typeof p === 'string' ? p : sub(p))) };
    default:
      return node;
  }
}

/** A short, readable name of a type for messages, e.g. `string`, `'a'`, `Point`, `array`. */
export function describeType(node: TypeNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'ref':
      return node.typeArgs.length === 0
        ? node.name
        : `${node.name}<${node.typeArgs.map(describeType).join(', ')}>`;
    case 'enum':
      return `enum ${node.name}`;
    case 'brand':
      return `${describeType(node.base)} (brand ${node.brand})`;
    case 'union':
      return node.members.map(describeType).join(' | ');
    case 'array':
      return `${describeType(node.element)}[]`;
    case 'typeParam':
      return node.name;
    default:
      return (node as { kind: string }).kind;
  }
}

/** Canonical JSON (sorted keys, `omit` keys left out) of plain data, for equality of nodes this code may not know. */
export function canonicalJson(
  value: unknown,
  omit: readonly string[] = [],
  normalize: (value: object) => object = (v) => v,
): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(normalize(v))
            .filter(([k]) => !omit.includes(k))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
