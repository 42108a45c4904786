import type { ParamModel, ProcedureModel, ServiceModel, TypeNode } from '../model/contract-model.js';
import { errorClassName } from './emit-error-class.js';
import { type Emitted, typeExport, valueExport } from './emitted.js';
import { propertyKey, safeIdentifier, stringLiteral } from './identifiers.js';
import { renderJsDoc } from './jsdoc.js';
import type { ModelIndex } from './model-index.js';
import { docRef, templates } from './render.js';
import { type ExprContext, lazyIfCyclic, spaced, tsType, useZ } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';
import { templateView } from './emit-uri-template.js';

/** Client-side validation defaults written into generated constructors. */
export interface ClientDefaults {
  readonly validateArgs: boolean;
  readonly validateResults: boolean;
}

/** Renders a service: its runtime description, `<Name>Client` caller proxy and `<Name>Callee` base class. */
export function emitService(
  service: ServiceModel,
  ctx: ExprContext,
  index: ModelIndex,
  defaults: ClientDefaults,
  modelModule: string,
): Emitted {
  for (const name of ['ContractClient', 'ContractCallee']) ctx.imports.value(ctx.runtime, name);
  for (const name of ['ClientOptions', 'SessionApi']) ctx.imports.type(ctx.runtime, name);
  useZ(ctx);
  const procedures = service.procedures.map((p) => procedureView(p, ctx, index));
  const templated = service.procedures.some((p) => p.uriTemplate !== undefined);
  if (templated) ctx.imports.value(ctx.runtime, 'createUriTemplate');
  const contractName = `${service.name}Contract`;
  const rpcName = `${service.name}Rpc`;
  const clientName = `${service.name}Client`;
  const calleeName = `${service.name}Callee`;
  const text = templates.service({
    contractName,
    clientName,
    calleeName,
    rpcName,
    nameLiteral: stringLiteral(service.name),
    prefix: stringLiteral(service.prefix),
    file: stringLiteral(ctx.file),
    modelModule: stringLiteral(modelModule),
    templated,
    doc: renderJsDoc(service.docs, '', [
      `Procedures of \`${service.prefix}\`, as called through ${docRef(`${service.name}Client`)}.`,
    ]),
    classDoc: renderJsDoc(service.docs, '', [
      `Typed caller proxy of \`${service.prefix}\`: \`new ${service.name}Client(session).rpc.<procedure>(...args, options?)\`.`,
    ]),
    calleeDoc: renderJsDoc(service.docs, '', [
      `Callee base of \`${service.prefix}\`: extend it, implement every method, then \`await impl.register(session)\`.`,
    ]),
    clientDefaults: clientDefaults(defaults),
    procedures,
  });
  return {
    text,
    exports: [
      valueExport(contractName),
      typeExport(rpcName),
      valueExport(clientName),
      valueExport(calleeName),
    ],
  };
}

function clientDefaults(defaults: ClientDefaults): string {
  const parts: string[] = [];
  if (!defaults.validateArgs) parts.push('validateArgs: false, ');
  if (!defaults.validateResults) parts.push('validateResults: false, ');
  return parts.join('');
}

/** Members of `ContractCallee` a procedure method must not override. */
const CALLEE_MEMBERS = new Set(['register', 'unregister', 'contract', 'constructor']);

/** The callee method name of a procedure: its own name, unless that is a member of the callee base class. */
export function calleeMethodName(name: string): string {
  return CALLEE_MEMBERS.has(name) ? `${name}Procedure` : name;
}

