import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CompatFinding,
  type ContractModel,
  CompatRules,
  type TypeNode,
  compareContracts,
} from '../../../runtime/contract-model/index.js';

const at = { file: 's.ts', line: 1, column: 1 };

/** A model with one procedure `com.s.get(a: <param>): <result>` and the given named types. */
function model(
  param: TypeNode,
  extra: Record<string, unknown> = {},
  types: ContractModel['files'][0]['types'] = [],
): ContractModel {
  const procedure = {
    name: 'get',
    uri: 'com.s.get',
    params: [{ name: 'a', type: param, optional: false }],
    kwargs: false,
    result: { kind: 'void' },
    throws: [],
    location: at,
    ...extra,
  };
  return {
    modelVersion: 2,
    files: [
      {
        path: 's.ts',
        services: [{ name: 'S', prefix: 'com.s', procedures: [procedure as never], location: at }],
        topics: [],
        errors: [],
        types,
      },
    ],
  };
}

const key = (f: CompatFinding) => `${f.rule} ${f.category} ${f.subject}`;

describe('compareContracts on model fields and kinds it does not know', () => {
  it('reports a changed unknown procedure field in both wire categories instead of passing it', () => {
    const findings = compareContracts(
      model({ kind: 'string' }, { retries: { kind: 'string' } }),
      model({ kind: 'string' }, { retries: { kind: 'number' } }),
    );
    expect(findings.map(key)).toEqual([
      'WCD291 WIRE_CONSUMER com.s.get retries',
      'WCD291 WIRE_PROVIDER com.s.get retries',
    ]);
  });

  it('ignores an unknown field whose value did not change', () => {
    const extra = { uriParams: [{ name: 'id' }] };
    expect(compareContracts(model({ kind: 'string' }, extra), model({ kind: 'string' }, extra))).toEqual([]);
  });

  it('judges an unknown type kind conservatively when it changed, and passes it when equal', () => {
    const a = { kind: 'stream', of: { kind: 'string' } } as unknown as TypeNode;
    const b = { kind: 'stream', of: { kind: 'number' } } as unknown as TypeNode;
    expect(compareContracts(model(a), model(a))).toEqual([]);
    expect(compareContracts(model(a), model(b), { source: false }).map(key)).toEqual([
      'WCD290 WIRE_CONSUMER com.s.get args[0]',
      'WCD290 WIRE_PROVIDER com.s.get args[0]',
    ]);
  });

  it('ends on a generic that grows with each recursion instead of looping', () => {
    // type Nest<T> = { next: Nest<T[]> }: every unfolding is a new type, so only the depth limit stops it.
    const nest = (arg: TypeNode): TypeNode => ({ kind: 'ref', name: 'Nest', file: 's.ts', typeArgs: [arg] });
    const body: TypeNode = {
      kind: 'object',
      properties: [
        {
          name: 'next',
          optional: true,
          type: nest({ kind: 'array', element: { kind: 'typeParam', name: 'T' } }),
        },
      ],
    };
    const types = [{ name: 'Nest', typeParams: ['T'], type: body, recursive: true, location: at }];
    const findings = compareContracts(
      model(nest({ kind: 'string' }), {}, types),
      model(nest({ kind: 'number' }), {}, types),
      { source: false },
    );
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set([CompatRules.UNDECIDABLE.id]));
  });

  it('stops on unions nested so deep that trying every member would never end', () => {
    // 40 levels of `{ v: L } | { w: L }`: each failing level doubles the trials without a budget.
    const nested = (leaf: TypeNode): TypeNode => {
      let node = leaf;
      for (let i = 0; i < 40; i++)
        node = {
          kind: 'union',
          members: ['v', 'w'].map((name) => ({
            kind: 'object',
            properties: [{ name, optional: false, type: node }],
          })),
        };
      return node;
    };
    const findings = compareContracts(model(nested({ kind: 'string' })), model(nested({ kind: 'number' })), {
      source: false,
    });
    expect(findings.map(key)).toEqual([
      'WCD290 WIRE_CONSUMER com.s.get args[0]',
      'WCD290 WIRE_PROVIDER com.s.get args[0]',
    ]);
  });

  it('reports a changed intersection as undecidable, not compatible', () => {
    const i = (k: 'string' | 'number'): TypeNode => ({
      kind: 'intersection',
      members: [{ kind: 'object', properties: [] }, { kind: k }],
    });
    expect(
      compareContracts(model(i('string')), model(i('number')), { source: false }).map((f) => f.rule),
    ).toEqual(['WCD290', 'WCD290']);
  });

  it('puts the old and new file:line of the declaration in every finding', () => {
    const [first] = compareContracts(model({ kind: 'string' }), model({ kind: 'number' }));
    expect([first?.old, first?.new]).toEqual([at, at]);
  });
});

