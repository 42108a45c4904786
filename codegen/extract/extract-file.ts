import { type TypeScript, ts } from './typescript.js';
import type { ServiceModel, TopicModel, TopicsModel } from '../model/contract-model.js';
import type { UriNaming } from '../model/uri-rules.js';
import type { ConvertScope } from './convert-scope.js';
import { convertType } from './convert-type.js';
import { type ExtractContext, typeText } from './extract-context.js';
import { extractProcedure, isKwargsObject, memberUri } from './extract-procedure.js';
import { extractTemplateTopic } from './extract-template-topic.js';
import { isUriTemplate } from './extract-uri-template.js';
import { readMemberDocs } from './member-docs.js';
import { entryFor, isNamedDeclaration } from './named-ref.js';
import { MARKER_PROPERTY, readSchemaMarker, type SchemaMarkerInfo } from './schema-marker.js';

/** Services and topics declared in one schema file (errors and types live in the named registry). */
export interface FileContracts {
  readonly services: ServiceModel[];
  readonly topics: TopicsModel[];
}

/** No type parameters in scope (contracts are concrete). */
const NO_PARAMS: ReadonlySet<string> = new Set();

/** True when a declaration has the `export` modifier. */
function isExported(node: TypeScript.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** The literal prefix of a service or topics interface; '' (reported) otherwise. */
function readPrefix(
  context: ExtractContext,
  declaration: TypeScript.InterfaceDeclaration,
  marker: SchemaMarkerInfo,
): string {
  const prefix = marker.field('prefix');
  if (prefix?.isStringLiteral()) return prefix.value;
  const type = prefix ? typeText(context, prefix) : '?';
  context.report(
    'nonLiteralPrefix',
    { name: declaration.name.text, type },
    declaration.heritageClauses?.[0] ?? declaration.name,
  );
  return '';
}

/** The members of a contract interface (own and inherited) with their declarations, marker excluded. */
function contractMembers(
  context: ExtractContext,
  type: TypeScript.Type,
): { name: string; declarations: TypeScript.Declaration[] }[] {
  return context.checker
    .getPropertiesOfType(type)
    .filter((symbol) => symbol.getName() !== MARKER_PROPERTY)
    .map((symbol) => ({ name: symbol.getName(), declarations: symbol.declarations ?? [] }));
}

/** A service: each method (own or inherited) is a procedure; other members are reported. */
function extractService(
  context: ExtractContext,
  declaration: TypeScript.InterfaceDeclaration,
  type: TypeScript.Type,
  marker: SchemaMarkerInfo,
  naming: UriNaming,
): ServiceModel {
  const prefix = readPrefix(context, declaration, marker);
  const service = declaration.name.text;
  const procedures = [];
  for (const member of contractMembers(context, type)) {
    // Members come from the checker, so methods inherited from a plain base interface count too.
    const methods = member.declarations.filter(ts.isMethodSignature);
    const [first] = methods;
    if (!first) {
      context.report(
        'serviceMemberNotMethod',
        { name: member.name, service },
        member.declarations[0] ?? declaration,
      );
      continue;
    }
    if (methods.length > 1)
      context.report('overloadedMethod', { name: member.name, count: methods.length }, first.name);
    procedures.push(extractProcedure(context, first, prefix, naming));
  }
  const { docs } = readMemberDocs(context, declaration, 'service');
  const model = { name: service, prefix, procedures, location: context.locate(declaration.name) };
  return docs ? { ...model, docs } : model;
}

/** One topic: a required property whose type is the payload. */
function extractTopic(
  context: ExtractContext,
  topics: string,
  declaration: TypeScript.Declaration,
  prefix: string,
  naming: UriNaming,
) {
  const name = ts.getNameOfDeclaration(declaration)?.getText() ?? '';
  // A method is a topic with URI components: `message(roomId: RoomId): ChatMessage`.
  if (ts.isMethodSignature(declaration))
    return extractTemplateTopic(context, topics, declaration, prefix, naming);
  if (!ts.isPropertySignature(declaration) || declaration.questionToken || !declaration.type) {
    const reason = !ts.isPropertySignature(declaration)
      ? 'not a property'
      : declaration.questionToken
        ? 'optional (a topic always exists)'
        : 'missing a payload type';
    context.report('topicMemberNotProperty', { name, topics, reason }, declaration);
    return undefined;
  }
  const docs = readMemberDocs(context, declaration, 'topic');
  const uri = memberUri(docs, prefix, name, naming);
  // A property has no parameters to type `{components}`: such a topic is written as a method.
  const untyped = isUriTemplate(uri) ? /\{([^}]*)\}/.exec(uri)?.[1] : undefined;
  if (untyped !== undefined) {
    context.report('untypedUriComponent', { component: untyped, what: 'topic', name }, declaration);
  }
  const kwargs = docs.tags.some((t) => t.name === 'kwargs');
  const type = context.checker.getTypeFromTypeNode(declaration.type);
  if (kwargs && !isKwargsObject(context, type)) {
    context.report('kwargsShape', { name, reason: 'its payload is not an object' }, declaration);
  }
  const scope: ConvertScope = { site: declaration, typeParams: NO_PARAMS };
  const model: { -readonly [K in keyof TopicModel]: TopicModel[K] } = {
    name,
    uri,
    payload: convertType(context, type, declaration.type, scope),
    kwargs,
    location: context.locate(declaration.name),
  };
  if (docs.docs) model.docs = docs.docs;
  return model;
}

