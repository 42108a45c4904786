import { type TypeScript, ts } from './typescript.js';
import type { ParamModel, ProcedureModel, TypeNode } from '../model/contract-model.js';
import { applyUriNaming, type UriNaming } from '../model/uri-rules.js';
import type { ConvertScope } from './convert-scope.js';
import { convertType } from './convert-type.js';
import type { ExtractContext } from './extract-context.js';
import { type MemberDocs, readMemberDocs } from './member-docs.js';
import { entryFor, isNamedDeclaration } from './named-ref.js';
import { readSchemaMarker } from './schema-marker.js';
import { isUriTemplate, readUriTemplate } from './extract-uri-template.js';

/** No type parameters in scope (contracts are concrete). */
const NO_PARAMS: ReadonlySet<string> = new Set();

/** The URI of a member: its `@uri` tag, else `<prefix>.<name>` under the naming rule. */
export function memberUri(docs: MemberDocs, prefix: string, name: string, naming: UriNaming): string {
  const tag = docs.tags.find((t) => t.name === 'uri');
  if (tag && tag.text !== '') return tag.text;
  // An invalid prefix was already reported: do not cascade into URI diagnostics.
  return prefix === '' ? applyUriNaming(name, naming) : `${prefix}.${applyUriNaming(name, naming)}`;
}

/** True when a payload type can travel as ArgumentsKw: a plain object, or a union/intersection of them. */
export function isKwargsObject(context: ExtractContext, type: TypeScript.Type): boolean {
  const { checker } = context;
  const members = type.isUnionOrIntersection() ? type.types : [type];
  return members.every(
    (m) => (m.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(m) && !checker.isTupleType(m),
  );
}

/**
 * The symbol a top-level name has in a file: a declaration or an import. (`getSymbolsInScope` would list
 * every global of the libs for each `@throws`, which costs more than the whole file.)
 */
function findTopLevelName(
  checker: TypeScript.TypeChecker,
  file: TypeScript.SourceFile,
  name: string,
): TypeScript.Symbol | undefined {
  for (const statement of file.statements) {
    if (isNamedDeclaration(statement) && statement.name.text === name)
      return checker.getSymbolAtLocation(statement.name);
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (!clause) continue;
    if (clause.name?.text === name) return checker.getSymbolAtLocation(clause.name);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const element = bindings.elements.find((e) => e.name.text === name);
      if (element) return checker.getSymbolAtLocation(element.name);
    }
  }
  return undefined;
}

