/**
 * `wamp-contracts export --format jsonschema|asyncapi`: reads the schema files (as `gen` does),
 * and prints the contract as one JSON Schema 2020-12 document or an AsyncAPI 3.0 document, to
 * stdout or `--out FILE`. Deterministic: the same schemas give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ContractModel,
  contractJsonSchema,
  JsonSchemaExportError,
  type JsonSchemaWarning,
  type WireSerializer,
} from 'wamp-contracts/contract-model';
import { contractAsyncApi } from '../../export/asyncapi.js';
import { extractContracts } from '../../extract/index.js';
import { lintModel } from '../../model/lint.js';
import { ConfigError, type GenConfig, loadConfig, type NamingRule, resolveSchemaFiles } from '../config.js';
import { formatDiagnostic } from '../gen/print-diagnostic.js';

const HELP = `Usage: wamp-contracts export --format jsonschema|asyncapi [options]

Prints the contract of the schema files for other languages and tools (see docs/export.md):
  jsonschema   one JSON Schema 2020-12 document: every named type, and per procedure, topic and
               error its wire payloads, annotated with their WAMP URIs (x-wamp-*)
  asyncapi     an AsyncAPI 3.0 document: procedures as request/reply operations, topics as channels

Options:
  --format F             jsonschema or asyncapi (required)
  --serializer S         whose wire form binary takes: json (default), msgpack or cbor
  --out FILE             write to FILE instead of stdout
  --title T              AsyncAPI info.title (default: WAMP contract)
  --api-version V        AsyncAPI info.version (default: 0.0.0)
  --config FILE          configuration file, as for gen
  --schemas GLOB         schema files (repeatable; overrides the configuration)
  --naming RULE          URI naming of members without @uri: as-is (default) or snake_case
  --strict               fail (exit 1) on export warnings instead of printing them
  -h, --help             show this help

Exit codes: 0 exported, 1 errors in schemas, configuration or flags, or a warning with --strict.`;

/** Stable codes of `export` failures (docs/error-codes.md, CLI error codes). */
export const ExportErrorCode = {
  USAGE: 'export.usage',
  SCHEMA_ERRORS: 'export.schema_errors',
  UNSUPPORTED_MODEL: 'export.unsupported_model',
  WARNINGS: 'export.warnings',
} as const;

/** Where `export` reads and writes, for tests. */
export interface ExportIo {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (line: string) => void;
}

/** Runs `export` with `argv` (the arguments after `export`) and resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  return runExport(argv, {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

/** `export` with explicit I/O. */
export function runExport(argv: string[], io: ExportIo): number {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    io.err(`wamp-contracts export: error ${ExportErrorCode.USAGE}: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (flags.help) {
    io.out(`${HELP}\n`);
    return 0;
  }
  let model: ContractModel;
  let root: string;
  try {
    const config = loadExportConfig(io.cwd, flags.config, flags.overrides);
    root = config.root;
    const extracted = extractContracts({
      root: config.root,
      files: resolveSchemaFiles(config),
      ...(config.naming === undefined ? {} : { naming: config.naming }),
      ...(config.tsconfig === undefined ? {} : { tsconfig: config.tsconfig }),
    });
    model = extracted.model;
    const diagnostics = [
      ...extracted.diagnostics,
      ...lintModel(model, { strictUris: config.strictUris === true }),
    ];
    for (const d of diagnostics) io.err(formatDiagnostic(d, config.root));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
      io.err(
        `wamp-contracts export: error ${ExportErrorCode.SCHEMA_ERRORS}: ${errors} error(s) in the schemas; nothing exported.`,
      );
      return 1;
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`error ${error.message}`);
    return 1;
  }
  let document: unknown;
  let warnings: readonly JsonSchemaWarning[];
  try {
    const result =
      flags.format === 'asyncapi'
        ? contractAsyncApi(model, { serializer: flags.serializer, ...flags.info })
        : contractJsonSchema(model, { serializer: flags.serializer });
    document = 'document' in result ? result.document : result.schema;
    warnings = result.warnings;
  } catch (error) {
    if (!(error instanceof JsonSchemaExportError)) throw error;
    io.err(
      `wamp-contracts export: error ${ExportErrorCode.UNSUPPORTED_MODEL}: ${error.code}: ${error.message}`,
    );
    return 1;
  }
  for (const w of warnings) io.err(`warning ${w.code}: ${w.where}: ${w.message}`);
  if (flags.strict && warnings.length > 0) {
    io.err(
      `wamp-contracts export: error ${ExportErrorCode.WARNINGS}: ${warnings.length} warning(s) with --strict; nothing exported.`,
    );
    return 1;
  }
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (flags.out === undefined) {
    io.out(text);
    return 0;
  }
  const path = resolve(io.cwd, flags.out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  io.err(`wamp-contracts export: wrote ${flags.format} to ${path} (schemas from ${root}).`);
  return 0;
}

/**
 * The gen configuration; with `--schemas` and no configuration file, `export` needs no `out`
 * (it writes no modules), so `node_modules` (skipped by the schema walk anyway) stands in for it.
 */
function loadExportConfig(cwd: string, file: string | undefined, overrides: Partial<GenConfig>) {
  try {
    return loadConfig(cwd, file, overrides);
  } catch (error) {
    if (!(error instanceof ConfigError) || overrides.schemas === undefined || file !== undefined) throw error;
    return loadConfig(cwd, file, { ...overrides, out: 'node_modules' });
  }
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      format: { type: 'string' },
      serializer: { type: 'string', default: 'json' },
      out: { type: 'string' },
      title: { type: 'string' },
      'api-version': { type: 'string' },
      config: { type: 'string' },
      schemas: { type: 'string', multiple: true },
      naming: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true } as const;
  if (values.format !== 'jsonschema' && values.format !== 'asyncapi')
    throw new Error(
      `--format must be jsonschema or asyncapi${values.format === undefined ? '' : `, not ${values.format}`}`,
    );
  if (!['json', 'msgpack', 'cbor'].includes(values.serializer))
    throw new Error(`--serializer must be json, msgpack or cbor, not ${values.serializer}`);
  if (values.naming !== undefined && values.naming !== 'as-is' && values.naming !== 'snake_case')
    throw new Error(`--naming must be as-is or snake_case, not ${values.naming}`);
  if (values.format === 'jsonschema' && (values.title !== undefined || values['api-version'] !== undefined))
    throw new Error('--title and --api-version apply to --format asyncapi only');
  const overrides: Partial<GenConfig> = {
    ...(values.schemas === undefined ? {} : { schemas: values.schemas }),
    ...(values.naming === undefined ? {} : { naming: values.naming as NamingRule }),
  };
  return {
    help: false,
    format: values.format,
    serializer: values.serializer as WireSerializer,
    out: values.out,
    strict: values.strict,
    info: {
      ...(values.title === undefined ? {} : { title: values.title }),
      ...(values['api-version'] === undefined ? {} : { version: values['api-version'] }),
    },
    config: values.config,
    overrides,
  } as const;
}
