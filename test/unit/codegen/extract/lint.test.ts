import { describe, expect, it } from 'vitest';
import type { ContractModel, ProcedureModel } from '../../../../codegen/model/contract-model.js';
import { lintModel } from '../../../../codegen/model/lint.js';

const at = (file: string, line = 1) => ({ file, line, column: 1 });

function procedure(
  name: string,
  uri: string,
  file = 'a.ts',
  throws: ProcedureModel['throws'] = [],
): ProcedureModel {
  return { name, uri, params: [], kwargs: false, result: { kind: 'void' }, throws, location: at(file) };
}

function model(files: { path: string; procedures?: ProcedureModel[]; errors?: string[] }[]): ContractModel {
  return {
    modelVersion: 2,
    files: files.map((f) => ({
      path: f.path,
      services: f.procedures
        ? [{ name: 'S', prefix: 'com.x', procedures: f.procedures, location: at(f.path) }]
        : [],
      topics: [],
      errors: (f.errors ?? []).map((name) => ({
        name,
        uri: `com.x.${name.toLowerCase()}`,
        location: at(f.path),
      })),
      types: [],
    })),
  };
}

const codes = (m: ContractModel, strictUris?: boolean) =>
  lintModel(m, strictUris === undefined ? {} : { strictUris }).map((d) => d.code);

describe('lintModel', () => {
  it('accepts strict, unique URIs', () => {
    expect(codes(model([{ path: 'a.ts', procedures: [procedure('a', 'com.x.a')] }]))).toEqual([]);
  });

  it('reports a URI duplicated across files, pointing at the second one', () => {
    const diagnostics = lintModel(
      model([
        { path: 'a.ts', procedures: [procedure('a', 'com.x.a')] },
        { path: 'b.ts', procedures: [procedure('b', 'com.x.a', 'b.ts')] },
      ]),
    );
    expect(diagnostics.map((d) => [d.code, d.location?.file])).toEqual([['WC2001', 'b.ts']]);
  });

  it('allows a procedure and a topic to share a URI', () => {
    const m = model([{ path: 'a.ts', procedures: [procedure('a', 'com.x.a')] }]);
    const file = m.files[0];
    const withTopic: ContractModel = {
      modelVersion: 2,
      files: file
        ? [
            {
              ...file,
              topics: [
                {
                  name: 'T',
                  prefix: 'com.x',
                  topics: [
                    {
                      name: 'a',
                      uri: 'com.x.a',
                      payload: { kind: 'string' },
                      kwargs: false,
                      location: at('a.ts'),
                    },
                  ],
                  location: at('a.ts'),
                },
              ],
            },
          ]
        : [],
    };
    expect(codes(withTopic)).toEqual([]);
  });

  it('rejects URIs in the reserved wamp. namespace', () => {
    expect(codes(model([{ path: 'a.ts', procedures: [procedure('a', 'wamp.x.a')] }]))).toEqual(['WC2002']);
  });

  it('rejects URIs that break the loose rule', () => {
    expect(
      codes(model([{ path: 'a.ts', procedures: [procedure('a', 'com.x a'), procedure('b', 'com.#')] }])),
    ).toEqual(['WC2003', 'WC2003']);
  });

  it('warns about URIs that break the strict rule only when asked to', () => {
    const m = model([{ path: 'a.ts', procedures: [procedure('getA', 'com.x.getA')] }]);
    expect(lintModel(m, { strictUris: true }).map((d) => [d.code, d.severity])).toEqual([
      ['WC2004', 'warning'],
    ]);
    expect(codes(m)).toEqual([]);
  });

  it('warns about an empty service', () => {
    expect(codes(model([{ path: 'a.ts', procedures: [] }]))).toEqual(['WC2005']);
  });

  it('warns about an error no procedure throws', () => {
    const thrower = procedure('a', 'com.x.a', 'a.ts', [{ name: 'Used', file: 'a.ts' }]);
    expect(codes(model([{ path: 'a.ts', procedures: [thrower], errors: ['Used', 'Unused'] }]))).toEqual([
      'WC2006',
    ]);
  });
});
