import type { ContractFile, ContractModel, GeneratedFile } from '../model/contract-model.js';
import { emitErrorClass } from './emit-error-class.js';
import { EmitError, EmitErrorCode } from './emit-error.js';
import { emitNamedType, orderNamedTypes } from './emit-named-type.js';
import { DEFAULT_RUNTIME_IMPORT, type EmitOptions, GENERATED_MARKER } from './emit-options.js';
import { emitService } from './emit-service.js';
import { emitTopics } from './emit-topics.js';
import { createImportCollector } from './import-collector.js';
import { createModelIndex, type ModelIndex } from './model-index.js';
import { commonDirectory, moduleSpecifier, outputPath } from './paths.js';
import { templates } from './render.js';
import type { ExprContext } from './type-expr.js';

/**
 * Turns a contract model into generated TypeScript modules: one per schema file, plus an `index.ts`.
 * Pure and deterministic: the same model and options give the same files, byte for byte.
 *
 * @example
 * const files = emit(model, { generatorVersion: '0.1.0' });
 * for (const f of files) console.log(f.path, f.text.length);
 */
export function emit(model: ContractModel, options: EmitOptions): GeneratedFile[] {
  const { files, outPaths } = planModules(model, options);
  const index = createModelIndex(model);
  const known = new Set(index.types.keys());
  const out: GeneratedFile[] = files.map((file) => {
    const path = outPaths.get(file.path)!;
    const lookups: FileLookups = { index, known, moduleFor: moduleResolver(path, outPaths) };
    return { path, text: emitFile(file, options, lookups) };
  });
  if (options.index ?? true) out.push(emitIndex(out, options));
  return out;
}

/** The schema files of a model in output order, and the output path of each (by model path). */
export function planModules(
  model: ContractModel,
  options: EmitOptions,
): { files: ContractFile[]; outPaths: Map<string, string> } {
  const files = [...model.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const root = options.schemaRoot ?? commonDirectory(files.map((f) => f.path));
  const outPaths = new Map(files.map((f) => [f.path, outputPath(f.path, root)] as const));
  return { files, outPaths };
}

/** Everything outside its own {@link ContractFile} that emitting one module may look up. */
export interface FileLookups {
  readonly index: ModelIndex;
  /** `file#name` of every named type in the model. */
  readonly known: ReadonlySet<string>;
  /** Module specifier, relative to the module being emitted, of the module of schema `file`. */
  readonly moduleFor: (file: string) => string;
}

/** The `moduleFor` of the module at output path `path`: throws a coded error for a file outside the model. */
export function moduleResolver(
  path: string,
  outPaths: ReadonlyMap<string, string>,
): (target: string) => string {
  return (target) => {
    const targetPath = outPaths.get(target);
    if (targetPath === undefined)
      throw new EmitError(EmitErrorCode.UNKNOWN_REF, `schema file ${target} is not part of the model`);
    return moduleSpecifier(path, targetPath);
  };
}

/** Renders the module of one schema file; its text depends only on its arguments and what it reads through `lookups`. */
export function emitFile(file: ContractFile, options: EmitOptions, lookups: FileLookups): string {
  const { index } = lookups;
  const ctx: ExprContext = {
    file: file.path,
    imports: createImportCollector(),
    runtime: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    moduleFor: lookups.moduleFor,
    recursive: index.recursive,
    known: lookups.known,
    cyclic: (other) => index.sameCycle(file.path, other),
  };
  const defaults = {
    validateArgs: options.validateArgs ?? true,
    validateResults: options.validateResults ?? true,
  };
  const sections = [
    ...orderNamedTypes(file.types, file.path, ctx).map((t) => emitNamedType(t, ctx)),
    ...file.errors.map((e) => emitErrorClass(e, ctx, index)),
    ...file.services.map((s) => emitService(s, ctx, index, defaults)),
    ...file.topics.map((t) => emitTopics(t, ctx, index, defaults)),
  ];
  return templates.file({ header: header(options, file.path), imports: ctx.imports.render(), sections });
}

function header(options: EmitOptions, source: string): string {
  return `${GENERATED_MARKER} ${options.generatorVersion} from ${source}. Do not edit: run \`wamp-contracts gen\`.`;
}

// Exported names are found from the generated text itself, so the index can never drift from the modules.
const EXPORT = /^export (?:abstract )?(const|class|interface|type) ([A-Za-z_$][\w$]*)/gm;

function emitIndex(files: readonly GeneratedFile[], options: EmitOptions): GeneratedFile {
  return assembleIndex(files.map(moduleExports), options);
}

/** What one generated module contributes to `index.ts`. */
export interface ModuleExports {
  readonly path: string;
  /** Exported names in the order they appear in the module (for the clash check). */
  readonly names: readonly string[];
  /** The module's export lines in `index.ts` (empty when it exports nothing). */
  readonly lines: readonly string[];
}

/** Finds the names a generated module exports and the `index.ts` lines re-exporting them. */
export function moduleExports(file: GeneratedFile): ModuleExports {
  const names: string[] = [];
  const values = new Set<string>();
  const types = new Set<string>();
  for (const match of file.text.matchAll(EXPORT)) {
    const [, kind, name] = match as unknown as [string, string, string];
    names.push(name);
    if (kind === 'const' || kind === 'class') values.add(name);
    else types.add(name);
  }
  // A name declared both as a const and a type (enums) is exported once, as a value.
  for (const name of values) types.delete(name);
  const from = moduleSpecifier('index.ts', file.path);
  const lines: string[] = [];
  if (values.size > 0) lines.push(exportLine('export', [...values].sort(), from));
  if (types.size > 0) lines.push(exportLine('export type', [...types].sort(), from));
  return { path: file.path, names, lines };
}

/** Builds `index.ts` from the exports of every module, in order; throws when two modules export one name. */
export function assembleIndex(modules: readonly ModuleExports[], options: EmitOptions): GeneratedFile {
  const owner = new Map<string, string>();
  const lines: string[] = [];
  for (const module of modules) {
    for (const name of module.names) {
      const previous = owner.get(name);
      if (previous !== undefined && previous !== module.path) {
        throw new EmitError(
          EmitErrorCode.INDEX_NAME_CLASH,
          `${name} is exported by both ${previous} and ${module.path}; rename one or set index: false`,
        );
      }
      owner.set(name, module.path);
    }
    lines.push(...module.lines);
  }
  const text = `${GENERATED_MARKER} ${options.generatorVersion}. Do not edit: run \`wamp-contracts gen\`.\n${lines.join('\n')}\n`;
  return { path: 'index.ts', text };
}

// One name per line once the statement gets long, as a formatter would print it.
function exportLine(head: string, names: readonly string[], from: string): string {
  const line = `${head} { ${names.join(', ')} } from '${from}';`;
  return line.length <= 110 ? line : `${head} {\n${names.map((n) => `  ${n},\n`).join('')}} from '${from}';`;
}
