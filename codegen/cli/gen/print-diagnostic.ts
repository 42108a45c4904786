import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic as formatWithSource } from '../../model/format-diagnostic.js';
import type { Diagnostic } from '../../model/diagnostic.js';

/**
 * Formats a diagnostic for a terminal (code, `file:line:col`, message, code frame, hint), reading the
 * diagnostic's file under `root` for the code frame.
 */
export function formatDiagnostic(diagnostic: Diagnostic, root: string): string {
  const file = diagnostic.location?.file;
  let sourceText: string | undefined;
  if (file !== undefined) {
    try {
      sourceText = readFileSync(join(root, file), 'utf8');
    } catch {
      // The file may be gone (watch mode); the location in the first line still says where.
      sourceText = undefined;
    }
  }
  return formatWithSource(diagnostic, sourceText === undefined ? {} : { sourceText });
}
