/**
 * Flags and environment variables of `wamp-contracts run`, resolved into connect options.
 * Flags win over environment variables; secrets are best passed by environment or file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuthOptions, InvokePolicy, SerializerName } from '../../index.js';
import { errorText } from '../../protocol/index.js';
import type { HostServiceOptions, ServiceTarget } from '../../service/index.js';
import { RunError, RunErrorCode, RunExitCode } from './run-exit-code.js';

/** Everything `run` needs, resolved from flags and environment: what the service host takes. */
export type RunOptions = HostServiceOptions;

/** The parsed command line, or a request for help. */
export type ParsedRun = { readonly help: true } | { readonly help: false; readonly options: RunOptions };

const AUTH_METHODS = ['anonymous', 'ticket', 'wampcra', 'cryptosign'] as const;
const SERIALIZERS = ['json', 'msgpack', 'cbor'] as const;
const INVOKE_POLICIES = [
  'single',
  'roundrobin',
  'random',
  'first',
  'last',
] as const satisfies readonly InvokePolicy[];

/** Parses `argv` (after `run`) with `env` as fallback; throws a `RunError` (exit 1) on misuse. */
export function parseRunOptions(argv: string[], env: NodeJS.ProcessEnv): ParsedRun {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usage(errorText(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  if (positionals.length === 0) throw usage('expected a target, e.g. ./service.js#WeatherImpl');
  if (positionals.length > 1 && values.prefix !== undefined)
    throw usage("--prefix mounts one service: run several services with their own contracts' prefixes");
  const serializer = values.serializer ?? env.WAMP_SERIALIZER ?? 'json';
  if (!(SERIALIZERS as readonly string[]).includes(serializer))
    throw usage(`--serializer must be one of ${SERIALIZERS.join(', ')}, not ${serializer}`);
  const invoke = values.invoke;
  if (invoke !== undefined && !(INVOKE_POLICIES as readonly string[]).includes(invoke))
    throw usage(`--invoke must be one of ${INVOKE_POLICIES.join(', ')}, not ${invoke}`);
  return {
    help: false,
    options: {
      targets: positionals.map(parseServiceTarget),
      url: values.url ?? env.WAMP_URL ?? 'ws://127.0.0.1:8080/ws',
      realm: values.realm ?? env.WAMP_REALM ?? 'realm1',
      auth: resolveAuth(values, env),
      serializer: serializer as SerializerName,
      prefix: values.prefix,
      drainTimeout: number('--drain-timeout', values['drain-timeout'], 10_000),
      maxRetries:
        values['max-retries'] === undefined ? Infinity : number('--max-retries', values['max-retries'], 0),
      maxRetryDelay: number('--max-retry-delay', values['max-retry-delay'], 10_000),
      restoreRetryPeriod: number('--restore-retry-period', values['restore-retry-period'], 30_000),
      ...(invoke === undefined ? {} : { invoke: invoke as InvokePolicy }),
      ...(values['disclose-caller'] === true ? { discloseCaller: true } : {}),
      ...(values['serve-contract'] === true ? { serveContract: true } : {}),
    },
  };
}

/** Splits `./service.ts#WeatherImpl` at its last `#`. */
export function parseServiceTarget(target: string): ServiceTarget {
  const hash = target.lastIndexOf('#');
  if (hash < 0) return { path: target, exportName: undefined };
  const name = target.slice(hash + 1);
  return { path: target.slice(0, hash), exportName: name === '' ? undefined : name };
}

/** The parseArgs definitions of the auth flags, which the generator's live commands take too. */
export const AUTH_FLAG_OPTIONS = {
  auth: { type: 'string' },
  authid: { type: 'string' },
  authrole: { type: 'string' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
} as const;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      realm: { type: 'string' },
      ...AUTH_FLAG_OPTIONS,
      serializer: { type: 'string' },
      prefix: { type: 'string' },
      invoke: { type: 'string' },
      'disclose-caller': { type: 'boolean' },
      'serve-contract': { type: 'boolean' },
      'drain-timeout': { type: 'string' },
      'max-retries': { type: 'string' },
      'max-retry-delay': { type: 'string' },
      'restore-retry-period': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type Values = ReturnType<typeof parse>['values'];

/** The auth flags, which `inspect`, `call`, `subscribe` and `publish` share with `run`. */
export type AuthFlags = Pick<Values, 'auth' | 'authid' | 'authrole' | 'secret' | 'secret-file'>;

/** Builds AuthOptions from --auth/--authid/--secret(-file), falling back to WAMP_* variables; throws a `RunError`. */
export function resolveAuth(values: AuthFlags, env: NodeJS.ProcessEnv): AuthOptions | undefined {
  const method = values.auth ?? env.WAMP_AUTH ?? 'anonymous';
  if (!(AUTH_METHODS as readonly string[]).includes(method))
    throw usage(`--auth must be one of ${AUTH_METHODS.join(', ')}, not ${method}`);
  const authid = values.authid ?? env.WAMP_AUTHID;
  const common = {
    ...(authid === undefined ? {} : { authid }),
    ...(values.authrole === undefined ? {} : { authrole: values.authrole }),
  };
  if (method === 'anonymous') return Object.keys(common).length === 0 ? undefined : { method, ...common };
  const secret = readSecret(values, env);
  if (secret === undefined)
    throw usage(`--auth ${method} needs a secret: --secret-file FILE, WAMP_SECRET, or --secret`);
  if (method === 'cryptosign') return { method, ...common, privateKey: secret };
  if (authid === undefined) throw usage(`--auth ${method} needs --authid (or WAMP_AUTHID)`);
  return method === 'ticket'
    ? { method, ...common, authid, ticket: secret }
    : { method: 'wampcra', ...common, authid, secret };
}

function readSecret(values: AuthFlags, env: NodeJS.ProcessEnv): string | undefined {
  if (values['secret-file'] !== undefined) {
    try {
      return readFileSync(values['secret-file'], 'utf8').trim();
    } catch (error) {
      throw usage(`--secret-file: ${errorText(error)}`);
    }
  }
  return values.secret ?? env.WAMP_SECRET;
}

function number(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw usage(`${flag} must be a non-negative integer, not ${text}`);
  return Number(text);
}

function usage(message: string): RunError {
  return new RunError(RunErrorCode.USAGE, RunExitCode.USAGE, message);
}
