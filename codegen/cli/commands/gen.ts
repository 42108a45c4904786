/**
 * `wamp-contracts gen`: generate typed code from schema files; `--check` verifies that the checked-in
 * output is up to date (prints a diff, exits 1 when stale); `--watch` regenerates on change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type GenerateOptions,
  type GenerateResult,
  type Generator,
  createGenerator,
  generate,
} from '../../generate.js';
import {
  ConfigError,
  type GenConfig,
  type NamingRule,
  type ResolvedConfig,
  loadConfig,
  resolveSchemaFiles,
} from '../config.js';
import type { GenIo } from '../gen/gen-io.js';
import { snapshotText } from '../../diff/snapshot.js';
import { generatorVersion } from '../gen/generator-version.js';
import { applyOutput, planOutput } from '../gen/output-dir.js';
import { formatDiagnostic } from '../gen/print-diagnostic.js';
import { unifiedDiff } from '../gen/unified-diff.js';
import { watchSchemas } from '../gen/watch-schemas.js';

const HELP = `Usage: wamp-contracts gen [options]

Generates typed clients, callee base classes and zod validators from schema files.

Options:
  --config FILE          configuration file (default: wamp-contracts.config.json, else package.json#wampContracts)
  --schemas GLOB         schema files (repeatable; overrides the configuration)
  --out DIR              output directory (overrides the configuration)
  --naming RULE          URI naming of members without @uri: as-is (default) or snake_case
  --snapshot FILE        also write the contract model to FILE (stable JSON) for 'diff --against FILE'
  --check                write nothing; print a diff and exit 1 when the output is stale
  --watch                regenerate when schema files change
  -h, --help             show this help

Exit codes: 0 success (or up to date), 1 errors in schemas or configuration, or stale output with --check.`;

/** Runs `gen` with `argv` (the arguments after `gen`) and resolves with the exit code. */
export function run(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: GenIo = {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    progress: process.stderr.isTTY === true,
    signal: controller.signal,
  };
  return runGen(argv, io).finally(() => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
}

/** `gen` with explicit I/O, for tests and for embedding. */
export async function runGen(argv: string[], io: GenIo): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    io.err(`wamp-contracts gen: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  let config: ResolvedConfig;
  let files: string[];
  try {
    config = loadConfig(io.cwd, flags.config, flags.overrides);
    files = resolveSchemaFiles(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`error ${error.message}`);
      return 1;
    }
    throw error;
  }
  const outDir = resolve(config.root, config.out);
  const snapshot = flags.snapshot === undefined ? undefined : resolve(io.cwd, flags.snapshot);
  if (io.progress) io.err(`wamp-contracts gen: reading ${files.length} schema files...`);
  const started = performance.now();
  // Without --watch nothing follows the first run: the one-shot pipeline, which keeps nothing for updates.
  if (!flags.watch)
    return finish(
      generate(genOptions(config, files)),
      config,
      outDir,
      flags.check,
      argv,
      io,
      started,
      snapshot,
    );
  let generator = makeGenerator(config, files);
  finish(generator.generate(), config, outDir, flags.check, argv, io, started, snapshot);
  return watchSchemas(config, files, outDir, io, (changed) => {
    const t0 = performance.now();
    // A schema file added or removed changes the program's roots: start over; otherwise update incrementally.
    let now: string[];
    try {
      now = resolveSchemaFiles(config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(`error ${error.message}`);
      return 1;
    }
    if (now.join('\n') !== files.join('\n')) {
      files = now;
      generator = makeGenerator(config, files);
      return finish(generator.generate(), config, outDir, false, argv, io, t0, snapshot);
    }
    return finish(generator.update(changed), config, outDir, false, argv, io, t0, snapshot);
  });
}

function makeGenerator(config: ResolvedConfig, files: readonly string[]): Generator {
  return createGenerator(genOptions(config, files));
}

function genOptions(config: ResolvedConfig, files: readonly string[]): GenerateOptions {
  return {
    root: config.root,
    files,
    generatorVersion: generatorVersion(),
    // The gen command owns its process, so it may tune the JIT for the run (generate.ts).
    batchJit: true,
    ...pick(config, [
      'naming',
      'strictUris',
      'tsconfig',
      'validateArgs',
      'validateResults',
      'runtimeImport',
      'validatorsImport',
      'index',
      'typeCheckOutput',
    ]),
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

// Prints diagnostics, then writes (or, with --check, compares) the output; returns the exit code.
function finish(
  result: GenerateResult,
  config: ResolvedConfig,
  outDir: string,
  check: boolean,
  argv: readonly string[],
  io: GenIo,
  started: number,
  snapshot?: string,
): number {
  for (const diagnostic of result.diagnostics) io.err(formatDiagnostic(diagnostic, config.root));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    io.err(`wamp-contracts gen: ${errors} error(s); nothing was ${check ? 'checked' : 'written'}.`);
    return 1;
  }
  const plan = planOutput(outDir, result.files);
  const ms = Math.round(performance.now() - started);
  const snapshotStale = snapshot !== undefined && !snapshotUpToDate(snapshot, result, check);
  if (check) {
    if (snapshotStale) io.err(`wamp-contracts gen --check: the snapshot ${snapshot} is stale or missing.`);
    if (plan.changed.length === 0 && plan.stale.length === 0 && !snapshotStale) {
      io.out(
        `wamp-contracts gen --check: ${result.files.length} files up to date in ${config.out} (${ms} ms).`,
      );
      return 0;
    }
    for (const { file, current } of plan.changed)
      io.out(unifiedDiff(`${config.out}/${file.path}`, current, file.text));
    for (const { path, current } of plan.stale)
      io.out(unifiedDiff(`${config.out}/${path}`, current, undefined));
    const fix = ['wamp-contracts', 'gen', ...argv.filter((a) => a !== '--check')].join(' ');
    io.err(
      `wamp-contracts gen --check: ${plan.changed.length} file(s) stale or missing, ${plan.stale.length} extra. Run: ${fix}`,
    );
    return 1;
  }
  applyOutput(outDir, plan);
  io.out(
    `wamp-contracts gen: ${plan.changed.length} written, ${plan.stale.length} removed, ${plan.unchanged} unchanged in ${config.out} (${ms} ms).`,
  );
  return 0;
}

// With --check, compares the snapshot; otherwise writes it. True when it was already up to date.
function snapshotUpToDate(path: string, result: GenerateResult, check: boolean): boolean {
  const text = snapshotText(result.model);
  const same = existsSync(path) && readFileSync(path, 'utf8') === text;
  if (!check && !same) writeFileSync(path, text);
  return same;
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' },
      schemas: { type: 'string', multiple: true },
      out: { type: 'string' },
      snapshot: { type: 'string' },
      naming: { type: 'string' },
      check: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.naming !== undefined && values.naming !== 'as-is' && values.naming !== 'snake_case') {
    throw new Error(`--naming must be as-is or snake_case, not ${values.naming}`);
  }
  if (values.check && values.watch) throw new Error('--check and --watch cannot be combined');
  const overrides: Partial<GenConfig> = {
    ...(values.schemas === undefined ? {} : { schemas: values.schemas }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.naming === undefined ? {} : { naming: values.naming as NamingRule }),
  };
  return {
    help: values.help,
    check: values.check,
    watch: values.watch,
    config: values.config,
    snapshot: values.snapshot,
    overrides,
  };
}
