import type { PropertyModel, TypeNode } from '../../../../codegen/model/contract-model.js';

/** Terse builders for expected models in tests. */
export const S: TypeNode = { kind: 'string' };
export const N: TypeNode = { kind: 'number' };
export const B: TypeNode = { kind: 'boolean' };
export const NULL: TypeNode = { kind: 'null' };
export const UNDEFINED: TypeNode = { kind: 'undefined' };
export const VOID: TypeNode = { kind: 'void' };

export const lit = (value: string | number | boolean): TypeNode => ({ kind: 'literal', value });
export const arr = (element: TypeNode): TypeNode => ({ kind: 'array', element });
export const union = (...members: TypeNode[]): TypeNode => ({ kind: 'union', members });
export const obj = (...properties: PropertyModel[]): TypeNode => ({ kind: 'object', properties });
export const prop = (name: string, type: TypeNode, extra: Partial<PropertyModel> = {}): PropertyModel => ({
  name,
  type,
  optional: false,
  ...extra,
});
export const opt = (name: string, type: TypeNode, extra: Partial<PropertyModel> = {}): PropertyModel => ({
  name,
  type,
  optional: true,
  ...extra,
});

/** A ref to a named type of `test/fixtures/schemas/<file>.ts`. */
export const ref = (file: string, name: string, typeArgs: TypeNode[] = []): TypeNode => ({
  kind: 'ref',
  name,
  file: `test/fixtures/schemas/${file}.ts`,
  typeArgs,
});
