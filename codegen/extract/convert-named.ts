import { type TypeScript, ts } from './typescript.js';
import type { ErrorModel, NamedTypeModel, TypeNode } from '../model/contract-model.js';
import { convertFromType } from './convert-from-type.js';
import type { ConvertScope } from './convert-scope.js';
import { convertType } from './convert-type.js';
import { type ExtractContext, typeText } from './extract-context.js';
import { readMemberDocs } from './member-docs.js';
import type { NamedDeclaration, NamedEntry } from './named-registry.js';
import { readSchemaMarker } from './schema-marker.js';

/** The declared (uninstantiated) type of a named declaration. */
function declaredType(context: ExtractContext, declaration: NamedDeclaration): TypeScript.Type {
  const symbol = context.checker.getSymbolAtLocation(declaration.name);
  return symbol
    ? context.checker.getDeclaredTypeOfSymbol(symbol)
    : context.checker.getTypeAtLocation(declaration);
}

/** An enum declaration: each member's constant value, in declaration order. */
function convertEnum(context: ExtractContext, declaration: TypeScript.EnumDeclaration): TypeNode {
  const members = declaration.members.map((member) => {
    const value = context.checker.getConstantValue(member);
    if (value === undefined) {
      context.report(
        'unsupportedType',
        { type: member.getText(), reason: 'enum members need constant values' },
        member,
      );
    }
    return { name: member.name.getText(), value: value ?? '' };
  });
  return { kind: 'enum', name: declaration.name.text, members };
}

/** A named type: its type parameters in scope, itself not turned into a ref at its root. */
function convertNamedType(context: ExtractContext, entry: NamedEntry): NamedTypeModel {
  const declaration = entry.declaration;
  const typeParams = ts.isEnumDeclaration(declaration)
    ? []
    : (declaration.typeParameters ?? []).map((p) => p.name.text);
  const scope: ConvertScope = { site: declaration.name, typeParams: new Set(typeParams), self: declaration };
  const type = declaredType(context, declaration);
  let node: TypeNode;
  if (ts.isEnumDeclaration(declaration)) node = convertEnum(context, declaration);
  else if (ts.isTypeAliasDeclaration(declaration)) node = convertType(context, type, declaration.type, scope);
  else node = convertFromType(context, type, scope);
  const { docs, constraints } = readMemberDocs(context, declaration, 'named type', type);
  const model: { -readonly [K in keyof NamedTypeModel]: NamedTypeModel[K] } = {
    name: entry.name,
    typeParams,
    type: node,
    recursive: false,
    location: context.locate(declaration.name),
  };
  if (constraints) model.constraints = constraints;
  if (docs) model.docs = docs;
  return model;
}

/** A `WampError` alias: a literal URI and an optional payload (absent when `undefined`). */
function convertError(context: ExtractContext, entry: NamedEntry): ErrorModel {
  const declaration = entry.declaration;
  const type = declaredType(context, declaration);
  const marker = readSchemaMarker(context.checker, type);
  const uriType = marker?.field('uri');
  let uri = '';
  if (uriType?.isStringLiteral()) uri = uriType.value;
  else {
    const text = uriType ? typeText(context, uriType) : '?';
    context.report('nonLiteralErrorUri', { name: entry.name, type: text }, declaration.name);
  }
  const model: { -readonly [K in keyof ErrorModel]: ErrorModel[K] } = {
    name: entry.name,
    uri,
    location: context.locate(declaration.name),
  };
  const payloadType = marker?.field('payload');
  if (payloadType && payloadType !== context.checker.getUndefinedType()) {
    // Follow the written payload argument when the alias spells `WampError<'uri', Payload>` directly.
    const written =
      ts.isTypeAliasDeclaration(declaration) && ts.isTypeReferenceNode(declaration.type)
        ? declaration.type.typeArguments?.[1]
        : undefined;
    const scope: ConvertScope = { site: written ?? declaration.name, typeParams: new Set() };
    const sameType = written && context.checker.getTypeFromTypeNode(written) === payloadType;
    model.payload = convertType(context, payloadType, sameType ? written : undefined, scope);
  }
  const { docs } = readMemberDocs(context, declaration, 'error');
  if (docs) model.docs = docs;
  return model;
}

/** Converts a queued registry entry into its model (a named type or an error). */
export function convertNamedEntry(context: ExtractContext, entry: NamedEntry): void {
  entry.model = entry.kind === 'error' ? convertError(context, entry) : convertNamedType(context, entry);
}
