import type { ContractModel, NamedTypeModel, TypeNode } from '../model/contract-model.js';
import { moduleCycles } from './module-cycles.js';
import { typeKey } from './type-expr.js';

/** Lookups over a whole model that several emit steps need. */
export interface ModelIndex {
  /** Named types by `file#name`. */
  readonly types: ReadonlyMap<string, NamedTypeModel>;
  /** `file#name` of named types in a reference cycle. */
  readonly recursive: ReadonlySet<string>;
  /** True when validating `node` involves a codec (a Date), following references. */
  hasCodec(node: TypeNode): boolean;
  /** True when `node` is an object at run time (so an error payload of this type travels as ArgumentsKw). */
  isObject(node: TypeNode): boolean;
  /** True when the generated modules of schema files `a` and `b` (a != b) import each other, directly or not. */
  sameCycle(a: string, b: string): boolean;
}

/** Builds the {@link ModelIndex} of `model`. */
export function createModelIndex(model: ContractModel): ModelIndex {
  const types = new Map<string, NamedTypeModel>();
  const recursive = new Set<string>();
  for (const file of model.files) {
    for (const type of file.types) {
      const key = typeKey(file.path, type.name);
      types.set(key, type);
      if (type.recursive) recursive.add(key);
    }
  }
  const codecMemo = new Map<string, boolean>();

  // `seen`: named types already entered by the current walk. Answers never depend on query order.
  const hasCodec = (node: TypeNode, seen?: Set<string>): boolean => {
    switch (node.kind) {
      case 'date':
        return true;
      case 'array':
        return hasCodec(node.element, seen);
      case 'tuple':
        return node.elements.some((e) => hasCodec(e.type, seen));
      case 'object':
        return node.properties.some((p) => hasCodec(p.type, seen));
      case 'record':
        return hasCodec(node.value, seen);
      case 'union':
      case 'intersection':
        return node.members.some((m) => hasCodec(m, seen));
      case 'brand':
        return hasCodec(node.base, seen);
      case 'ref': {
        if (node.typeArgs.some((a) => hasCodec(a, seen))) return true;
        const key = typeKey(node.file, node.name);
        const known = codecMemo.get(key);
        if (known !== undefined) return known;
        // A type entered earlier in this walk is being answered by that visit, so a cycle stops here.
        if (seen?.has(key)) return false;
        const named = types.get(key);
        if (named === undefined) return false;
        const walk = seen ?? new Set<string>();
        walk.add(key);
        const result = hasCodec(named.type, walk);
        // True is final; false is only final for the walk's start, which reached everything the others reach.
        if (result) codecMemo.set(key, true);
        else if (seen === undefined) for (const entered of walk) codecMemo.set(entered, false);
        return result;
      }
      default:
        return false;
    }
  };

  const isObject = (node: TypeNode, seen = new Set<string>()): boolean => {
    if (node.kind === 'object' || node.kind === 'record' || node.kind === 'intersection') return true;
    if (node.kind !== 'ref') return false;
    const key = typeKey(node.file, node.name);
    if (seen.has(key)) return false;
    seen.add(key);
    const named = types.get(key);
    return named !== undefined && isObject(named.type, seen);
  };

  const cycles = moduleCycles(model);
  const sameCycle = (a: string, b: string): boolean =>
    a !== b && cycles.get(a) !== undefined && cycles.get(a) === cycles.get(b);

  return {
    types,
    recursive,
    hasCodec: (node) => hasCodec(node),
    isObject: (node) => isObject(node),
    sameCycle,
  };
}
