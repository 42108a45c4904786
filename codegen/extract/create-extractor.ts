import path from 'node:path';
import type { ContractModel } from '../model/contract-model.js';
import { createDiagnostic } from '../model/create-diagnostic.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { lintModel } from '../model/lint.js';
import { normalizeDiagnostics } from '../model/normalize-diagnostics.js';
import { buildModel, type EntryResult, type FileResult } from './build-model.js';
import { readCompilerOptions } from './compiler-options.js';
import { convertNamedEntry } from './convert-named.js';
import { convertType } from './convert-type.js';
import { createExtractContext } from './extract-context.js';
import { extractFile, type FileContracts } from './extract-file.js';
import { saveCompileCache } from './load-compiler.js';
import type { ExtractOptions } from './extract-options.js';
import { createNamedRegistry, type NamedEntry } from './named-registry.js';
import { createSchemaHost, type SchemaHost, typescriptLibDir } from './schema-host.js';
import { unresolvedImportCause } from './unresolved-import-cause.js';
import { type TypeScript, ts } from './typescript.js';

/** The result of an extraction: the model and every diagnostic (errors and warnings). */
export interface ExtractResult {
  readonly model: ContractModel;
  readonly diagnostics: Diagnostic[];
}

/** A long-lived extractor for watch mode: `update` re-reads changed files and re-extracts what they affect. */
export interface Extractor {
  /** Extracts every schema file from scratch (every file is read again). */
  extract(): ExtractResult;
  /** Re-reads `changedPaths` (absolute or relative to root; added, changed or deleted) and re-extracts the files they affect. */
  update(changedPaths: readonly string[]): ExtractResult;
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** Sets up the host and compiler options: the schema library by default, TypeScript's libs on request. */
function setUp(options: ExtractOptions, root: string) {
  const memory = options.inMemoryFiles
    ? new Map(
        Object.entries(options.inMemoryFiles).map(([file, text]) => [
          path.posix.join(root, toPosix(file)),
          text,
        ]),
      )
    : undefined;
  const diagnostics: Diagnostic[] = [];
  let libDir: string | undefined;
  if (options.lib === 'typescript') {
    libDir = typescriptLibDir(root);
    if (libDir === undefined) {
      diagnostics.push(createDiagnostic('libNotFound', { root }));
    }
  }
  const schemaHost = createSchemaHost(root, memory, libDir);
  let tsconfig = options.tsconfig === undefined ? undefined : toPosix(path.resolve(root, options.tsconfig));
  if (tsconfig === undefined && schemaHost.fileExists(`${root}/tsconfig.json`))
    tsconfig = `${root}/tsconfig.json`;
  const read = readCompilerOptions(schemaHost, root, tsconfig);
  const compilerOptions: TypeScript.CompilerOptions =
    libDir === undefined
      ? read.options
      : { ...read.options, lib: ['lib.es5.d.ts', 'lib.es2015.collection.d.ts'] };
  return { schemaHost, compilerOptions, diagnostics: [...diagnostics, ...read.diagnostics] };
}

/** The module specifiers of `file`'s imports and re-exports that resolve to no module. */
function unresolvedImports(
  checker: TypeScript.TypeChecker,
  file: TypeScript.SourceFile,
): TypeScript.Expression[] {
  const missing: TypeScript.Expression[] = [];
  for (const statement of file.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? statement.moduleSpecifier
        : undefined;
    if (specifier !== undefined && checker.getSymbolAtLocation(specifier) === undefined)
      missing.push(specifier);
  }
  return missing;
}

/** Absolute paths of the project files importing each file (from import and export declarations). */
function importersOf(program: TypeScript.Program): Map<string, Set<string>> {
  const checker = program.getTypeChecker();
  const reverse = new Map<string, Set<string>>();
  for (const file of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(file) || file.fileName.includes('/node_modules/')) continue;
    for (const statement of file.statements) {
      const specifier =
        ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
          ? statement.moduleSpecifier
          : undefined;
      const target = specifier ? checker.getSymbolAtLocation(specifier)?.valueDeclaration : undefined;
      if (!target || !ts.isSourceFile(target)) continue;
      let set = reverse.get(target.fileName);
      if (!set) reverse.set(target.fileName, (set = new Set()));
      set.add(file.fileName);
    }
  }
  return reverse;
}

/**
 * Creates an extractor over `options.files`; nothing is read until `extract()`.
 *
 * @example
 * ```ts
 * const extractor = createExtractor({ root, files });
 * let { model, diagnostics } = extractor.extract();
 * ({ model, diagnostics } = extractor.update(['schemas/weather.ts'])); // after a change
 * ```
 */
