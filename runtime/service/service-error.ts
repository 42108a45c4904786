/**
 * Stable codes of the ways hosting a service can fail. `wamp-contracts run` prints them
 * (`error run.export_missing: ...`) and maps each to its exit code; docs/error-codes.md lists them.
 */
export const ServiceErrorCode = {
  /** The module file does not exist. */
  MODULE_NOT_FOUND: 'run.module_not_found',
  /** A `.ts` module and no TypeScript loader. */
  TS_LOADER_MISSING: 'run.ts_loader_missing',
  /** The module failed to import or threw while loading. */
  MODULE_LOAD_FAILED: 'run.module_load_failed',
  /** The named export is missing, or no single callee class to pick. */
  EXPORT_MISSING: 'run.export_missing',
  /** The export is not a callee class or instance. */
  NOT_A_CALLEE: 'run.not_a_callee',
  /** The callee lacks a method of its contract. */
  NOT_IMPLEMENTED: 'run.not_implemented',
  /** The callee's constructor threw. */
  CONSTRUCTOR_FAILED: 'run.constructor_failed',
  /** The first connection failed for good. */
  CONNECT_FAILED: 'run.connect_failed',
  /** The router refused a registration, at start or after a reconnect. */
  REGISTER_FAILED: 'run.register_failed',
  /** The session ended for good while serving. */
  SESSION_LOST: 'run.session_lost',
} as const;

/** One of {@link ServiceErrorCode}'s values. */
export type ServiceErrorCodeValue = (typeof ServiceErrorCode)[keyof typeof ServiceErrorCode];

/** Why loading or serving a service failed, with its stable code. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: ServiceErrorCodeValue;

  constructor(code: ServiceErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
