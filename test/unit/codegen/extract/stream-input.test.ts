import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../../codegen/extract/index.js';
import type { ProcedureModel } from '../../../../codegen/model/contract-model.js';
import { extractInline, IMPORT } from './extract-inline.js';
import { extractFixtures, fileOf } from './fixture-model.js';
import { N, ref, S } from './model-builders.js';

let result: ExtractResult;
beforeAll(() => {
  result = extractFixtures();
});

function procedure(name: string): ProcedureModel {
  const found = fileOf(result, 'streams').services[0]?.procedures.find((p) => p.name === name);
  if (!found) throw new Error(`no procedure ${name}`);
  return found;
}

describe('Stream<Chunk> parameters', () => {
  it('records the stream parameter as input (the chunk type), apart from the ordinary params', () => {
    const upload = procedure('upload');
    expect(upload.params.map((p) => p.name)).toEqual(['name']);
    expect(upload.input).toEqual({
      name: 'chunks',
      type: ref('streams', 'FileChunk'),
      optional: false,
      docs: { description: 'the pieces of the file, in order' },
    });
  });

  it('combines a stream with progressive results', () => {
    const sum = procedure('runningSum');
    expect([sum.params[0]?.type, sum.input?.type, sum.progress, sum.result]).toEqual([N, N, N, N]);
  });

  it('keeps constraint tags of the stream parameter for each chunk', () => {
    const join = procedure('join');
    expect([join.params, join.input?.type, join.input?.constraints]).toEqual([[], S, { maxLength: 80 }]);
  });

  it('reads the chunk type through an alias of Stream', () => {
    const { model, diagnostics } = extractInline({
      'a.ts': `${IMPORT}type Lines = Stream<string>;\nexport interface S extends Service<'com.example.s'> {\n  put(lines: Lines): void;\n}\n`,
    });
    expect(diagnostics).toEqual([]);
    expect(model.files[0]?.services[0]?.procedures[0]?.input?.type).toEqual(S);
  });

  it('is plain JSON (what diff and export read)', () => {
    const upload = procedure('upload');
    expect(JSON.parse(JSON.stringify(upload))).toEqual(upload);
  });

  it('leaves procedures without a stream without input', () => {
    const { model } = extractInline({
      'a.ts': `${IMPORT}export interface S extends Service<'com.example.s'> {\n  put(a: string): void;\n}\n`,
    });
    expect(model.files[0]?.services[0]?.procedures[0]).not.toHaveProperty('input');
  });
});
