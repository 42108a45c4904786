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

/** The model and diagnostic codes of one inline schema file. */
function extract(source: string) {
  const { model, diagnostics } = extractInline({ 'a.ts': `${IMPORT}${source}` });
  return { file: model.files[0], codes: diagnostics.map((d) => d.code) };
}

/** The constraints of each property of the first type in `source`, by name. */
function constraintsOf(source: string): Record<string, unknown> {
  const t = extract(source).file?.types[0]?.type;
  if (t?.kind !== 'object') throw new Error(`expected an object, got ${t?.kind}`);
  return Object.fromEntries(t.properties.map((p) => [p.name, p.constraints]));
}

describe('JSDoc comments on the same line as the member before', () => {
  it('apply to the member they precede in an object type', () => {
    expect(
      constraintsOf("export type Message = { kind: 'text'; /** @minLength 1 */ text: string };"),
    ).toEqual({ kind: undefined, text: { minLength: 1 } });
  });

  it('apply to the first member of an interface written on one line', () => {
    expect(constraintsOf('export interface C { /** @minLength 3 */ x: string }')).toEqual({
      x: { minLength: 3 },
    });
  });

  it('carry @default like any other tag', () => {
    expect(constraintsOf('export interface C { a: string; /** @default "en" */ lang?: string }')).toEqual({
      a: undefined,
      lang: { default: 'en' },
    });
  });

  it('apply to a parameter written after another on the same line', () => {
    const { file, codes } = extract(
      "export interface S extends Service<'com.example.s'> {\n  reserve(sku: string, /** @int @minimum 1 */ quantity: number): void;\n}",
    );
    expect(codes).toEqual([]);
    const params = file?.services[0]?.procedures[0]?.params ?? [];
    expect(params.map((p) => [p.name, p.constraints])).toEqual([
      ['sku', undefined],
      ['quantity', { int: true, minimum: 1 }],
    ]);
  });
});

describe('JSDoc comments that precede no member (WC1038)', () => {
  it('are reported inside a property type', () => {
    expect(extract('export interface C { x: /** @minLength 1 */ string }').codes).toEqual(['WC1038']);
  });

  it('are reported inside a union member', () => {
    expect(extract("export interface C { x: 'a' | /** @minLength 1 */ string }").codes).toEqual(['WC1038']);
  });

  it('are reported between a type and its separator', () => {
    expect(
      extract('export interface C { sku: string /** @int @minimum 1 */; quantity: number }').codes,
    ).toEqual(['WC1038', 'WC1038']);
  });

  it('are reported after the last member, before the closing brace', () => {
    expect(extract('export type C = { a: string; /** @minLength 1 */ };').codes).toEqual(['WC1038']);
  });

  it('are not reported for documentation-only tags or plain comments', () => {
    expect(
      extract('export interface C { x: /** @example "a" */ string; y: /* @minLength 1 */ string }').codes,
    ).toEqual([]);
  });
});