/** Resolves one `@throws Name` to an error entry, reporting unknown names and non-errors. */
function resolveThrows(
  context: ExtractContext,
  method: TypeScript.MethodSignature,
  procedure: string,
  text: string,
  pos: number,
) {
  const name = text.replace(/[{}]/g, ' ').trim().split(/\s+/)[0] ?? '';
  const { checker } = context;
  let symbol = findTopLevelName(checker, method.getSourceFile(), name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.find(isNamedDeclaration);
  if (!symbol || !declaration) {
    context.report('unknownThrows', { name, procedure }, method, pos);
    return undefined;
  }
  const declared = checker.getSymbolAtLocation(declaration.name);
  if (!declared || readSchemaMarker(checker, checker.getDeclaredTypeOfSymbol(declared))?.kind !== 'error') {
    context.report('throwsNotError', { name, procedure }, method, pos);
    return undefined;
  }
  const entry = entryFor(context, declaration, 'error');
  context.refs.add(entry.key);
  return { name: entry.name, file: entry.file };
}

/** Type parameters of a (reported) generic method: in scope so that each use is not reported again. */
function methodTypeParams(method: TypeScript.MethodSignature): ReadonlySet<string> {
  return method.typeParameters ? new Set(method.typeParameters.map((p) => p.name.text)) : NO_PARAMS;
}

/** True when a chunk type could be absent (`void`, `undefined`, or a union with one): a CALL cannot carry that. */
function mayBeAbsent(type: TypeScript.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.some((m) => (m.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0);
}

/**
 * The `Stream<Chunk>` parameter: its chunk type (from the written type argument when there is one, so
 * refs and union order are kept; else from the marker, e.g. through an alias) and its shape rules.
 */
function extractStream(
  context: ExtractContext,
  method: TypeScript.MethodSignature,
  procedure: string,
  parameter: TypeScript.ParameterDeclaration,
  chunkOf: TypeScript.Type | undefined,
  base: Omit<ParamModel, 'type' | 'optional'>,
): ParamModel {
  const name = base.name;
  if (parameter !== method.parameters[method.parameters.length - 1])
    context.report('streamPosition', { name, procedure, reason: 'is not the last parameter' }, parameter);
  else if (parameter.questionToken)
    context.report('streamPosition', { name, procedure, reason: 'is optional' }, parameter);
  const written = parameter.type;
  const argNode =
    written && ts.isTypeReferenceNode(written) && written.typeArguments?.length === 1
      ? written.typeArguments[0]
      : undefined;
  const chunkType = argNode ? context.checker.getTypeFromTypeNode(argNode) : chunkOf;
  const scope: ConvertScope = { site: parameter, typeParams: methodTypeParams(method) };
  let chunk: TypeNode = { kind: 'unknown' };
  if (chunkType === undefined) {
    context.report('streamChunkType', { name, procedure, reason: 'could not be read' }, parameter);
  } else if (mayBeAbsent(chunkType)) {
    context.report('streamChunkType', { name, procedure, reason: 'may be void or undefined' }, parameter);
  } else {
    chunk = convertType(context, chunkType, argNode, scope);
  }
  return { ...base, type: chunk, optional: false };
}

/**
 * The parameters, positional and in order, with descriptions from the method's `@param` tags; a
 * `Stream<Chunk>` parameter is returned apart as `input`.
 */
export function extractParams(
  context: ExtractContext,
  method: TypeScript.MethodSignature,
  procedure: string,
  docs: MemberDocs,
) {
  const descriptions = new Map<string, string>();
  for (const tag of docs.tags) {
    const match = /^(?:\{[^}]*\}\s*)?\[?([\w$]+)\]?\s*(?:-\s*)?([\s\S]*)$/.exec(
      tag.name === 'param' ? tag.text : '',
    );
    if (match?.[1] && match[2]) descriptions.set(match[1], match[2].trim());
  }
  const params: ParamModel[] = [];
  let input: ParamModel | undefined;
  let sawOptional = false;
  for (const parameter of method.parameters) {
    const label = parameter.name.getText();
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken || label === 'this') {
      const reason = parameter.dotDotDotToken
        ? 'is a rest parameter'
        : label === 'this'
          ? 'is `this`'
          : 'is destructured';
      context.report('unsupportedParameter', { name: `'${label}'`, procedure, reason }, parameter);
      continue;
    }
    if (!parameter.type) {
      context.report('missingTypeAnnotation', { what: 'Parameter', name: label }, parameter);
      continue;
    }
    const optional = parameter.questionToken !== undefined;
    if (!optional && sawOptional) {
      const previous = params.findLast((p) => p.optional);
      context.report('optionalBeforeRequired', { name: previous?.name ?? '', procedure }, parameter);
    }
    // Positional arguments can only be omitted from the end, hence the order rule above.
    sawOptional ||= optional;
    const type = context.checker.getTypeFromTypeNode(parameter.type);
    const marker = readSchemaMarker(context.checker, type);
    if (marker?.kind === 'stream') {
      if (input !== undefined) {
        context.report('multipleStreams', { name: label, procedure }, parameter);
        continue;
      }
      const chunkOf = marker.field('chunk');
      const own = readMemberDocs(context, parameter, 'parameter', chunkOf ?? type, descriptions.get(label));
      const base: { -readonly [K in keyof ParamModel]?: ParamModel[K] } & { name: string } = { name: label };
      if (own.docs) base.docs = own.docs;
      if (own.constraints) base.constraints = own.constraints;
      input = extractStream(context, method, procedure, parameter, chunkOf, base);
      continue;
    }
    const scope: ConvertScope = { site: parameter, typeParams: methodTypeParams(method) };
    const own = readMemberDocs(context, parameter, 'parameter', type, descriptions.get(label));
    const model: { -readonly [K in keyof ParamModel]: ParamModel[K] } = {
      name: label,
      type: convertType(context, type, parameter.type, scope),
      optional,
    };
    if (own.docs) model.docs = own.docs;
    if (own.constraints) model.constraints = own.constraints;
    params.push(model);
  }
  return { params, input };
}

