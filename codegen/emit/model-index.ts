import type { ContractModel, NamedTypeModel, TypeNode } from '../model/contract-model.js';
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

  const hasCodec = (node: TypeNode): boolean => {
    switch (node.kind) {
      case 'date':
        return true;
      case 'array':
        return hasCodec(node.element);
      case 'tuple':
        return node.elements.some((e) => hasCodec(e.type));
      case 'object':
        return node.properties.some((p) => hasCodec(p.type));
      case 'record':
        return hasCodec(node.value);
      case 'union':
      case 'intersection':
        return node.members.some(hasCodec);
      case 'brand':
        return hasCodec(node.base);
      case 'ref': {
        if (node.typeArgs.some(hasCodec)) return true;
        const key = typeKey(node.file, node.name);
        const known = codecMemo.get(key);
        if (known !== undefined) return known;
        // Provisionally false, so that a cycle terminates; a Date anywhere in it still sets it true.
        codecMemo.set(key, false);
        const named = types.get(key);
        const result = named !== undefined && hasCodec(named.type);
        codecMemo.set(key, result);
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

  return { types, recursive, hasCodec, isObject: (node) => isObject(node) };
}
