/**
 * What `inspect`, `call`, `subscribe` and `publish` share: the router URL, realm, auth and
 * serializer flags (auth parsed as `run` parses it), connecting, the exit codes, and finding a
 * procedure's or topic's contract, live (`<prefix>._contract`) or local (`--schemas`).
 */
import { parseArgs } from 'node:util';
import type { ContractModel, ProcedureModel, TopicModel } from 'wamp-contracts/contract-model';
import { fetchLiveContract, isWampError } from 'wamp-contracts/runtime/contracts';
import { connect, type SerializerName, type Session } from 'wamp-contracts';
import { errorText } from 'wamp-contracts/protocol';
import { extractContracts } from '../../extract/index.js';
import { loadConfig, resolveSchemaFiles } from '../config.js';
import { resolveAuth } from 'wamp-contracts/cli';

/** Exit codes of the live commands (docs/cli.md). */
export const LiveExitCode = {
  OK: 0,
  /** Bad flags or arguments (`live.usage`). */
  USAGE: 1,
  /** Could not connect or join (`live.connect_failed`). */
  CONNECT_FAILED: 2,
  /** The router or callee answered with an ERROR (printed with its payload). */
  REMOTE_ERROR: 3,
  /** The arguments or payload do not fit the contract; nothing was sent (`live.contract_mismatch`). */
  CONTRACT_MISMATCH: 4,
  /** `--schemas` could not be read or has errors (`live.schemas_failed`). */
  SCHEMAS_FAILED: 5,
} as const;

/** A failure with its code and exit code, printed as `wamp-contracts <command>: <code>: <message>`. */
export class LiveCommandError extends Error {
  constructor(
    readonly code: string,
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The flags every live command takes. */
export const COMMON_OPTIONS = {
  realm: { type: 'string' },
  auth: { type: 'string' },
  authid: { type: 'string' },
  authrole: { type: 'string' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  serializer: { type: 'string' },
  timeout: { type: 'string' },
  schemas: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMON_USAGE = `  --realm <uri>          realm to join (env WAMP_REALM; default realm1)
  --auth METHOD          anonymous, ticket, wampcra or cryptosign (env WAMP_AUTH), as for run
  --authid ID            authid (env WAMP_AUTHID); --authrole ROLE to ask for a role
  --secret-file FILE     ticket, WAMP-CRA secret or cryptosign key (env WAMP_SECRET, or --secret)
  --serializer NAME      json, msgpack or cbor (default json)
  --timeout MS           call timeout (default 10000)
  --schemas GLOB         check against local schema files instead of the live contract
  -h, --help             show this help`;

/** Parsed flags: strings, booleans for switches. */
export type LiveValues = Record<string, string | boolean | undefined>;

/** Parses `argv` with the common flags and `extra`; throws a usage `LiveCommandError`. */
export function parseLive(
  argv: string[],
  extra: Record<string, { type: 'string' | 'boolean' }> = {},
): { values: LiveValues; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...COMMON_OPTIONS, ...extra },
    });
    return { values: parsed.values as LiveValues, positionals: parsed.positionals };
  } catch (error) {
    throw usage(errorText(error));
  }
}

