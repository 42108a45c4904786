/**
 * What `inspect`, `call`, `subscribe` and `publish` share: the router URL, realm, auth and
 * serializer flags (auth parsed as `run` parses it), connecting, the exit codes, and finding a
 * procedure's or topic's contract, live (`<prefix>._contract`) or local (`--schemas`).
 */
import { parseArgs } from 'node:util';
import type { ContractModel } from 'wamp-contracts/contract-model';
import { isWampError } from 'wamp-contracts/runtime/contracts';
import { connect, type SerializerName, type Session } from 'wamp-contracts';
import { errorText } from 'wamp-contracts/protocol';
import { decodeJson, encodeJson } from 'wamp-contracts/serializers';
import { extractContracts } from '../../extract/index.js';
import { loadConfig, resolveSchemaFiles } from '../config.js';
import { AUTH_FLAG_OPTIONS, resolveAuth } from 'wamp-contracts/cli';

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
  /**
   * The contract that declares the URI cannot be used to check it: a malformed live answer, or a
   * model beyond the checker's bounds (`live.contract_unusable`); nothing was sent.
   */
  CONTRACT_UNUSABLE: 6,
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
  ...AUTH_FLAG_OPTIONS,
  serializer: { type: 'string' },
  timeout: { type: 'string' },
  schemas: { type: 'string' },
  'no-check': { type: 'boolean' },
  'lenient-payload': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMON_USAGE = `  --realm <uri>          realm to join (env WAMP_REALM; default realm1)
  --auth METHOD          anonymous, ticket, wampcra or cryptosign (env WAMP_AUTH), as for run
  --authid ID            authid (env WAMP_AUTHID); --authrole ROLE to ask for a role
  --secret-file FILE     ticket, WAMP-CRA secret or cryptosign key (env WAMP_SECRET, or --secret)
  --serializer NAME      json, msgpack or cbor (default json)
  --timeout MS           call timeout (default 10000)
  --schemas GLOB         check against local schema files instead of the live contract
  --no-check             send without looking up or applying any contract
  --lenient-payload      read a null ArgumentsKw as absent (routers such as fox-wamp send it)
  -h, --help             show this help`;

/** Parsed flags: strings, booleans for switches, lists for repeatable flags. */
export type LiveValues = Record<string, string | boolean | string[] | undefined>;

/** A live command: its name in messages, its `--help` text and its options beyond the common ones. */
export interface LiveCommandSpec {
  readonly name: string;
  readonly help: string;
  readonly options?: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
}

/** Parses `argv` with the common flags and `extra`; throws a usage `LiveCommandError`. */

function parseLive(
  argv: string[],
  extra: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {},
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
    for (const name of Object.keys(AUTH_FLAG_OPTIONS)) {
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
      ...(values['lenient-payload'] === true ? { lenientPayload: true } : {}),
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

/**
 * Parses `argv` (the common options and `spec.options`), answers `--help`, then runs `body`; prints a
 * `LiveCommandError` (or any error) and returns its exit code.
 */
export async function runLive(
  spec: LiveCommandSpec,
  argv: string[],
  io: LiveIo,
  body: (values: LiveValues, positionals: string[]) => Promise<number>,
): Promise<number> {
  const command = spec.name;
  try {
    const { values, positionals } = parseLive(argv, spec.options);
    if (values.help === true) {
      io.out(spec.help);
      return LiveExitCode.OK;
    }
    return await body(values, positionals);
  } catch (error) {
    if (error instanceof LiveCommandError) {
      io.err(`wamp-contracts ${command}: ${error.code}: ${error.message}`);
      return error.exitCode;
    }
    if (isWampError(error)) {
      io.err(
        `wamp-contracts ${command}: error ${error.uri} ${JSON.stringify({ args: error.args, kwargs: error.kwargs })}`,
      );
    } else io.err(`wamp-contracts ${command}: ${errorText(error)}`);
    const hint = lenientHint(error);
    if (hint !== undefined) io.err(`wamp-contracts ${command}: ${hint}`);
    return LiveExitCode.REMOTE_ERROR;
  }
}

/** The advice for a router that sends a null ArgumentsKw (fox-wamp), when that is what went wrong. */
function lenientHint(error: unknown): string | undefined {
  return /ArgumentsKw must be a dictionary/.test(errorText(error))
    ? 'the router sent a null ArgumentsKw (fox-wamp does); --lenient-payload reads it as absent'
    : undefined;
}

/**
 * A `live.connect_failed` error when `session` ended (for example after a protocol violation),
 * else undefined: a command stops at once instead of going on with a closed session.
 */
export function sessionEnded(session: Session, error: unknown): LiveCommandError | undefined {
  if (session.isJoined) return undefined;
  const hint = lenientHint(error);
  return new LiveCommandError(
    'live.connect_failed',
    LiveExitCode.CONNECT_FAILED,
    `the session ended: ${errorText(error)}${hint === undefined ? '' : `; ${hint}`}`,
  );
}

/** One result or event as one JSON line: its single value, or `{args, kwargs}` when it has more. */
export function payloadLine(args: readonly unknown[], kwargs: Record<string, unknown>): string {
  // The JSON serializer's text: binary is written as it travels in JSON (a NUL-prefixed base64 string).
  if (Object.keys(kwargs).length === 0 && args.length <= 1) return encodeJson(args[0] ?? null);
  return encodeJson({ args, kwargs });
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

/**
 * Parses a JSON command-line value as the JSON serializer reads a peer's JSON (so a string
 * `"\u0000<base64>"` is binary, and nesting is bounded); a usage error names the argument.
 */
export function parseJson(text: string, what: string): unknown {
  try {
    return decodeJson(text);
  } catch (error) {
    throw usage(`${what} is not JSON: ${errorText(error)}`);
  }
}
