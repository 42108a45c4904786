import path from 'node:path';
import { type TypeScript, ts } from './typescript.js';
import type { SourceLocation, TypeNode } from '../model/contract-model.js';
import { createDiagnostic, type DiagnosticParams } from '../model/create-diagnostic.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { DiagnosticCodeName } from '../model/diagnostic-codes.js';
import type { ConvertScope } from './convert-scope.js';
import type { NamedRegistry } from './named-registry.js';

/** The recursive type converter (`convertType` of convert-type.ts), handed in by whoever creates the context. */
export type TypeConverter = (
  context: ExtractContext,
  type: TypeScript.Type,
  node: TypeScript.TypeNode | undefined,
  scope: ConvertScope,
) => TypeNode;

/** Shared state of one extraction pass over one program. */
export interface ExtractContext {
  readonly checker: TypeScript.TypeChecker;
  readonly program: TypeScript.Program;
  readonly named: NamedRegistry;
  /** Where `report` currently writes (swapped per file and per named type). */
  sink: Diagnostic[];
  /** Keys of named entries referenced by what is being converted (swapped like `sink`). */
  refs: Set<string>;
  /** Anonymous object types being converted: a guard against recursion without a name. */
  readonly objectStack: Set<TypeScript.Type>;
  /** POSIX path of a source file relative to the project root. */
  relativePath(file: TypeScript.SourceFile): string;
  /** 1-based location of a node's first token. */
  locate(node: TypeScript.Node): SourceLocation;
  /** True for files of the user's project (not default libs, not node_modules). */
  isProjectFile(file: TypeScript.SourceFile): boolean;
  /** Records a catalog diagnostic at `node` (or at `pos` inside node's file). */
  report(name: DiagnosticCodeName, params: DiagnosticParams, node: TypeScript.Node, pos?: number): void;
  /**
   * Converts a (part of a) type with the pass's {@link TypeConverter}: the way the converters of
   * objects, unions and types without syntax recurse, without importing the converter they are part of.
   */
  convertType(type: TypeScript.Type, node: TypeScript.TypeNode | undefined, scope: ConvertScope): TypeNode;
}

/** Creates the context for a pass over `program`; `rootDir` is an absolute POSIX path. */
export function createExtractContext(
  program: TypeScript.Program,
  rootDir: string,
  named: NamedRegistry,
  converter: TypeConverter,
): ExtractContext {
  const checker = program.getTypeChecker();
  const prefix = rootDir.endsWith('/') ? rootDir : `${rootDir}/`;
  // Files outside the root (a linked workspace package) get a `../` path, never an absolute one.
  const relativePath = (file: TypeScript.SourceFile): string =>
    file.fileName.startsWith(prefix)
      ? file.fileName.slice(prefix.length)
      : path.posix.relative(rootDir, file.fileName);
  const locateAt = (file: TypeScript.SourceFile, pos: number): SourceLocation => {
    const { line, character } = file.getLineAndCharacterOfPosition(pos);
    return { file: relativePath(file), line: line + 1, column: character + 1 };
  };
  const context: ExtractContext = {
    checker,
    program,
    named,
    sink: [],
    refs: new Set(),
    objectStack: new Set(),
    relativePath,
    locate: (node) => locateAt(node.getSourceFile(), node.getStart()),
    isProjectFile: (file) =>
      !program.isSourceFileDefaultLibrary(file) &&
      !program.isSourceFileFromExternalLibrary(file) &&
      !file.fileName.includes('/node_modules/'),
    report(name, params, node, pos) {
      const file = node.getSourceFile();
      context.sink.push(createDiagnostic(name, params, locateAt(file, pos ?? node.getStart())));
    },
    convertType: (type, node, scope) => converter(context, type, node, scope),
  };
  return context;
}

/** The checker's text for a type, for messages. */
export function typeText(context: ExtractContext, type: TypeScript.Type): string {
  return context.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
}