/** True for `Promise<T>` from the default lib (a user type named Promise is not unwrapped). */
function isLibPromise(
  context: ExtractContext,
  node: TypeScript.TypeNode,
): node is TypeScript.TypeReferenceNode {
  if (!ts.isTypeReferenceNode(node) || node.typeArguments?.length !== 1) return false;
  const symbol = context.checker.getTypeFromTypeNode(node).getSymbol();
  const file = symbol?.declarations?.[0]?.getSourceFile();
  return (
    symbol?.getName() === 'Promise' && file !== undefined && context.program.isSourceFileDefaultLibrary(file)
  );
}

/** A result type: `void` stays `void` (no payload), anything else is converted. */
function convertResult(context: ExtractContext, node: TypeScript.TypeNode, scope: ConvertScope): TypeNode {
  const type = context.checker.getTypeFromTypeNode(node);
  return type.flags & ts.TypeFlags.Void ? { kind: 'void' } : convertType(context, type, node, scope);
}

/** Result and progress of a method: `Promise<T>` unwrapped, `Progress<C, R>` split. */
function extractResult(context: ExtractContext, method: TypeScript.MethodSignature) {
  const scope: ConvertScope = { site: method.type ?? method, typeParams: methodTypeParams(method) };
  let node = method.type;
  if (!node) {
    context.report('missingTypeAnnotation', { what: 'Procedure', name: method.name.getText() }, method);
    return { result: { kind: 'unknown' } as TypeNode };
  }
  // A `Promise<T>` result means `T`: callees are async anyway.
  if (isLibPromise(context, node)) node = node.typeArguments?.[0] ?? node;
  const marker = readSchemaMarker(context.checker, context.checker.getTypeFromTypeNode(node));
  if (marker?.kind !== 'progress') return { result: convertResult(context, node, scope) };
  // Follow the written arguments so the chunk and result keep their refs and union order.
  const [chunkNode, resultNode] = ts.isTypeReferenceNode(node) ? (node.typeArguments ?? []) : [];
  if (!chunkNode || !resultNode) {
    context.report(
      'unsupportedType',
      { type: node.getText(), reason: 'write Progress<Chunk, Result> directly' },
      node,
    );
    return { result: { kind: 'unknown' } as TypeNode };
  }
  return {
    result: convertResult(context, resultNode, scope),
    progress: convertResult(context, chunkNode, scope),
  };
}

/** Extracts one procedure from a method signature of a service. */
export function extractProcedure(
  context: ExtractContext,
  method: TypeScript.MethodSignature,
  prefix: string,
  naming: UriNaming,
): ProcedureModel {
  const name = method.name.getText();
  if (method.typeParameters) context.report('genericMember', { name }, method.name);
  if (method.questionToken) context.report('optionalProcedure', { name }, method.name);
  const docs = readMemberDocs(context, method, 'procedure');
  const uri = memberUri(docs, prefix, name, naming);
  const extracted = extractParams(context, method, name, docs);
  const input = extracted.input;
  let params = extracted.params;
  // `@uri a.{id}.b`: the leading parameters are URI components, the rest is the payload.
  const split = isUriTemplate(uri)
    ? readUriTemplate(context, 'procedure', name, uri, params, method, method.name)
    : undefined;
  if (split) params = split.rest;
  const payloadNodes = method.parameters.slice(split?.uriTemplate.components.length ?? 0);
  const kwargs = docs.tags.some((t) => t.name === 'kwargs');
  if (kwargs && input) {
    context.report('streamWithKwargs', { procedure: name }, method.name);
  } else if (kwargs) {
    const [only] = payloadNodes;
    if (payloadNodes.length !== 1 || !only) {
      const reason = `it has ${payloadNodes.length} parameters`;
      context.report('kwargsShape', { name, reason }, method.name);
    } else if (!isKwargsObject(context, context.checker.getTypeAtLocation(only))) {
      context.report('kwargsShape', { name, reason: 'its parameter is not an object' }, only);
    }
  }
  const { result, progress } = extractResult(context, method);
  const throws = docs.tags
    .filter((t) => t.name === 'throws')
    .map((t) => resolveThrows(context, method, name, t.text, t.pos))
    .filter((t) => t !== undefined);
  const model: { -readonly [K in keyof ProcedureModel]: ProcedureModel[K] } = {
    name,
    uri,
    params,
    kwargs,
    result,
    throws,
    location: context.locate(method.name),
  };
  if (progress) model.progress = progress;
  if (input) model.input = input;
  if (split) model.uriTemplate = split.uriTemplate;
  if (docs.docs) model.docs = docs.docs;
  return model;
}
