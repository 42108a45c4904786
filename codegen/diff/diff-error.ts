import type { Diagnostic } from '../model/diagnostic.js';

/** Stable codes of what stops `wamp-contracts diff` before it compares (exit code 2). */
export const DiffErrorCode = {
  USAGE: 'diff.usage',
  AGAINST_NOT_FOUND: 'diff.against_not_found',
  GIT_FAILED: 'diff.git_failed',
  SNAPSHOT_INVALID: 'diff.snapshot_invalid',
  SCHEMA_ERRORS: 'diff.schema_errors',
} as const;

/** One of {@link DiffErrorCode}'s values. */
export type DiffErrorCodeValue = (typeof DiffErrorCode)[keyof typeof DiffErrorCode];

/** A problem loading one of the two versions; the CLI prints `error <code>: <message>`. */
export class DiffError extends Error {
  readonly code: DiffErrorCodeValue;
  /** The schema errors behind `diff.schema_errors`, for the CLI to print. */
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: DiffErrorCodeValue, message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = 'DiffError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}
