import type { Diagnostic } from './diagnostic.js';

/** Orders diagnostics by file, line, column, then code. */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    a.code.localeCompare(b.code)
  );
}

/** Sorts diagnostics by place and drops exact duplicates (a named type reached from many files). */
export function normalizeDiagnostics(diagnostics: Iterable<Diagnostic>): Diagnostic[] {
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of diagnostics) {
    const id = `${d.code}|${d.location?.file}|${d.location?.line}|${d.location?.column}|${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(d);
  }
  return unique.sort(compareDiagnostics);
}
