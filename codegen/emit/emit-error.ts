import type { SourceLocation } from '../model/contract-model.js';

/** Stable codes (`WC3xxx`) of problems found while emitting; the linter should have reported them first. */
export const EmitErrorCode = {
  /** A type node that has no validator (e.g. `void` outside a result). */
  UNSUPPORTED_TYPE: 'WC3001',
  /** A `@format` the emitter has no validator for. */
  UNKNOWN_FORMAT: 'WC3002',
  /** A `ref` to a named type that no schema file declares. */
  UNKNOWN_REF: 'WC3003',
  /** Two modules export the same name, so the generated index cannot re-export both. */
  INDEX_NAME_CLASH: 'WC3004',
} as const;

/** Thrown by `emit` for a model it cannot turn into code; never falls back to `z.any()`. */
export class EmitError extends Error {
  /** One of {@link EmitErrorCode}. */
  readonly code: string;
  readonly location: SourceLocation | undefined;

  constructor(code: string, message: string, location?: SourceLocation) {
    super(`${code}: ${message}`);
    this.name = 'EmitError';
    this.code = code;
    this.location = location;
  }
}