/** A topics interface: each property (own or inherited) is a topic. */
function extractTopics(
  context: ExtractContext,
  declaration: TypeScript.InterfaceDeclaration,
  type: TypeScript.Type,
  marker: SchemaMarkerInfo,
  naming: UriNaming,
): TopicsModel {
  const prefix = readPrefix(context, declaration, marker);
  const name = declaration.name.text;
  const topics: TopicModel[] = [];
  for (const member of contractMembers(context, type)) {
    const [first] = member.declarations;
    const topic = first ? extractTopic(context, name, first, prefix, naming) : undefined;
    if (topic) topics.push(topic);
  }
  const { docs } = readMemberDocs(context, declaration, 'topics');
  const model = { name, prefix, topics, location: context.locate(declaration.name) };
  return docs ? { ...model, docs } : model;
}

/** Kinds of schema markers among an interface's `extends` clauses. */
function heritageKinds(context: ExtractContext, declaration: TypeScript.InterfaceDeclaration): Set<string> {
  const kinds = new Set<string>();
  for (const clause of declaration.heritageClauses ?? []) {
    for (const expression of clause.types) {
      const kind = readSchemaMarker(context.checker, context.checker.getTypeAtLocation(expression))?.kind;
      if (kind) kinds.add(kind);
    }
  }
  return kinds;
}

/**
 * Extracts the services and topics of one schema file, and queues its errors and exported named types in
 * the registry (they are converted with everything they reference).
 */
export function extractFile(
  context: ExtractContext,
  file: TypeScript.SourceFile,
  naming: UriNaming,
): FileContracts {
  const { checker } = context;
  const contracts: FileContracts = { services: [], topics: [] };
  for (const statement of file.statements) {
    if (!isNamedDeclaration(statement)) continue;
    const symbol = checker.getSymbolAtLocation(statement.name);
    const type = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeAtLocation(statement);
    const marker = ts.isEnumDeclaration(statement) ? undefined : readSchemaMarker(checker, type);
    const exported = isExported(statement);
    const name = statement.name.text;
    // One `extends` target cannot carry two kinds: only several are looked at (each costs a marker read).
    if (
      ts.isInterfaceDeclaration(statement) &&
      (statement.heritageClauses ?? []).reduce((n, clause) => n + clause.types.length, 0) > 1 &&
      heritageKinds(context, statement).size > 1
    ) {
      context.report('conflictingContract', { name }, statement.name);
      continue;
    }
    // `Progress` and `Stream` only mean something on a procedure; a declaration of one has nothing to extract.
    if (marker?.kind === 'progress' || marker?.kind === 'stream') continue;
    if (marker && !exported) {
      context.report(
        'unexportedContract',
        { name, what: marker.kind === 'error' ? 'WampError' : marker.kind },
        statement.name,
      );
    }
    if (marker?.kind === 'error') {
      context.refs.add(entryFor(context, statement, 'error').key);
      continue;
    }
    // Exported plain types are part of the file's contract even when no procedure uses them yet.
    if (!marker) {
      if (exported) context.refs.add(entryFor(context, statement, 'type').key);
      continue;
    }
    if (!ts.isInterfaceDeclaration(statement)) {
      context.report(
        'unsupportedType',
        { type: name, reason: `declare a ${marker.kind} as an interface` },
        statement.name,
      );
      continue;
    }
    if (statement.typeParameters) context.report('genericMember', { name }, statement.name);
    if (marker.kind === 'service')
      contracts.services.push(extractService(context, statement, type, marker, naming));
    else contracts.topics.push(extractTopics(context, statement, type, marker, naming));
  }
  return contracts;
}
