import { rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SyntheticProject,
  writeSyntheticProject,
} from '../../../../bench/codegen/synthetic-contracts.js';
import { emit } from '../../../../codegen/emit/emit.js';
import { EmitError, EmitErrorCode } from '../../../../codegen/emit/emit-error.js';
import type { EmitOptions } from '../../../../codegen/emit/emit-options.js';
import { createIncrementalEmitter } from '../../../../codegen/emit/incremental-emit.js';
import { createModelIndex } from '../../../../codegen/emit/model-index.js';
import { createGenerator } from '../../../../codegen/generate.js';
import type { ContractModel, TypeNode } from '../../../../codegen/model/contract-model.js';
import { extractInline, IMPORT } from '../extract/extract-inline.js';

const options: EmitOptions = { generatorVersion: '0.0.0-test' };

/** The model of inline schema files; fails the test on any error diagnostic. */
function modelOf(files: Readonly<Record<string, string>>): ContractModel {
  const { model, diagnostics } = extractInline(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return model;
}

const textOf = (files: readonly { path: string; text: string }[], name: string) =>
  files.find((f) => f.path === name)?.text;

const TYPES = `${IMPORT}export interface Payload {\n  name: string;\n}\n`;
const LEAF = `${IMPORT}/** A leaf. */\nexport interface Leaf extends Service<'com.ex.leaf'> {\n  ping(): string;\n}\n`;
const USER = `${IMPORT}import type { Payload } from './types.js';\nexport interface Sender extends Service<'com.ex.sender'> {\n  send(payload: Payload): void;\n}\n`;

describe('createIncrementalEmitter', () => {
  it('re-renders only the changed leaf module and reuses index.ts when its exports stay the same', () => {
    const emitter = createIncrementalEmitter(options);
    const before = { 'schemas/types.ts': TYPES, 'schemas/user.ts': USER, 'schemas/leaf.ts': LEAF };
    emitter.emit(modelOf(before));
    const after = { ...before, 'schemas/leaf.ts': LEAF.replace('A leaf.', 'A changed leaf.') };
    const model = modelOf(after);
    const files = emitter.emit(model);
    expect(emitter.stats).toEqual({
      rendered: 1,
      reused: 2,
      renderedPaths: ['schemas/leaf.ts'],
      indexRendered: false,
    });
    expect(files).toEqual(emit(model, options));
  });

  it('assembles index.ts again when a re-rendered module exports a new name', () => {
    const emitter = createIncrementalEmitter(options);
    const before = { 'schemas/types.ts': TYPES, 'schemas/leaf.ts': LEAF };
    emitter.emit(modelOf(before));
    const model = modelOf({ ...before, 'schemas/leaf.ts': LEAF.replace('Leaf', 'Tree') });
    const files = emitter.emit(model);
    expect(emitter.stats.indexRendered).toBe(true);
    expect(textOf(files, 'index.ts')).toContain('TreeClient');
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders a module whose procedure gains a codec through a Date added in another file', () => {
    const emitter = createIncrementalEmitter(options);
    const before = { 'schemas/types.ts': TYPES, 'schemas/user.ts': USER };
    const first = emitter.emit(modelOf(before));
    const dated = TYPES.replace('name: string;', 'name: string;\n  at: Date;');
    const model = modelOf({ ...before, 'schemas/types.ts': dated });
    const files = emitter.emit(model);
    expect(emitter.stats.renderedPaths).toEqual(['schemas/types.ts', 'schemas/user.ts']);
    expect(textOf(first, 'user.ts')).toContain('codec: false');
    expect(textOf(files, 'user.ts')).toContain('codec: true');
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders an unchanged module when another file closes an import cycle with it', () => {
    const emitter = createIncrementalEmitter(options);
    const user = USER.replace(
      'export interface Sender',
      'export interface Note {\n  text: string;\n}\nexport interface Sender',
    );
    const first = emitter.emit(modelOf({ 'schemas/types.ts': TYPES, 'schemas/user.ts': user }));
    // Only types.ts changes: it now imports from user.ts, so user.ts must read Payload's schema lazily.
    const cyclic = `${IMPORT}import type { Note } from './user.js';\nexport interface Payload {\n  name: string;\n}\nexport interface Wrapped {\n  note: Note;\n}\n`;
    const model = modelOf({ 'schemas/types.ts': cyclic, 'schemas/user.ts': user });
    const files = emitter.emit(model);
    expect(emitter.stats.renderedPaths).toEqual(['schemas/types.ts', 'schemas/user.ts']);
    expect(textOf(first, 'user.ts')).toContain('args: z.tuple([PayloadSchema])');
    expect(textOf(files, 'user.ts')).toContain('args: z.lazy(() => z.tuple([PayloadSchema]))');
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders a module that refers to a type which became recursive in another file', () => {
    const emitter = createIncrementalEmitter(options);
    const types = `${IMPORT}export interface Tree {\n  label: string;\n  child?: Leaf;\n}\nexport interface Leaf {\n  label: string;\n}\n`;
    const user = `${IMPORT}import type { Tree } from './types.js';\nexport interface Forest {\n  root: Tree;\n}\nexport interface Woods extends Service<'com.ex.woods'> {\n  plant(forest: Forest): void;\n}\n`;
    const first = emitter.emit(modelOf({ 'schemas/types.ts': types, 'schemas/user.ts': user }));
    const recursive = types.replace('child?: Leaf;', 'child?: Tree;');
    const model = modelOf({ 'schemas/types.ts': recursive, 'schemas/user.ts': user });
    const files = emitter.emit(model);
    expect(emitter.stats.renderedPaths).toContain('schemas/user.ts');
    expect(textOf(first, 'user.ts')).not.toContain('get root()');
    expect(textOf(files, 'user.ts')).toContain('get root()');
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders an error whose payload type in another file stops being an object', () => {
    const emitter = createIncrementalEmitter(options);
    const info = `${IMPORT}export type Info = { reason: string };\n`;
    const errors = `${IMPORT}import type { Info } from './info.js';\nexport type Failed = WampError<'com.ex.failed', Info>;\nexport interface Api extends Service<'com.ex.api'> {\n  /** @throws Failed */\n  run(): void;\n}\n`;
    const first = emitter.emit(modelOf({ 'schemas/info.ts': info, 'schemas/errors.ts': errors }));
    const model = modelOf({
      'schemas/info.ts': `${IMPORT}export type Info = string;\n`,
      'schemas/errors.ts': errors,
    });
    const files = emitter.emit(model);
    expect(emitter.stats.renderedPaths).toEqual(['schemas/errors.ts', 'schemas/info.ts']);
    expect(textOf(first, 'errors.ts')).toContain("'kwargs'");
    expect(textOf(files, 'errors.ts')).toContain("'args'");
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders the importers of a renamed file, whose module path changed', () => {
    const emitter = createIncrementalEmitter(options);
    emitter.emit(modelOf({ 'schemas/types.ts': TYPES, 'schemas/user.ts': USER, 'schemas/leaf.ts': LEAF }));
    const moved = USER.replace('./types.js', './payloads.js');
    const model = modelOf({
      'schemas/payloads.ts': TYPES,
      'schemas/user.ts': moved,
      'schemas/leaf.ts': LEAF,
    });
    const files = emitter.emit(model);
    expect(emitter.stats.renderedPaths).toEqual(['schemas/payloads.ts', 'schemas/user.ts']);
    expect(textOf(files, 'user.ts')).toContain("from './payloads.js'");
    expect(files).toEqual(emit(model, options));
  });

  it('drops a removed file from the output and the index', () => {
    const emitter = createIncrementalEmitter(options);
    emitter.emit(
      modelOf({
        'schemas/types.ts': TYPES,
        'schemas/leaf.ts': LEAF,
        'schemas/other.ts': LEAF.replace(/Leaf|leaf/g, 'Other'),
      }),
    );
    const model = modelOf({
      'schemas/types.ts': TYPES,
      'schemas/other.ts': LEAF.replace(/Leaf|leaf/g, 'Other'),
    });
    const files = emitter.emit(model);
    expect(emitter.stats).toMatchObject({ rendered: 0, reused: 2, indexRendered: true });
    expect(textOf(files, 'leaf.ts')).toBeUndefined();
    expect(files).toEqual(emit(model, options));
  });

  it('re-renders every module when the common schema directory, and so every output path, changes', () => {
    const emitter = createIncrementalEmitter(options);
    emitter.emit(modelOf({ 'schemas/types.ts': TYPES, 'schemas/leaf.ts': LEAF }));
    const model = modelOf({
      'schemas/types.ts': TYPES,
      'schemas/leaf.ts': LEAF,
      'extra/more.ts': TYPES.replace('Payload', 'More'),
    });
    const files = emitter.emit(model);
    expect(emitter.stats.rendered).toBe(3);
    expect(files.map((f) => f.path)).toContain('schemas/leaf.ts');
    expect(files).toEqual(emit(model, options));
  });

  it('keeps its options across runs: reused modules match a full emit with the same options', () => {
    const custom: EmitOptions = {
      generatorVersion: '9.9.9',
      runtimeImport: '../rt.js',
      validateArgs: false,
      index: false,
    };
    const emitter = createIncrementalEmitter(custom);
    const before = { 'schemas/types.ts': TYPES, 'schemas/user.ts': USER, 'schemas/leaf.ts': LEAF };
    emitter.emit(modelOf(before));
    const model = modelOf({ ...before, 'schemas/leaf.ts': LEAF.replace('ping', 'pong') });
    const files = emitter.emit(model);
    expect(emitter.stats).toMatchObject({ rendered: 1, reused: 2, indexRendered: false });
    expect(files).toEqual(emit(model, custom));
  });

  it('throws the same coded error as emit when two modules export one name, and recovers after', () => {
    const emitter = createIncrementalEmitter(options);
    const clash = modelOf({ 'schemas/a.ts': TYPES, 'schemas/b.ts': TYPES });
    expect(() => emit(clash, options)).toThrow(EmitError);
    const error = (() => {
      try {
        emitter.emit(clash);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({ code: EmitErrorCode.INDEX_NAME_CLASH });
    const fixed = modelOf({ 'schemas/a.ts': TYPES, 'schemas/b.ts': TYPES.replace('Payload', 'Other') });
    expect(emitter.emit(fixed)).toEqual(emit(fixed, options));
  });

  it('tells a literal -0 from 0 when comparing file models', () => {
    const zero = (value: number): ContractModel => ({
      modelVersion: 2,
      files: [
        {
          path: 'a.ts',
          services: [],
          topics: [],
          errors: [],
          types: [
            {
              name: 'Zero',
              typeParams: [],
              recursive: false,
              location: { file: 'a.ts', line: 1, column: 1 },
              type: { kind: 'literal', value },
            },
          ],
        },
      ],
    });
    const emitter = createIncrementalEmitter(options);
    emitter.emit(zero(0));
    const files = emitter.emit(zero(-0));
    expect(emitter.stats.rendered).toBe(1);
    expect(textOf(files, 'a.ts')).toContain('= -0;');
    expect(files).toEqual(emit(zero(-0), options));
  });

  it('reuses every module and index.ts when the same model is emitted again', () => {
    const emitter = createIncrementalEmitter(options);
    const model = modelOf({ 'schemas/types.ts': TYPES, 'schemas/user.ts': USER });
    const first = emitter.emit(model);
    expect(emitter.emit(model)).toEqual(first);
    expect(emitter.stats).toMatchObject({ rendered: 0, reused: 2, indexRendered: false });
  });
});

describe('createModelIndex().hasCodec', () => {
  // A and B refer to each other; only A holds a Date, after its reference to B.
  const ref = (name: string): TypeNode => ({ kind: 'ref', name, file: 'a.ts', typeArgs: [] });
  const at = { file: 'a.ts', line: 1, column: 1 };
  const cycle: ContractModel = {
    modelVersion: 2,
    files: [
      {
        path: 'a.ts',
        services: [],
        topics: [],
        errors: [],
        types: [
          {
            name: 'A',
            typeParams: [],
            recursive: true,
            location: at,
            type: {
              kind: 'object',
              properties: [
                { name: 'b', type: ref('B'), optional: false },
                { name: 'when', type: { kind: 'date' }, optional: false },
              ],
            },
          },
          {
            name: 'B',
            typeParams: [],
            recursive: true,
            location: at,
            type: { kind: 'object', properties: [{ name: 'a', type: ref('A'), optional: false }] },
          },
        ],
      },
    ],
  };

  it('finds a Date through a cycle whatever type of the cycle was asked about first', () => {
    const index = createModelIndex(cycle);
    expect([index.hasCodec(ref('A')), index.hasCodec(ref('B'))]).toEqual([true, true]);
    const reversed = createModelIndex(cycle);
    expect([reversed.hasCodec(ref('B')), reversed.hasCodec(ref('A'))]).toEqual([true, true]);
  });
});

describe('createGenerator (watch updates)', () => {
  let project: SyntheticProject | undefined;
  afterEach(() => {
    if (project) rmSync(project.root, { recursive: true, force: true });
    project = undefined;
  });

  it('renders only the touched leaf module after an update, matching a full emit', () => {
    const p = (project = writeSyntheticProject(6));
    const generator = createGenerator({ root: p.root, files: p.files, generatorVersion: 'test' });
    generator.generate();
    expect(generator.emitStats.rendered).toBe(7);
    const result = generator.update([p.touch(4, 1)]);
    expect(generator.emitStats).toMatchObject({
      rendered: 1,
      reused: 6,
      renderedPaths: ['schemas/service-4.ts'],
    });
    expect(result.files).toEqual(emit(result.model, { generatorVersion: 'test' }));
  });

  it('emits nothing while a schema file is missing, then matches a full emit once it is back', () => {
    const p = (project = writeSyntheticProject(3));
    const generator = createGenerator({ root: p.root, files: p.files, generatorVersion: 'test' });
    generator.generate();
    unlinkSync(path.join(p.root, 'schemas/service-2.ts'));
    const result = generator.update(['schemas/service-2.ts']);
    // A missing schema file is an error diagnostic: nothing is emitted, and the next good run starts from the memo.
    expect(result.files).toEqual([]);
    p.touch(2, 1);
    const back = generator.update(['schemas/service-2.ts']);
    expect(back.files).toEqual(emit(back.model, { generatorVersion: 'test' }));
  });
});
