import { describe, expect, it } from 'vitest';
import { createDiagnostic } from '../../../../codegen/model/create-diagnostic.js';
import { formatDiagnostic } from '../../../../codegen/model/format-diagnostic.js';

const source = ['export interface T {', '  /** @frobnicate */', '  a: string;', '}'].join('\n');

describe('formatDiagnostic', () => {
  it('prints code, place, severity, message, a three-line frame with a caret, and the hint', () => {
    const diagnostic = createDiagnostic(
      'unknownTag',
      { tag: 'frobnicate' },
      { file: 'a.ts', line: 2, column: 7 },
    );
    expect(formatDiagnostic(diagnostic, { sourceText: source }).split('\n')).toEqual([
      "WC1016 a.ts:2:7 error: Unknown tag '@frobnicate'.",
      '  1 | export interface T {',
      '> 2 |   /** @frobnicate */',
      '    |       ^',
      '  3 |   a: string;',
      `  hint: ${diagnostic.hint}`,
    ]);
  });

  it('prints no frame without source text', () => {
    const diagnostic = createDiagnostic('fileNotFound', { file: 'x.ts' });
    expect(formatDiagnostic(diagnostic).split('\n')).toEqual([
      "WC9002 error: Schema file 'x.ts' does not exist.",
      `  hint: ${diagnostic.hint}`,
    ]);
  });

  it('clips the frame at the first line of the file', () => {
    const diagnostic = createDiagnostic('unknownTag', { tag: 'x' }, { file: 'a.ts', line: 1, column: 1 });
    const lines = formatDiagnostic(diagnostic, { sourceText: source }).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      '> 1 | export interface T {',
      '    | ^',
      '  2 |   /** @frobnicate */',
    ]);
  });
});