function procedureView(procedure: ProcedureModel, ctx: ExprContext, index: ModelIndex) {
  const scope: ZodScope = { typeParams: new Map(), indent: '      ' };
  const names = procedure.params.map((p) => safeIdentifier(p.name));
  const input = procedure.input;
  const inputName = input === undefined ? undefined : safeIdentifier(input.name);
  if (inputName !== undefined) names.push(inputName);
  // URI components are the leading parameters of both the client method and the callee method.
  const template = templateView(procedure.uriTemplate, ctx, scope);
  const componentParams = template?.params ?? [];
  const allNames = [...(template?.names ?? []), ...names];
  // The trailing options/context parameters must not shadow a declared parameter.
  const optionsName = allNames.includes('options') ? 'callOptions' : 'options';
  const contextName = allNames.includes('context') ? 'invocation' : 'context';
  const classes = procedure.throws.map((t) => {
    const cls = errorClassName(t.name);
    // A value import: loading this module must register the error classes its procedures throw.
    if (t.file !== ctx.file) ctx.imports.value(ctx.moduleFor(t.file), cls);
    return cls;
  });
  const throws = classes.map((cls) => `@throws ${docRef(cls)}`);
  const described = [
    ...(procedure.uriTemplate?.components ?? []),
    ...procedure.params,
    ...(input ? [input] : []),
  ];
  const paramDocs = described.flatMap((p, i) =>
    p.docs?.description ? [`@param ${allNames[i]} ${p.docs.description.replace(/\s*\n\s*/g, ' ')}`] : [],
  );
  const result = procedure.result.kind === 'void' ? undefined : procedure.result;
  const resultType = result === undefined ? 'void' : tsType(result, ctx, '  ');
  const progressType = procedure.progress === undefined ? undefined : tsType(procedure.progress, ctx, '  ');
  if (progressType !== undefined) ctx.imports.type(ctx.runtime, 'ProgressiveResult');
  ctx.imports.type(ctx.runtime, 'InvocationContext');
  ctx.imports.type(ctx.runtime, 'CallOptions');
  const clientParams = procedure.params.map(
    (p, i) => `${names[i]}${p.optional ? '?' : ''}:${spaced(tsType(p.type, ctx, '  '))}`,
  );
  const calleeParams = procedure.params.map(
    (p, i) => `${names[i]}:${spaced(tsType(p.type, ctx, '  '))}${p.optional ? ' | undefined' : ''}`,
  );
  // A `Stream<Chunk>` parameter: any (async) iterable on the caller, an async iterable on the callee.
  const chunkType = input === undefined ? undefined : tsType(input.type, ctx, '  ');
  if (chunkType !== undefined) {
    clientParams.push(`${inputName}: AsyncIterable<${chunkType}> | Iterable<${chunkType}>`);
    calleeParams.push(`${inputName}: AsyncIterable<${chunkType}>`);
  }
  const codec =
    procedure.params.some((p) => index.hasCodec(p.type)) ||
    (result !== undefined && index.hasCodec(result)) ||
    (procedure.progress !== undefined && index.hasCodec(procedure.progress)) ||
    (input !== undefined && index.hasCodec(input.type));
  return {
    method: propertyKey(procedure.name),
    calleeMethod: propertyKey(calleeMethodName(procedure.name)),
    calleeMethodField:
      calleeMethodName(procedure.name) === procedure.name
        ? ''
        : stringLiteral(calleeMethodName(procedure.name)),
    nameLiteral: stringLiteral(procedure.name),
    uri: stringLiteral(procedure.uri),
    components: template?.contract ?? '',
    paramCount: procedure.params.length,
    kwargs: procedure.kwargs,
    // Contracts are built when the module loads: what comes from a module of its import cycle is read lazily.
    argsValidator: lazyIfCyclic(
      argsValidator(procedure, ctx, scope),
      procedure.params.map((p) => p.type),
      ctx,
    ),
    resultValidator: result === undefined ? '' : lazyIfCyclic(zodExpr(result, ctx, scope), [result], ctx),
    progressValidator:
      procedure.progress === undefined
        ? ''
        : lazyIfCyclic(zodExpr(procedure.progress, ctx, scope), [procedure.progress], ctx),
    inputValidator:
      input === undefined
        ? ''
        : lazyIfCyclic(zodExpr(input.type, ctx, scope, input.constraints), [input.type], ctx),
    codec,
    errors: classes.length === 0 ? '' : `[${classes.join(', ')}]`,
    errorsGetter: procedure.throws.some((t) => ctx.cyclic(t.file)),
    doc: renderJsDoc(procedure.docs, '  ', [uriDoc(procedure), ...paramDocs, ...throws]),
    clientParams: [...componentParams, ...clientParams, `${optionsName}?: CallOptions`].join(', '),
    clientReturn:
      progressType === undefined
        ? `Promise<${resultType}>`
        : `ProgressiveResult<${progressType}, ${resultType}>`,
    calleeParams: [...componentParams, ...calleeParams, `${contextName}: InvocationContext`].join(', '),
    calleeReturn:
      progressType === undefined
        ? `${wrapUnion(result, resultType)} | Promise<${resultType}>`
        : `AsyncGenerator<${progressType}, ${resultType}, undefined>`,
  };
}

function uriDoc(procedure: ProcedureModel): string {
  if (procedure.uriTemplate === undefined) return `URI \`${procedure.uri}\`.`;
  const names = procedure.uriTemplate.components.map((c) => `\`${c.name}\``).join(', ');
  return `URI \`${procedure.uri}\` (components ${names} come first; the callee registers one wildcard for all).`;
}

function wrapUnion(node: TypeNode | undefined, text: string): string {
  return node?.kind === 'union' ? `(${text})` : text;
}

// Positional parameters are checked as one tuple; a `@kwargs` procedure checks its one object parameter.
function argsValidator(procedure: ProcedureModel, ctx: ExprContext, scope: ZodScope): string {
  if (procedure.kwargs && procedure.params[0] !== undefined)
    return paramExpr(procedure.params[0], ctx, scope, false);
  const items = procedure.params.map((p) => paramExpr(p, ctx, scope, p.optional));
  return `z.tuple([${items.join(', ')}])`;
}

function paramExpr(param: ParamModel, ctx: ExprContext, scope: ZodScope, optional: boolean): string {
  const expr = zodExpr(param.type, ctx, scope, param.constraints);
  return optional && param.constraints?.default === undefined ? `z.optional(${expr})` : expr;
}
