/**
 * Exit codes and stable error codes of `wamp-contracts run`; documented in docs/cli.md.
 */
import { type ServiceError, ServiceErrorCode, type ServiceErrorCodeValue } from '../../service/index.js';

/** Process exit codes of `wamp-contracts run`. */
export const RunExitCode = {
  /** Stopped by SIGINT/SIGTERM: unregistered, drained, left. */
  OK: 0,
  /** Bad flags, a missing target, or an incomplete auth setup. */
  USAGE: 1,
  /** The module file is missing, cannot be imported (e.g. `.ts` without a loader) or threw while loading. */
  LOAD: 2,
  /** The export is missing, is not a callee class, lacks a method, or its constructor threw. */
  SERVICE: 3,
  /** Could not connect or join (router unreachable, realm or credentials refused). */
  CONNECT: 4,
  /** The router refused a registration (e.g. `wamp.error.procedure_already_exists`). */
  REGISTER: 5,
  /** The session ended for good while running (killed, credentials refused on reconnect, retries exhausted). */
  SESSION_LOST: 6,
} as const;

/** One of {@link RunExitCode}'s values. */
export type RunExitCodeValue = (typeof RunExitCode)[keyof typeof RunExitCode];

/** Stable codes printed with each `run` error, e.g. `error run.export_missing: ...`: misuse, or what the service host reports. */
export const RunErrorCode = {
  USAGE: 'run.usage',
  ...ServiceErrorCode,
} as const;

/** One of {@link RunErrorCode}'s values. */
export type RunErrorCodeValue = (typeof RunErrorCode)[keyof typeof RunErrorCode];

/** The exit code of each way the service host can fail. */
const SERVICE_EXIT_CODES: Readonly<Record<ServiceErrorCodeValue, RunExitCodeValue>> = {
  [ServiceErrorCode.MODULE_NOT_FOUND]: RunExitCode.LOAD,
  [ServiceErrorCode.TS_LOADER_MISSING]: RunExitCode.LOAD,
  [ServiceErrorCode.MODULE_LOAD_FAILED]: RunExitCode.LOAD,
  [ServiceErrorCode.EXPORT_MISSING]: RunExitCode.SERVICE,
  [ServiceErrorCode.NOT_A_CALLEE]: RunExitCode.SERVICE,
  [ServiceErrorCode.NOT_IMPLEMENTED]: RunExitCode.SERVICE,
  [ServiceErrorCode.CONSTRUCTOR_FAILED]: RunExitCode.SERVICE,
  [ServiceErrorCode.CONNECT_FAILED]: RunExitCode.CONNECT,
  [ServiceErrorCode.REGISTER_FAILED]: RunExitCode.REGISTER,
  [ServiceErrorCode.SESSION_LOST]: RunExitCode.SESSION_LOST,
};

/** The exit code `run` ends with after the service host failed with `error`. */
export function exitCodeOf(error: ServiceError): RunExitCodeValue {
  return SERVICE_EXIT_CODES[error.code];
}

/** A misuse of `run` (bad flags, no target, incomplete auth setup) with its code and exit code. */
export class RunError extends Error {
  override readonly name = 'RunError';
  readonly code: RunErrorCodeValue;
  readonly exitCode: RunExitCodeValue;

  constructor(code: RunErrorCodeValue, exitCode: RunExitCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
  }
}
