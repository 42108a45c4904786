import { emit } from './emit/emit.js';
import { EmitError } from './emit/emit-error.js';
import type { EmitOptions } from './emit/emit-options.js';
import { createIncrementalEmitter, type IncrementalEmitStats } from './emit/incremental-emit.js';
import { type Extractor, type ExtractResult, createExtractor } from './extract/create-extractor.js';
import { runAsBatch } from './extract/load-compiler.js';
import type { ContractModel, GeneratedFile } from './model/contract-model.js';
import type { Diagnostic } from './model/diagnostic.js';
import { lintModel } from './model/lint.js';
import { normalizeDiagnostics } from './model/normalize-diagnostics.js';
import type { UriNaming } from './model/uri-rules.js';

/**
 * The most schema files for which a full run tunes the JIT for a short batch job. Measured against
 * V8's defaults (bench/codegen/gen-vs-tsc.ts, quiet 2-core box): wall -2 % and CPU -18 % at 1000
 * files, but wall +13 % at 2000 (CPU -4 %), where optimized code pays for itself and a free core
 * compiles it. At 100 and 500 files the tuning takes a quarter to a third off.
 */
const BATCH_JIT_MAX_FILES = 1000;

/** Options of {@link generate}: which schema files to read and how to emit them. */
export interface GenerateOptions extends Omit<EmitOptions, 'schemaRoot'> {
  /** Absolute project root; model paths are relative to it. */
  readonly root: string;
  /** Schema files (absolute or relative to `root`), globs already expanded. */
  readonly files: readonly string[];
  readonly naming?: UriNaming;
  /** Warn about URIs that break the strict rule (default false). */
  readonly strictUris?: boolean;
  readonly tsconfig?: string;
  /** Directory the output module names are relative to (default: the common directory of `files`). */
  readonly schemaRoot?: string;
  /**
   * Tune V8's JIT for a short batch job while a full run lasts (see `runAsBatch` in
   * `extract/load-compiler.ts`). It changes a process-wide V8 flag for the run's duration, so it is
   * off unless the caller owns the process: the `gen` command sets it, a library caller (a build
   * plugin, a test) should leave it off. Default false.
   */
  readonly batchJit?: boolean;
}

/** The diagnostics of each stage of a run; a stage that did not run has none. */
export interface StageDiagnostics {
  /** Reading the schema files into the model (`WC1xxx`, and `WC9xxx` for files and tsconfig). */
  readonly extract: readonly Diagnostic[];
  /** The model-level rules run on the extracted model (`WC2xxx`). */
  readonly lint: readonly Diagnostic[];
  /** A construct the emitter refused after passing lint (`WC3xxx`); emit runs only without earlier errors. */
  readonly emit: readonly Diagnostic[];
}

/** What {@link generate} produced: files are empty when any diagnostic is an error. */
export interface GenerateResult {
  readonly model: ContractModel;
  readonly files: readonly GeneratedFile[];
  /** Every stage's diagnostics: extract and lint ones sorted by place, then emit's. */
  readonly diagnostics: readonly Diagnostic[];
  readonly stages: StageDiagnostics;
}

/**
 * Runs the generator's three stages in memory (no file is written): extract the contracts from the
 * schema files, lint the model, and emit the generated modules when neither found an error.
 *
 * @example
 * const { files, diagnostics } = generate({ root: process.cwd(), files: ['schemas/weather.ts'], generatorVersion: '0.1.0' });
 */
export function generate(options: GenerateOptions): GenerateResult {
  // One run and no updates after it: the plain emitter, which records nothing for later reuse.
  const pipeline = createPipeline(options, (model) => emit(model, options));
  return pipeline.generate();
}

/**
 * A long-lived generator for watch mode: `update` re-extracts only what changed paths affect, and both
 * re-render only the modules whose text can differ from the last run (the rest keep their previous text).
 */
export interface Generator {
  generate(): GenerateResult;
  update(changedPaths: readonly string[]): GenerateResult;
  /** How many modules the last run rendered and reused (zeros until a run emitted). */
  readonly emitStats: IncrementalEmitStats;
}

/** Creates a {@link Generator} that keeps the extractor's program and the emitted modules between runs. */
export function createGenerator(options: GenerateOptions): Generator {
  const emitter = createIncrementalEmitter(options);
  const pipeline = createPipeline(options, (model) => emitter.emit(model));
  return {
    ...pipeline,
    get emitStats() {
      return emitter.stats;
    },
  };
}

/** extract (in full or as an update) -> lint -> emit, with `emitModel` as the emit stage. */
function createPipeline(
  options: GenerateOptions,
  emitModel: (model: ContractModel) => GeneratedFile[],
): Omit<Generator, 'emitStats'> {
  // Lint is a stage of its own below, so the extractor only extracts.
  const extractor: Extractor = createExtractor({
    root: options.root,
    files: options.files,
    lint: false,
    ...(options.naming === undefined ? {} : { naming: options.naming }),
    ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
  });
  const lint = (model: ContractModel): Diagnostic[] =>
    lintModel(model, { strictUris: options.strictUris === true });

  const emit = (model: ContractModel): { files: GeneratedFile[]; diagnostics: Diagnostic[] } => {
    try {
      return { files: emitModel(model), diagnostics: [] };
    } catch (error) {
      // The linter should catch everything emit refuses; if not, it is still a coded diagnostic.
      if (!(error instanceof EmitError)) throw error;
      const diagnostic: Diagnostic = {
        code: error.code,
        severity: 'error',
        message: error.message,
        hint: 'This construct passed the lint rules but cannot be emitted; please report it.',
        ...(error.location === undefined ? {} : { location: error.location }),
      };
      return { files: [], diagnostics: [diagnostic] };
    }
  };

  // extract (done by the caller, in full or as an update) -> lint -> emit.
  const run = (extracted: ExtractResult): GenerateResult => {
    const { model } = extracted;
    const stages = { extract: extracted.diagnostics, lint: lint(model) };
    const found = normalizeDiagnostics([...stages.extract, ...stages.lint]);
    if (found.some((d) => d.severity === 'error'))
      return { model, files: [], diagnostics: found, stages: { ...stages, emit: [] } };
    const emitted = emit(model);
    return {
      model,
      files: emitted.files,
      diagnostics: [...found, ...emitted.diagnostics],
      stages: { ...stages, emit: emitted.diagnostics },
    };
  };

  return {
    // A full run of up to BATCH_JIT_MAX_FILES schema files is a short batch job: the JIT is tuned for it
    // (load-compiler.ts). Longer runs and watch updates keep V8's defaults.
    generate: () =>
      options.batchJit === true && options.files.length <= BATCH_JIT_MAX_FILES
        ? runAsBatch(() => run(extractor.extract()))
        : run(extractor.extract()),
    update: (changedPaths) => run(extractor.update(changedPaths)),
  };
}