describe('compareContracts on URI templates from an untrusted model', () => {
  /** A procedure under `uri` with the template's components; `uriTemplate` fields can be overridden. */
  const templated = (uri: string, components: readonly unknown[], extra: Record<string, unknown> = {}) =>
    model({ kind: 'string' }, { uri, uriTemplate: { template: uri, segments: [], components, ...extra } });
  const id = { name: 'id', type: { kind: 'string' }, numeric: false };

  it('reports a changed unknown field of a template or a component as WCD291', () => {
    const findings = compareContracts(
      templated('com.s.{id}.get', [id], { shard: 1 }),
      templated('com.s.{id}.get', [{ ...id, encoding: 'base64' }], { shard: 2 }),
      { source: false },
    );
    expect(findings.map(key)).toEqual([
      'WCD291 WIRE_CONSUMER com.s.{id}.get uri shard',
      'WCD291 WIRE_CONSUMER com.s.{id}.get uri[2] encoding',
      'WCD291 WIRE_PROVIDER com.s.{id}.get uri shard',
      'WCD291 WIRE_PROVIDER com.s.{id}.get uri[2] encoding',
    ]);
  });

  it('reads a component the template names but does not declare as any text, without throwing', () => {
    const findings = compareContracts(templated('com.s.{id}.get', [id]), templated('com.s.{id}.get', []), {
      source: false,
    });
    // The new callee checks nothing (old callers are fine); its callers may send what old callees refuse.
    expect(findings.map(key)).toEqual(['WCD142 WIRE_PROVIDER com.s.{id}.get uri[2]']);
  });

  it('reads a null template, and one without a uri or components, without throwing', () => {
    // Type nodes inside are compared like arguments and trusted to be nodes: a live model whose
    // nodes are not is refused by checkContract as live.invalid_answer (live-contract.test.ts).
    const cases: [ContractModel, ContractModel][] = [
      [model({ kind: 'string' }, { uriTemplate: null }), model({ kind: 'string' }, { uriTemplate: null })],
      [templated('com.s.{id}.get', [id]), model({ kind: 'string' }, { uri: undefined, uriTemplate: {} })],
    ];
    for (const [o, n] of cases) expect(() => compareContracts(o, n, { source: false })).not.toThrow();
  });

  it('does not compare a URI of more components than any real one, and says so', () => {
    const long = `com.s.${'{id}.'.repeat(100)}get`;
    const findings = compareContracts(templated(long, [id]), templated(`${long}.x`, [id]), { source: false });
    expect(findings.map((f) => `${f.rule} ${f.category}`)).toEqual([
      'WCD290 WIRE_CONSUMER',
      'WCD290 WIRE_PROVIDER',
    ]);
  });
});

describe('docs/diff.md', () => {
  it('documents every rule ID exactly once and no other', () => {
    const text = readFileSync(new URL('../../../docs/diff.md', import.meta.url), 'utf8');
    const documented = [...text.matchAll(/^\| `(WCD\d{3})`/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.values(CompatRules).map((r) => r.id));
  });
});
