import type * as z from 'zod/mini';
import type { Dict } from '../protocol/messages.js';
import { createWampError, type ValidationIssue } from '../protocol/predefined-errors.js';
import { ErrorUri } from '../protocol/uris.js';
import type { WampError } from '../protocol/wamp-error.js';

export type { ValidationIssue } from '../protocol/predefined-errors.js';

/** URIs of errors raised by generated code besides the predefined WAMP ones. */
export const ContractErrorUri = {
  /** Arguments, a payload or a kwargs object failed validation (predefined by WAMP). */
  INVALID_ARGUMENT: ErrorUri.INVALID_ARGUMENT,
  /** A result or progressive chunk did not match the contract (the callee's fault, not the caller's). */
  INVALID_RESULT: 'wamp_contracts.error.invalid_result',
} as const;

/** Turns zod issues into plain data that every serializer can carry (symbols in paths become strings, inputs are dropped). */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(issue)) {
      // The input may be large, private or not serialisable; the path and code identify the problem.
      if (key === 'input' || key === 'inst' || typeof value === 'function') continue;
      if (key === 'errors' && Array.isArray(value)) {
        out.errors = value.map((branch: z.core.$ZodIssue[]) => toValidationIssues(branch));
      } else out[key] = value;
    }
    out.path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return out as unknown as ValidationIssue;
  });
}

/**
 * The error for a failed validation: `uri` with a readable message as `Arguments[0]` and
 * `{ issues, where }` as `ArgumentsKw`, so peers in any language can read the issues. For
 * `wamp.error.invalid_argument` it is an `InvalidArgumentError`, whose `issues` are typed.
 */
export function createValidationError(
  uri: string,
  where: string,
  error: z.core.$ZodError,
  details: Dict = {},
): WampError {
  return createIssuesError(uri, where, toValidationIssues(error.issues), details, { cause: error });
}

/** The same error from issues found outside zod (e.g. unknown keys): `uri`, a message, `{ where, issues }`. */
export function createIssuesError(
  uri: string,
  where: string,
  issues: ValidationIssue[],
  details: Dict = {},
  options?: ErrorOptions,
): WampError {
  const first = issues[0];
  const text = first ? `${where}: ${first.message} at ${formatPath(first.path)}` : `${where}: invalid`;
  return createWampError(uri, [text], { where, issues }, details, options);
}

function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/**
 * The error for a value nested deeper than the validators accept: the same shape as a validation
 * failure (`uri`, a message, `{ where, issues }`), with one `too_deep` issue at the root.
 */
export function createDepthError(uri: string, where: string, limit: number): WampError {
  const message = `nested deeper than ${limit} levels`;
  const issues: ValidationIssue[] = [{ code: 'too_deep', path: [], message, maximum: limit }];
  return createWampError(uri, [`${where}: ${message} at (root)`], { where, issues });
}
