import type { SourceLocation } from './contract-model.js';

/** A problem found in schema files or options. Codes are stable (documented in docs/error-codes.md). */
export interface Diagnostic {
  /** Stable code, e.g. `WC1003`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  readonly location?: SourceLocation;
}
