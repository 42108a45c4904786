import { describe, expect, it } from 'vitest';
import { extractInline, IMPORT } from './extract-inline.js';

/** The docs and constraints of property `p` of `export interface T { <doc> p: <type> }`. */
function property(doc: string, type = 'string') {
  const { model, diagnostics } = extractInline({
    'a.ts': `${IMPORT}export interface T {\n  ${doc}\n  p: ${type};\n}`,
  });
  const t = model.files[0]?.types[0]?.type;
  const p = t?.kind === 'object' ? t.properties[0] : undefined;
  return { docs: p?.docs, constraints: p?.constraints, codes: diagnostics.map((d) => d.code) };
}

describe('JSDoc reading', () => {
  it('keeps a multi-line description and drops the comment decoration', () => {
    expect(property('/**\n   * First line.\n   *\n   * Second paragraph.\n   */').docs).toEqual({
      description: 'First line.\n\nSecond paragraph.',
    });
  });

  it('does not read an e-mail address or an inline {@link} as a tag', () => {
    const result = property('/** Mail ops@example.com, see {@link T}. */');
    expect(result).toEqual({
      docs: { description: 'Mail ops@example.com, see {@link T}.' },
      constraints: undefined,
      codes: [],
    });
  });

  it('keeps a @pattern value exactly, including spaces and asterisks', () => {
    expect(property('/** @pattern ^a* b+$ */').constraints).toEqual({ pattern: '^a* b+$' });
  });

  it('parses @default as JSON', () => {
    expect(property('/** @default {"a": [1, 2]} */', '{ a: number[] }').constraints).toEqual({
      default: { a: [1, 2] },
    });
  });

  it('accepts documentation-only tags without a diagnostic', () => {
    expect(property('/**\n   * Text.\n   * @example p = "x"\n   * @see T\n   */').codes).toEqual([]);
  });

  it('applies number constraints to a nullable number', () => {
    expect(property('/** @minimum 0 @int */', 'number | null')).toEqual({
      docs: undefined,
      constraints: { minimum: 0, int: true },
      codes: [],
    });
  });

  it('applies length constraints to an array', () => {
    expect(property('/** @minLength 1 */', 'string[]').constraints).toEqual({ minLength: 1 });
  });
});
