import type { ErrorModel } from '../model/contract-model.js';
import { stringLiteral } from './identifiers.js';
import { type Emitted, typeExport, valueExport } from './emitted.js';
import { renderJsDoc } from './jsdoc.js';
import type { ModelIndex } from './model-index.js';
import { docRef, templates } from './render.js';
import { type ExprContext, lazyIfCyclic, tsType, useZ } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';

/** The class name generated for error type `name` (`UnknownCity` -> `UnknownCityError`). */
export function errorClassName(name: string): string {
  return name.endsWith('Error') ? name : `${name}Error`;
}

/** Renders a typed error class (and its payload type and validator), registered for its URI. */
export function emitErrorClass(error: ErrorModel, ctx: ExprContext, index: ModelIndex): Emitted {
  const className = errorClassName(error.name);
  const payloadName = `${error.name}Payload`;
  const scope: ZodScope = { typeParams: new Map(), indent: '' };
  ctx.imports.value(ctx.runtime, 'ContractError');
  ctx.imports.value(ctx.runtime, 'registerContractError');
  const placement = error.payload === undefined ? 'none' : index.isObject(error.payload) ? 'kwargs' : 'args';
  if (error.payload !== undefined) useZ(ctx);
  const text = templates.error({
    doc: renderJsDoc(error.docs, '', [`Error URI \`${error.uri}\`.`]),
    className,
    uri: stringLiteral(error.uri),
    placement: stringLiteral(placement),
    payloadType: error.payload === undefined ? '' : tsType(error.payload, ctx),
    payloadDoc: `/** Payload of ${docRef(className)}. */\n`,
    payloadName,
    payloadSchema: `${payloadName}Schema`,
    payloadValidator:
      error.payload === undefined
        ? ''
        : lazyIfCyclic(zodExpr(error.payload, ctx, scope), [error.payload], ctx),
  });
  const payload =
    error.payload === undefined ? [] : [typeExport(payloadName), valueExport(`${payloadName}Schema`)];
  return { text, exports: [...payload, valueExport(className)] };
}