export function createExtractor(options: ExtractOptions): Extractor {
  const root = toPosix(path.resolve(options.root));
  const naming = options.naming ?? 'as-is';
  const { schemaHost, compilerOptions, diagnostics: setup } = setUp(options, root);
  const schemaPaths = [...new Set(options.files.map((file) => toPosix(path.resolve(root, file))))].sort();
  const files = new Map<string, FileResult>();
  const entries = new Map<string, EntryResult>();
  let program: TypeScript.Program | undefined;
  // The import graph of `program`, kept from the last update so each update walks imports once.
  let importers: Map<string, Set<string>> | undefined;

  /** Builds the next program over the schema files that exist, reusing unchanged trees of the last one. */
  const nextProgram = (host: SchemaHost): TypeScript.Program => {
    const rootNames = schemaPaths.filter((file) => host.fileExists(file));
    program = ts.createProgram({
      rootNames,
      options: compilerOptions,
      host: host.host,
      ...(program ? { oldProgram: program } : {}),
    });
    return program;
  };

  /** Extracts `targets` with the program's checker, replacing their results and the entries they reach. */
  const pass = (current: TypeScript.Program, targets: readonly string[]): void => {
    const context = createExtractContext(current, root, createNamedRegistry(), convertType);
    const converted: NamedEntry[] = [];
    for (const target of targets) {
      const file = current.getSourceFile(target);
      if (!file) continue;
      context.sink = [];
      context.refs = new Set();
      // Parse errors are free to ask for (the parser kept them); semantic checking is left to tsc.
      for (const error of current.getSyntacticDiagnostics(file)) {
        const text = ts.flattenDiagnosticMessageText(error.messageText, ' ');
        context.report('syntaxError', { text }, file, error.start ?? 0);
      }
      // A missing module turns every type it should give into a cascade of misleading errors: report it alone.
      const unresolved = unresolvedImports(context.checker, file);
      for (const specifier of unresolved) {
        const text = specifier.getText().slice(1, -1);
        const cause = unresolvedImportCause(text, file.fileName, compilerOptions, schemaHost.host);
        context.report('unresolvedImport', { specifier: text, cause }, specifier);
      }
      const contracts: FileContracts =
        unresolved.length > 0 ? { services: [], topics: [] } : extractFile(context, file, naming);
      files.set(target, {
        path: context.relativePath(file),
        contracts,
        diagnostics: context.sink,
        refs: [...context.refs],
      });
    }
    for (let queue = context.named.drain(); queue.length > 0; queue = context.named.drain()) {
      for (const entry of queue) {
        context.sink = entry.diagnostics;
        context.refs = entry.refs;
        convertNamedEntry(context, entry);
        converted.push(entry);
      }
    }
    for (const entry of converted) {
      if (!entry.model) continue;
      const { key, kind, file, pos, model, diagnostics } = entry;
      entries.set(key, { key, kind, file, pos, model, diagnostics, refs: [...entry.refs] });
    }
  };

  const result = (): ExtractResult => {
    const missing = schemaPaths
      .filter((file) => !schemaHost.fileExists(file))
      .map((file) => createDiagnostic('fileNotFound', { file: path.posix.relative(root, file) }));
    const built = buildModel(files, entries, [...setup, ...missing]);
    if (options.lint === false) return built;
    return {
      model: built.model,
      diagnostics: normalizeDiagnostics([
        ...built.diagnostics,
        ...lintModel(built.model, { strictUris: options.strictUris === true }),
      ]),
    };
  };

  const extract = (): ExtractResult => {
    files.clear();
    importers = undefined;
    program = undefined;
    schemaHost.reset();
    entries.clear();
    const current = nextProgram(schemaHost);
    pass(current, schemaPaths);
    // The first extraction compiled most of the checker: keep that for the next process.
    saveCompileCache();
    return result();
  };

  const update = (changedPaths: readonly string[]): ExtractResult => {
    if (!program) return extract();
    const changed = changedPaths.map((file) => toPosix(path.resolve(root, file)));
    // Importers from before and after the change: a file that stopped importing is re-extracted once more.
    const before = importers ?? importersOf(program);
    for (const file of changed) schemaHost.invalidate(file);
    const current = nextProgram(schemaHost);
    const after = importersOf(current);
    importers = after;
    const affected = new Set<string>();
    const stack = [...changed];
    for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
      if (affected.has(file)) continue;
      affected.add(file);
      stack.push(...(before.get(file) ?? []), ...(after.get(file) ?? []));
    }
    // Only schema files are extracted; a changed non-schema file matters through its importers.
    const targets = schemaPaths.filter((file) => affected.has(file));
    for (const target of targets) files.delete(target);
    pass(current, targets);
    return result();
  };

  return { extract, update };
}
