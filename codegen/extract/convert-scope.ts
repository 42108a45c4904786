import type { NamedDeclaration } from './named-registry.js';
import type { TypeScript } from './typescript.js';

/** Where a conversion happens: the node diagnostics point at and the type parameters in scope. */
export interface ConvertScope {
  readonly site: TypeScript.Node;
  readonly typeParams: ReadonlySet<string>;
  /** The named declaration being converted: not turned into a ref to itself at its root. */
  readonly self?: NamedDeclaration;
}

/** The scope without its `self` declaration. */
export function withoutSelf(scope: ConvertScope): ConvertScope {
  const { self: _self, ...rest } = scope;
  return rest;
}
