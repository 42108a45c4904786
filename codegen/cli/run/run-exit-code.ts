/**
 * Exit codes and stable error codes of `wamp-contracts run`; documented in docs/cli.md.
 */

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

/** Stable codes printed with each `run` error, e.g. `error run.export_missing: ...`. */
export const RunErrorCode = {
  USAGE: 'run.usage',
  MODULE_NOT_FOUND: 'run.module_not_found',
  TS_LOADER_MISSING: 'run.ts_loader_missing',
  MODULE_LOAD_FAILED: 'run.module_load_failed',
  EXPORT_MISSING: 'run.export_missing',
  NOT_A_CALLEE: 'run.not_a_callee',
  NOT_IMPLEMENTED: 'run.not_implemented',
  CONSTRUCTOR_FAILED: 'run.constructor_failed',
  CONNECT_FAILED: 'run.connect_failed',
  REGISTER_FAILED: 'run.register_failed',
  SESSION_LOST: 'run.session_lost',
} as const;

/** One of {@link RunErrorCode}'s values. */
export type RunErrorCodeValue = (typeof RunErrorCode)[keyof typeof RunErrorCode];

/** A failure of `run` with its stable code and the exit code it maps to. */
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
