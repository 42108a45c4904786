import { EmitError } from './emit/emit-error.js';
import type { EmitOptions } from './emit/emit-options.js';
import { createIncrementalEmitter, type IncrementalEmitStats } from './emit/incremental-emit.js';
import { type Extractor, createExtractor } from './extract/create-extractor.js';
import type { ContractModel, GeneratedFile } from './model/contract-model.js';
import type { Diagnostic } from './model/diagnostic.js';
import type { UriNaming } from './model/uri-rules.js';

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
}

/** What {@link generate} produced: files are empty when any diagnostic is an error. */
export interface GenerateResult {
  readonly model: ContractModel;
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Extracts the contracts from schema files and emits the generated modules, in memory (no file is written).
 *
 * @example
 * const { files, diagnostics } = generate({ root: process.cwd(), files: ['schemas/weather.ts'], generatorVersion: '0.1.0' });
 */
export function generate(options: GenerateOptions): GenerateResult {
  return createGenerator(options).generate();
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
  const extractor: Extractor = createExtractor({
    root: options.root,
    files: options.files,
    ...(options.naming === undefined ? {} : { naming: options.naming }),
    ...(options.strictUris === undefined ? {} : { strictUris: options.strictUris }),
    ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
  });
  const emitter = createIncrementalEmitter(options);
  const finish = (model: ContractModel, diagnostics: Diagnostic[]): GenerateResult => {
    if (diagnostics.some((d) => d.severity === 'error')) return { model, files: [], diagnostics };
    try {
      return { model, files: emitter.emit(model), diagnostics };
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
      return { model, files: [], diagnostics: [...diagnostics, diagnostic] };
    }
  };
  return {
    generate() {
      const { model, diagnostics } = extractor.extract();
      return finish(model, diagnostics);
    },
    update(changedPaths) {
      const { model, diagnostics } = extractor.update(changedPaths);
      return finish(model, diagnostics);
    },
    get emitStats() {
      return emitter.stats;
    },
  };
}
