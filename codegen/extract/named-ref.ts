import { type TypeScript, ts } from './typescript.js';
import type { TypeNode } from '../model/contract-model.js';
import type { ExtractContext } from './extract-context.js';
import type { NamedDeclaration, NamedEntry } from './named-registry.js';
import { readSchemaMarker } from './schema-marker.js';

export type { NamedDeclaration } from './named-registry.js';

/** True for a top-level interface, type alias or enum. */
export function isNamedDeclaration(node: TypeScript.Node): node is NamedDeclaration {
  return (
    (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) &&
    ts.isSourceFile(node.parent)
  );
}

/**
 * The project declaration a type symbol names, when it becomes a named type of the model: a top-level
 * interface, alias or enum in a project file that is not a schema-language declaration (service, ...).
 */
export function namedDeclarationOf(
  context: ExtractContext,
  symbol: TypeScript.Symbol,
): NamedDeclaration | undefined {
  const resolved = symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol;
  const declaration = resolved.declarations?.find(isNamedDeclaration);
  if (!declaration || !context.isProjectFile(declaration.getSourceFile())) return undefined;
  if (readSchemaMarker(context.checker, context.checker.getDeclaredTypeOfSymbol(resolved))) return undefined;
  return declaration;
}

/** Finds or queues the registry entry of a declaration. */
export function entryFor(
  context: ExtractContext,
  declaration: NamedDeclaration,
  kind: 'type' | 'error',
): NamedEntry {
  const existing = context.named.get(declaration);
  if (existing) return existing;
  const name = declaration.name.text;
  const file = context.relativePath(declaration.getSourceFile());
  return context.named.add({
    key: `${file}#${name}`,
    kind,
    name,
    file,
    pos: declaration.getStart(),
    declaration,
    diagnostics: [],
    refs: new Set(),
  });
}

/** A ref to a named type, queuing its conversion and recording the reference. */
export function refTo(
  context: ExtractContext,
  declaration: NamedDeclaration,
  typeArgs: TypeNode[],
): TypeNode {
  const entry = entryFor(context, declaration, 'type');
  context.refs.add(entry.key);
  return { kind: 'ref', name: entry.name, file: entry.file, typeArgs };
}
