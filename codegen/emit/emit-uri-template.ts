import type { UriTemplateModel } from '../model/contract-model.js';
import { propertyKey, safeIdentifier, stringLiteral } from './identifiers.js';
import { type ExprContext, lazyIfCyclic, spaced, tsType } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';

/** What generated code needs of a URI template: parameters, the components' object type and their validators. */
export interface TemplateView {
  /** Parameter names of the components, in template order. */
  readonly names: readonly string[];
  /** `roomId: RoomId` for each component, in template order. */
  readonly params: readonly string[];
  /** The components as handlers receive them: `{ readonly roomId: RoomId }`. */
  readonly recordType: string;
  /** The contract's `components` array: name, validator, and `numeric` for number components. */
  readonly contract: string;
}

/** The emitted view of a template, or undefined for a plain URI. */
export function templateView(
  template: UriTemplateModel | undefined,
  ctx: ExprContext,
  scope: ZodScope,
): TemplateView | undefined {
  if (template === undefined) return undefined;
  const names = template.components.map((c) => safeIdentifier(c.name));
  const types = template.components.map((c) => tsType(c.type, ctx, '  '));
  const entries = template.components.map((c) => {
    const schema = lazyIfCyclic(zodExpr(c.type, ctx, scope, c.constraints), [c.type], ctx);
    return `{ name: ${stringLiteral(c.name)}, schema: ${schema}${c.numeric ? ', numeric: true' : ''} }`;
  });
  const fields = template.components.map((c, i) => `readonly ${propertyKey(c.name)}:${spaced(types[i]!)}`);
  return {
    names,
    params: names.map((n, i) => `${n}:${spaced(types[i]!)}`),
    recordType: `{ ${fields.join('; ')} }`,
    contract: `[${entries.join(', ')}]`,
  };
}

/** `base`, or a variant of it that no component uses (a component may be named `payload` or `options`). */
export function freeName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}${i}`;
  return name;
}
