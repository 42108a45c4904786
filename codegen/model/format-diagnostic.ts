import type { Diagnostic } from './diagnostic.js';

/** Options of `formatDiagnostic`. */
export interface FormatDiagnosticOptions {
  /** The text of the diagnostic's file, for the code frame; no frame when absent. */
  readonly sourceText?: string;
}

/** The line before, the line of and the line after `line` (1-based), with a caret under `column`. */
function codeFrame(text: string, line: number, column: number): string[] {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    frame.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`.trimEnd());
    if (n === line) {
      // Tabs before the column stay tabs so the caret lines up in a terminal.
      const pad = (lines[n - 1] ?? '').slice(0, column - 1).replace(/[^\t]/g, ' ');
      frame.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return frame;
}

/**
 * Formats a diagnostic for a terminal: `CODE file:line:col severity: message`, a three-line code frame
 * when the source text is given, and the hint.
 *
 * @example
 * ```ts
 * console.error(formatDiagnostic(d, { sourceText: readFileSync(d.location.file, 'utf8') }));
 * ```
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatDiagnosticOptions = {}): string {
  const { location } = diagnostic;
  const where = location ? ` ${location.file}:${location.line}:${location.column}` : '';
  const out = [`${diagnostic.code}${where} ${diagnostic.severity}: ${diagnostic.message}`];
  if (location && options.sourceText !== undefined)
    out.push(...codeFrame(options.sourceText, location.line, location.column));
  if (diagnostic.hint) out.push(`  hint: ${diagnostic.hint}`);
  return out.join('\n');
}