/** A string flag, or undefined. */
export function str(values: LiveValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A usage error (exit 1). */
export function usage(message: string): LiveCommandError {
  return new LiveCommandError('live.usage', LiveExitCode.USAGE, message);
}

type CommonValues = {
  [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/** Connects to `url` with the common flags (no reconnect: a live command is one short session). */
export async function connectLive(
  url: string,
  values: CommonValues,
  env: NodeJS.ProcessEnv,
): Promise<Session> {
  let auth: ReturnType<typeof resolveAuth>;
  try {
    const flags: Record<string, string> = {};
    for (const name of ['auth', 'authid', 'authrole', 'secret', 'secret-file']) {
      const v = str(values, name);
      if (v !== undefined) flags[name] = v;
    }
    auth = resolveAuth(flags, env);
  } catch (error) {
    throw usage(errorText(error));
  }
  const serializer = str(values, 'serializer') ?? 'json';
  if (!['json', 'msgpack', 'cbor'].includes(serializer))
    throw usage(`--serializer must be json, msgpack or cbor`);
  try {
    return await connect({
      url,
      realm: str(values, 'realm') ?? env.WAMP_REALM ?? 'realm1',
      serializer: serializer as SerializerName,
      ...(auth === undefined ? {} : { auth }),
    });
  } catch (error) {
    throw new LiveCommandError(
      'live.connect_failed',
      LiveExitCode.CONNECT_FAILED,
      `${url}: ${errorText(error)}`,
    );
  }
}

/** `--timeout` in ms (default 10 000). */
export function timeoutOf(values: LiveValues): number {
  const text = str(values, 'timeout');
  if (text === undefined) return 10_000;
  if (!/^\d+$/.test(text)) throw usage(`--timeout must be a non-negative integer, not ${text}`);
  return Number(text);
}

/** Reads the contract model of local schema files (`--schemas`), as `export` does. */
export function localModel(glob: string, cwd: string = process.cwd()): ContractModel {
  try {
    // No output directory is involved: node_modules only keeps the config's `out` check quiet.
    const config = loadConfig(cwd, undefined, { schemas: [glob], out: 'node_modules' });
    const extracted = extractContracts({
      root: config.root,
      files: resolveSchemaFiles(config),
      ...(config.tsconfig === undefined ? {} : { tsconfig: config.tsconfig }),
    });
    const errors = extracted.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('; '));
    return extracted.model as ContractModel;
  } catch (error) {
    throw new LiveCommandError(
      'live.schemas_failed',
      LiveExitCode.SCHEMAS_FAILED,
      `${glob}: ${errorText(error)}`,
    );
  }
}

/** Every URI prefix a live contract may be served under for `uri`: `a.b.c.d` → `a.b.c`, `a.b`, `a`. */
function prefixesOf(uri: string): string[] {
  const parts = uri.split('.');
  const out: string[] = [];
  for (let i = parts.length - 1; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

/**
 * The contract of `uri` (a procedure or topic): from `--schemas` when given, else from the live
 * contract served under the nearest prefix of the URI. Undefined when neither declares it.
 */
export async function contractOf(
  session: Session,
  uri: string,
  kind: 'procedure' | 'topic',
  schemas: string | undefined,
  timeout: number,
): Promise<{ entry: ProcedureModel | TopicModel; model: ContractModel } | undefined> {
  const models: ContractModel[] = [];
  if (schemas !== undefined) models.push(localModel(schemas));
  else
    for (const prefix of prefixesOf(uri)) {
      const live = await fetchLiveContract(session, prefix, { timeout }).catch(() => undefined);
      if (live?.model !== undefined) {
        models.push(live.model);
        break;
      }
    }
  for (const model of models)
    for (const file of model.files) {
      const list =
        kind === 'procedure'
          ? file.services.flatMap((s) => s.procedures)
          : file.topics.flatMap((t) => t.topics);
      const found = list.find((e) => e.uri === uri);
      if (found !== undefined) return { entry: found, model };
    }
  return undefined;
}

/**
 * The contract entry of `uri` with `value` checked against it (`mismatches` lists the problems):
 * refuses with `live.contract_mismatch` when `--schemas` does not declare it or the value does not
 * fit; undefined, with a note that `what` goes out unchecked, when no contract declares it at all.
 */
export async function checkedEntry<T extends ProcedureModel | TopicModel>(
  session: Session,
  uri: string,
  kind: T extends ProcedureModel ? 'procedure' : 'topic',
  values: LiveValues,
  io: LiveIo,
  command: string,
  what: string,
  mismatches: (entry: T, model: ContractModel) => string[],
): Promise<T | undefined> {
  const schemas = str(values, 'schemas');
  const found = await contractOf(session, uri, kind, schemas, timeoutOf(values));
  if (found === undefined) {
    if (schemas !== undefined)
      throw new LiveCommandError(
        'live.contract_mismatch',
        LiveExitCode.CONTRACT_MISMATCH,
        `${schemas} declares no ${kind} ${uri}`,
      );
    io.err(`wamp-contracts ${command}: no contract declares ${uri}; ${what} not checked`);
    return undefined;
  }
  const problems = mismatches(found.entry as T, found.model);
  if (problems.length > 0)
    throw new LiveCommandError('live.contract_mismatch', LiveExitCode.CONTRACT_MISMATCH, problems.join('; '));
  return found.entry as T;
}

/** Where a live command writes (lines), its environment and its stop signal (SIGINT for `subscribe`). */
export interface LiveIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Ends a command that runs until stopped (`subscribe`). */
  readonly stop?: AbortSignal;
}

/** The process's streams, environment and SIGINT/SIGTERM. */
export function processIo(): LiveIo {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stop: controller.signal,
  };
}

/** Runs a live command body, printing a `LiveCommandError` (or any error) and returning its exit code. */
export async function runLive(command: string, io: LiveIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof LiveCommandError) {
      io.err(`wamp-contracts ${command}: ${error.code}: ${error.message}`);
      return error.exitCode;
    }
    if (isWampError(error)) {
      io.err(
        `wamp-contracts ${command}: error ${error.uri} ${JSON.stringify({ args: error.args, kwargs: error.kwargs })}`,
      );
      return LiveExitCode.REMOTE_ERROR;
    }
    io.err(`wamp-contracts ${command}: ${errorText(error)}`);
    return LiveExitCode.REMOTE_ERROR;
  }
}

/** One result or event as one JSON line: its single value, or `{args, kwargs}` when it has more. */
export function payloadLine(args: readonly unknown[], kwargs: Record<string, unknown>): string {
  if (Object.keys(kwargs).length === 0 && args.length <= 1) return JSON.stringify(args[0] ?? null);
  return JSON.stringify({ args, kwargs });
}

/** Splits a JSON command-line payload into WAMP args and kwargs: an array is args, an object kwargs. */
export function toPayload(
  value: unknown,
  kwargs: boolean | undefined,
): { args?: unknown[]; kwargs?: Record<string, unknown> } {
  if (Array.isArray(value)) return { args: value };
  if (value !== null && typeof value === 'object' && kwargs !== false)
    return { kwargs: value as Record<string, unknown> };
  return { args: [value] };
}

/** Parses a JSON command-line value; a usage error names the argument. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usage(`${what} is not JSON: ${errorText(error)}`);
  }
}
