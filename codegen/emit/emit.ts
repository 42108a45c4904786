import type { ContractFile, ContractModel, GeneratedFile } from '../model/contract-model.js';
import { CONTRACT_MODEL_MODULE, emitContractModel } from './emit-contract-model.js';
import { emitErrorClass } from './emit-error-class.js';
import { EmitError, EmitErrorCode } from './emit-error.js';
import { emitIndex } from './emit-index.js';
import { emitNamedType, orderNamedTypes } from './emit-named-type.js';
import {
  DEFAULT_RUNTIME_IMPORT,
  DEFAULT_VALIDATORS_IMPORT,
  type EmitOptions,
  generatedHeader,
} from './emit-options.js';
import { emitService } from './emit-service.js';
import { emitTopics } from './emit-topics.js';
import type { Emitted, EmittedModule } from './emitted.js';
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
  return emitModules(model, options, RENDER_ALL);
}

/**
 * Where the emit loop gets each module and `index.ts`. `emit` renders everything; the incremental
 * emitter hands back its previous text when nothing the module depends on has changed.
 */
export interface EmitPlan {
  /** The module of `file` at output path `path`; `render` renders it fresh through the given lookups. */
  module(
    file: ContractFile,
    path: string,
    lookups: FileLookups,
    render: (lookups: FileLookups) => EmittedModule,
  ): EmittedModule;
  /** `index.ts` of `modules` (in output order); `assemble` builds it fresh. */
  index(modules: readonly EmittedModule[], assemble: () => GeneratedFile): GeneratedFile;
}

const RENDER_ALL: EmitPlan = {
  module: (_file, _path, lookups, render) => render(lookups),
  index: (_modules, assemble) => assemble(),
};

/** The one emit loop: every schema file of `model` in output order, then `index.ts` (unless `index: false`). */
export function emitModules(model: ContractModel, options: EmitOptions, plan: EmitPlan): GeneratedFile[] {
  const { files, outPaths } = planModules(model, options);
  const index = createModelIndex(model);
  const known = new Set(index.types.keys());
  const modules = files.map((file) => {
    const path = outPaths.get(file.path)!;
    const lookups: FileLookups = { index, known, moduleFor: moduleResolver(path, outPaths) };
    return plan.module(file, path, lookups, (through) => ({
      path,
      ...emitFile(file, options, through, path),
    }));
  });
  const out: GeneratedFile[] = modules.map(({ path, text }) => ({ path, text }));
  // Only services and topics clients load the model (live contracts); it is rendered fresh, as it
  // depends on every file.
  if (files.some((f) => f.services.length > 0 || f.topics.length > 0))
    out.push(emitContractModel({ ...model, files }, options));
  if (options.index ?? true) out.push(plan.index(modules, () => emitIndex(modules, options)));
  return out;
}

/** The schema files of a model in output order, and the output path of each (by model path). */
function planModules(
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
function moduleResolver(path: string, outPaths: ReadonlyMap<string, string>): (target: string) => string {
  return (target) => {
    const targetPath = outPaths.get(target);
    if (targetPath === undefined)
      throw new EmitError(EmitErrorCode.UNKNOWN_REF, `schema file ${target} is not part of the model`);
    return moduleSpecifier(path, targetPath);
  };
}

/**
 * Renders the module of one schema file and lists its exports; both depend only on the arguments
 * and what the emitters read through `lookups`.
 */
function emitFile(file: ContractFile, options: EmitOptions, lookups: FileLookups, path: string): Emitted {
  const { index } = lookups;
  const ctx: ExprContext = {
    file: file.path,
    imports: createImportCollector(),
    runtime: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    validators: options.validatorsImport ?? DEFAULT_VALIDATORS_IMPORT,
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
    ...file.services.map((s) =>
      emitService(s, ctx, index, defaults, moduleSpecifier(path, CONTRACT_MODEL_MODULE)),
    ),
    ...file.topics.map((t) =>
      emitTopics(t, ctx, index, defaults, moduleSpecifier(path, CONTRACT_MODEL_MODULE)),
    ),
  ];
  const text = templates.file({
    header: generatedHeader(options, file.path),
    imports: ctx.imports.render(),
    sections: sections.map((section) => section.text),
  });
  return { text, exports: sections.flatMap((section) => section.exports) };
}
