import type { SourceLocation } from './contract-model.js';
import type { Diagnostic } from './diagnostic.js';
import { type DiagnosticCodeName, diagnosticCodes } from './diagnostic-codes.js';

/** Values substituted into a catalog template's `{placeholders}`. */
export type DiagnosticParams = Readonly<Record<string, string | number>>;

function fill(template: string, params: DiagnosticParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** Builds a Diagnostic from its catalog entry, filling message and hint from `params`. */
export function createDiagnostic(
  name: DiagnosticCodeName,
  params: DiagnosticParams,
  location?: SourceLocation,
): Diagnostic {
  const info = diagnosticCodes[name];
  const base = { code: info.code, severity: info.severity, message: fill(info.message, params) };
  const hint = fill(info.hint, params);
  return location === undefined ? { ...base, hint } : { ...base, hint, location };
}
