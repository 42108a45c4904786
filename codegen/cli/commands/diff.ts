/**
 * `wamp-contracts diff --against <git revision | directory | snapshot>`: compares the current
 * schemas with an earlier version and reports every change that breaks a peer (or code) built
 * from the earlier one. Rules and categories: docs/diff.md.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type DiffSettings, DEFAULT_FAIL_ON, applyPolicy, checkFailOn } from '../../diff/diff-policy.js';
import { DiffError, DiffErrorCode } from '../../diff/diff-error.js';
import { type ProjectSchemas, extractProject, loadAgainst } from '../../diff/load-version.js';
import { type CompatFinding, compareContracts, formatFinding } from 'wamp-contracts/contract-model';
import {
  ConfigError,
  ConfigErrorCode,
  type GenConfig,
  type ResolvedConfig,
  loadConfig,
  resolveSchemaFiles,
} from '../config.js';
import { formatDiagnostic } from '../gen/print-diagnostic.js';

const HELP = `Usage: wamp-contracts diff --against <git revision | directory | snapshot file> [options]

Compares the current schemas with an earlier version and reports each change that breaks a peer
or code built from the earlier one (rules: docs/diff.md).

Options:
  --against REF|DIR|FILE  the earlier version: a git revision (main, v1.2.0), a project directory,
                          or a snapshot written by 'gen --snapshot FILE'
  --fail-on LIST          categories whose errors fail the run, comma-separated: WIRE_CONSUMER,
                          WIRE_PROVIDER, SOURCE, and 'warnings' to fail on their warnings too
                          (default: diff.failOn in the configuration, else WIRE_CONSUMER,SOURCE)
  --format text|json      output format (default text)
  --schemas GLOB          schema files (repeatable; overrides the configuration)
  --out DIR               generated output directory, skipped when globbing (overrides the configuration)
  --config FILE           configuration file (default: wamp-contracts.config.json, else package.json#wampContracts)
  -h, --help              show this help

Exit codes: 0 no failing finding, 1 failing findings, 2 bad flags or configuration, a version that
cannot be loaded, or schema errors.`;

/** Where `diff` reads and writes. */
export interface DiffIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/** Runs `diff` with `argv` (the arguments after `diff`) and resolves with the exit code. */
export function run(argv: string[]): Promise<number> {
  return Promise.resolve(
    runDiff(argv, {
      cwd: process.cwd(),
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    }),
  );
}

/** `diff` with explicit I/O, for tests and for embedding. */
export function runDiff(argv: string[], io: DiffIo): number {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    io.err(`error ${DiffErrorCode.USAGE}: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  try {
    const config = loadConfig(io.cwd, flags.config, flags.overrides);
    const failOn = flags.failOn ?? config.diff?.failOn ?? DEFAULT_FAIL_ON;
    const current = extractProject(config.root, schemasOf(config), 'current schemas');
    const read = (dir: string): ProjectSchemas =>
      schemasOf(configIn(dir, config, io.cwd, flags.config, flags.overrides));
    const earlier = loadAgainst(flags.against, io.cwd, config.root, read);
    const findings = compareContracts(earlier.model, current);
    return report(findings, earlier.label, failOn, config.diff, flags.format, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`error ${error.message}`);
      return 2;
    }
    if (error instanceof DiffError) {
      for (const d of error.diagnostics) io.err(formatDiagnostic(d, io.cwd));
      io.err(`error ${error.code}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function schemasOf(config: ResolvedConfig): ProjectSchemas {
  return { files: resolveSchemaFiles(config), tsconfig: config.tsconfig, naming: config.naming };
}

// The earlier version's own configuration when it has one (at the same place), else the current one's settings.
function configIn(
  dir: string,
  current: ResolvedConfig,
  cwd: string,
  configFlag: string | undefined,
  overrides: Partial<GenConfig>,
): ResolvedConfig {
  if (configFlag !== undefined) {
    const same = join(dir, relative(current.root, resolve(cwd, configFlag)));
    if (existsSync(same)) return loadConfig(dir, same, overrides);
  } else {
    try {
      return loadConfig(dir, undefined, overrides);
    } catch (error) {
      if (!(error instanceof ConfigError) || error.code !== ConfigErrorCode.NOT_FOUND) throw error;
    }
  }
  return { ...current, root: dir, source: `${current.source} (applied to ${dir})` };
}

function report(
  findings: readonly CompatFinding[],
  label: string,
  failOn: readonly string[],
  settings: DiffSettings | undefined,
  format: 'text' | 'json',
  io: DiffIo,
): number {
  const outcome = applyPolicy(findings, failOn, settings?.allow);
  const ok = outcome.failing.length === 0;
  if (format === 'json') {
    const status = (f: CompatFinding) =>
      outcome.failing.includes(f) ? 'failing' : outcome.allowed.includes(f) ? 'allowed' : 'reported';
    const json = {
      against: label,
      failOn,
      ok,
      findings: findings.map((f) => ({ ...f, status: status(f) })),
      unusedAllows: outcome.unusedAllows,
    };
    io.out(JSON.stringify(json, null, 2));
    return ok ? 0 : 1;
  }
  for (const f of outcome.failing) io.out(`FAIL ${formatFinding(f)}`);
  for (const f of outcome.reported) io.out(`     ${formatFinding(f)}`);
  for (const a of outcome.unusedAllows)
    io.err(
      `wamp-contracts diff: the allowed finding ${a.rule} ${a.subject} no longer occurs; remove it from diff.allow`,
    );
  io.out(
    `wamp-contracts diff against ${label}: ${findings.length} finding(s), ${outcome.failing.length} failing (fail on ${failOn.join(', ')}), ${outcome.allowed.length} allowed.`,
  );
  return ok ? 0 : 1;
}

function parseFlags(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      against: { type: 'string' },
      'fail-on': { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      schemas: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const overrides: Partial<GenConfig> = {
    ...(values.schemas === undefined ? {} : { schemas: values.schemas }),
    ...(values.out === undefined ? {} : { out: values.out }),
  };
  if (values.help)
    return {
      help: true,
      against: '',
      format: 'text' as const,
      failOn: undefined,
      config: undefined,
      overrides,
    };
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
  if (values.against === undefined || values.against === '') throw new Error('--against is required');
  if (values.format !== 'text' && values.format !== 'json')
    throw new Error(`--format must be text or json, not ${values.format}`);
  const failOn = values['fail-on']
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (failOn !== undefined) {
    const wrong = checkFailOn(failOn);
    if (wrong !== undefined) throw new Error(`--fail-on: ${wrong}`);
  }
  const format: 'text' | 'json' = values.format;
  return { help: false, against: values.against, format, failOn, config: values.config, overrides };
}
