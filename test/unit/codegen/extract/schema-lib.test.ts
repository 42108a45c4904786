import { describe, expect, it } from 'vitest';
import { extractContracts } from '../../../../codegen/extract/index.js';
import { extractInline, IMPORT } from './extract-inline.js';
import { fixtureFiles, repoRoot } from './fixture-model.js';
import { B, N, obj, opt, prop, S, UNDEFINED, union } from './model-builders.js';

const ADDRESS = 'export interface Address { street: string; city: string; postcode?: string }\n';

/** The model of `export type T = <type>` next to Address. */
function typeOfAlias(type: string) {
  const { model, diagnostics } = extractInline({ 'a.ts': `${IMPORT}${ADDRESS}export type T = ${type};` });
  expect(diagnostics).toEqual([]);
  return model.files[0]?.types.find((t) => t.name === 'T')?.type;
}

describe('the built-in schema library', () => {
  it('gives the same model as TypeScript lib.es5 for every fixture', () => {
    const schemaLib = extractContracts({ root: repoRoot, files: fixtureFiles });
    const typescriptLib = extractContracts({ root: repoRoot, files: fixtureFiles, lib: 'typescript' });
    expect(schemaLib).toEqual(typescriptLib);
  });

  it('keeps optional properties through Omit and Pick', () => {
    expect(typeOfAlias("Omit<Address, 'street'>")).toEqual(obj(prop('city', S), opt('postcode', S)));
    expect(typeOfAlias("Pick<Address, 'postcode'>")).toEqual(obj(opt('postcode', S)));
  });

  it('resolves Required, Partial and NonNullable', () => {
    expect(typeOfAlias('Required<Partial<Address>>')).toEqual(
      obj(prop('street', S), prop('city', S), prop('postcode', S)),
    );
    expect(typeOfAlias('NonNullable<string | null | undefined>')).toEqual(S);
  });

  it('resolves ReturnType, Parameters and Awaited', () => {
    expect(typeOfAlias('ReturnType<() => number>')).toEqual(N);
    expect(typeOfAlias('Awaited<Promise<boolean>>')).toEqual(B);
    expect(typeOfAlias('Parameters<(a: string) => void>')).toEqual({
      kind: 'tuple',
      elements: [{ type: S, optional: false, rest: false, name: 'a' }],
    });
  });

  it('resolves intrinsic string mappings of literals', () => {
    expect(typeOfAlias("Uppercase<'a' | 'b'>")).toEqual(
      union({ kind: 'literal', value: 'A' }, { kind: 'literal', value: 'B' }),
    );
  });

  it('treats T & {} as T and accepts unknown', () => {
    expect(typeOfAlias('string & {}')).toEqual(S);
    expect(typeOfAlias('{ meta: unknown; gone: undefined }')).toEqual(
      obj(prop('meta', { kind: 'unknown' }), prop('gone', UNDEFINED)),
    );
  });
});
