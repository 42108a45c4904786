/**
 * The validators the live commands build from a contract model at run time (model-schema.ts) agree
 * with the validators `gen` emits: on every payload of the export agreement corpus they accept the
 * same values and report the same issues (code, path, message). Then the same for `@uri` template
 * components against the runtime's `createUriTemplate`, and the bounds a hostile model meets.
 */
import { describe, expect, it } from 'vitest';
import { callMismatches, schemaIssues } from '../../../../codegen/cli/live/check-payload.js';
import {
  catastrophicBacktracking,
  MODEL_SCHEMA_LIMITS,
  ModelSchemaError,
  ModelSchemas,
} from '../../../../codegen/cli/live/model-schema.js';
import { matchTemplate } from '../../../../codegen/cli/live/uri-match.js';
import { extractContracts } from '../../../../codegen/extract/index.js';
import type {
  ContractModel,
  NamedTypeModel,
  ProcedureModel,
  TopicModel,
  TypeNode,
} from '../../../../runtime/contract-model/index.js';
import {
  createUriTemplate,
  isNullAbsent,
  readGaps,
  type UriComponentContract,
} from '../../../../runtime/contracts/index.js';
import type * as z from '../../../../runtime/contracts/validators.js';
import { decodeJson, encodeJson } from '../../../../runtime/serializers/index.js';
import * as templates from '../../../golden/default/out/uri-templates.js';
import { fixtureFiles, ROOT } from '../../../golden/golden-cases.js';
import { CORPUS, type RawJson, type Target } from '../../contract-model/agreement-corpus.js';

const model = extractContracts({ root: ROOT, files: fixtureFiles(), naming: 'as-is' }).model as ContractModel;
const schemas = new ModelSchemas(model);

const procedures = model.files.flatMap((f) => f.services.flatMap((s) => s.procedures));
const topics = model.files.flatMap((f) => f.topics.flatMap((t) => t.topics));

function named(name: string): NamedTypeModel & { file: string } {
  for (const file of model.files) {
    const found = file.types.find((t) => t.name === name);
    if (found !== undefined) return { ...found, file: file.path };
  }
  throw new Error(`no named type ${name}`);
}

/** The run-time validator of a corpus target, found in the model by its JSON Schema keys. */
function built(target: Target): z.ZodMiniType {
  const [head, part] = target.keys as [string, string | undefined];
  if (part === undefined) {
    const type = named(head);
    return schemas.type({ kind: 'ref', name: type.name, file: type.file, typeArgs: [] });
  }
  const [kind, uri] = [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)];
  if (kind === 'procedure') {
    const p = procedures.find((x) => x.uri === uri)!;
    if (part === 'args' || part === 'kwargs') return schemas.arguments(p);
    return schemas.type((part === 'result' ? p.result : p.progress) as TypeNode);
  }
  if (kind === 'topic') return schemas.type(topics.find((t) => t.uri === uri)!.payload);
  const error = model.files.flatMap((f) => f.errors).find((e) => e.uri === uri)!;
  return schemas.type(error.payload!);
}

/** The value a validator sees, read as the runtime reads it (agreement-corpus.ts). */
function read(target: Target, schema: z.ZodMiniType, payload: unknown): unknown {
  const text =
    typeof payload === 'object' && payload !== null && 'raw' in payload
      ? (payload as RawJson).raw
      : encodeJson(payload);
  let value = decodeJson(text);
  if (target.mode === 'args' && Array.isArray(value)) value = readGaps(schema as z.core.$ZodType, value);
  else if (target.mode === 'result' && value === null && isNullAbsent(schema as z.core.$ZodType))
    value = undefined;
  return value;
}

const summary = (issues: readonly { code: string; path: unknown[]; message: string }[]) =>
  issues.map((i) => `${i.code} ${JSON.stringify(i.path)} ${i.message}`);

describe('run-time validators agree with the generated ones', () => {
  const rows = CORPUS.flatMap((c) =>
    [...c.valid, ...c.invalid].map((payload) => ({ target: c.target, payload })),
  );

  it('covers every corpus target (at least 30) and 200 payloads', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(rows.length).toBeGreaterThanOrEqual(200);
  });

  it('accept and refuse the same payloads, with the same issues (strict keys too)', () => {
    const differences: string[] = [];
    for (const { target, payload } of rows) {
      const generated = target.zod as z.ZodMiniType;
      const mine = built(target);
      for (const strict of [false, true]) {
        const a = summary(schemaIssues(generated, read(target, generated, payload), strict));
        const b = summary(schemaIssues(mine, read(target, mine, payload), strict));
        if (JSON.stringify(a) !== JSON.stringify(b))
          differences.push(
            `${target.name} ${encodeJson(payload)} strict=${strict}: ${a.join('; ')} ≠ ${b.join('; ')}`,
          );
      }
    }
    expect(differences).toEqual([]);
  });

  it('agree with the corpus verdicts', () => {
    const wrong = CORPUS.flatMap((c) =>
      [...c.valid.map((p) => [p, true] as const), ...c.invalid.map((p) => [p, false] as const)]
        .filter(([payload, valid]) => {
          const mine = built(c.target);
          return (schemaIssues(mine, read(c.target, mine, payload), false).length === 0) !== valid;
        })
        .map(([payload]) => `${c.target.name}: ${encodeJson(payload)}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('URI template components agree with the runtime', () => {
  const generated = [...templates.RoomsContract.procedures, ...templates.ChatRoomsContract.topics]
    .map((e) => e as { readonly uri: string; readonly components?: readonly UriComponentContract[] })
    .filter((e) => e.components !== undefined);
  const concrete = [
    'com.example.room.lobby.get',
    'com.example.room.eu.lobby.rename',
    'com.example.room.moon.lobby.rename',
    'com.example.room.lobby.settings',
    'com.example.chat.room.general.message',
    'com.example.chat.room.a#b.message',
    'com.example.chat.room. .message',
    'com.example.chat.room..message',
    'com.example.chat.apac.room.x.presence',
    'com.example.chat.mars.room.x.presence',
    'com.example.chat.ticket.12.updated',
    'com.example.chat.ticket.0.updated',
    'com.example.chat.ticket.-3.updated',
    'com.example.chat.ticket.012.updated',
    'com.example.chat.ticket.1.5.updated',
    'com.example.chat.ticket.1e3.updated',
    'com.example.chat.ticket.99999999999999999999.updated',
    'com.example.chat.ticket.abc.updated',
  ];

  it('match the same URIs and refuse the same component values', () => {
    const rows: string[] = [];
    for (const contract of generated) {
      const entry = [...procedures, ...topics].find((e) => e.uri === contract.uri) as
        | ProcedureModel
        | TopicModel;
      const runtime = createUriTemplate(contract.uri, contract.components!);
      for (const uri of concrete) {
        const match = matchTemplate(entry.uriTemplate!, uri, schemas);
        let accepted: boolean;
        try {
          runtime.parse(uri);
          accepted = true;
        } catch {
          accepted = false;
        }
        const mine = match.matches && match.issues.length === 0;
        if (mine !== accepted) rows.push(`${contract.uri} ${uri}: runtime ${accepted}, cli ${mine}`);
      }
    }
    expect(rows).toEqual([]);
  });

  it('says which component is wrong and why', () => {
    const ticket = topics.find((t) => t.name === 'ticketUpdated')!;
    expect(matchTemplate(ticket.uriTemplate!, 'com.example.chat.ticket.0.updated', schemas)).toEqual({
      matches: true,
      values: { ticketId: 0 },
      issues: ['{ticketId}: Too small: expected number to be >=1'],
    });
    expect(matchTemplate(ticket.uriTemplate!, 'com.example.chat.ticket.x.updated', schemas)).toMatchObject({
      issues: ['{ticketId}: "x" is not an integer'],
    });
    expect(matchTemplate(ticket.uriTemplate!, 'com.example.chat.ticket.updated', schemas)).toEqual({
      matches: false,
    });
  });
});

/** A model of one file with the given named types. */
function modelWith(
  types: { name: string; type: unknown; typeParams?: string[]; constraints?: unknown }[],
): ContractModel {
  const location = { file: 'x.ts', line: 1, column: 1 };
  return {
    modelVersion: 2,
    files: [
      {
        path: 'x.ts',
        services: [],
        topics: [],
        errors: [],
        types: types.map((t) => ({ typeParams: [], recursive: false, location, ...t })) as NamedTypeModel[],
      },
    ],
  };
}
const ref = (name: string, typeArgs: unknown[] = []) =>
  ({ kind: 'ref', name, file: 'x.ts', typeArgs }) as TypeNode;

/** The error building the validator of `type` (in `m`) throws, as its message. */
function buildError(type: unknown, m: ContractModel = modelWith([])): string {
  try {
    new ModelSchemas(m).type(type as TypeNode);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelSchemaError);
    return (error as Error).message;
  }
  return 'built';
}

describe('a hostile or malformed model', () => {
  it('is refused beyond the nesting bound', () => {
    let deep: unknown = { kind: 'string' };
    for (let i = 0; i < MODEL_SCHEMA_LIMITS.depth + 5; i++) deep = { kind: 'array', element: deep };
    expect(buildError(deep)).toMatch(/nested deeper than 64 levels/);
  });

  it('is refused beyond the node budget', () => {
    const members = Array.from({ length: MODEL_SCHEMA_LIMITS.nodes + 1 }, () => ({ kind: 'string' }));
    expect(buildError({ kind: 'union', members: [{ kind: 'number' }, ...members] })).toMatch(
      /more than 20000 type nodes/,
    );
  });

  it('builds a payload once per node, so checking many events never reaches the node budget', () => {
    const s = new ModelSchemas(model);
    const alert = topics.find((t) => t.uri === 'com.example.weather.alert')!;
    const first = s.type(alert.payload);
    for (let i = 0; i < MODEL_SCHEMA_LIMITS.nodes + 10; i++) expect(s.type(alert.payload)).toBe(first);
    const getForecast = procedures.find((p) => p.name === 'getForecast')!;
    expect(s.arguments(getForecast)).toBe(s.arguments(getForecast));
  });

  it('stops a generic that instantiates itself with ever larger arguments', () => {
    const grow = modelWith([
      {
        name: 'Grow',
        typeParams: ['A'],
        type: {
          kind: 'object',
          properties: [
            {
              name: 'next',
              optional: true,
              type: ref('Grow', [{ kind: 'array', element: { kind: 'typeParam', name: 'A' } }]),
            },
          ],
        },
      },
    ]);
    expect(buildError(ref('Grow', [{ kind: 'string' }]), grow)).toMatch(
      /nested deeper|larger than 4096|more than 20000/,
    );
  });

  it('builds a recursive type lazily and validates a deep value without overflowing', () => {
    const json = modelWith([
      {
        name: 'Json',
        type: {
          kind: 'union',
          members: [
            { kind: 'null' },
            { kind: 'number' },
            { kind: 'array', element: ref('Json') },
            { kind: 'record', key: { kind: 'string' }, value: ref('Json') },
          ],
        },
      },
    ]);
    const schema = new ModelSchemas(json).type(ref('Json'));
    expect(schemaIssues(schema, [1, [null, { a: [2] }]], false)).toEqual([]);
    expect(schemaIssues(schema, [1, ['x']], false).length).toBeGreaterThan(0);
    let deep: unknown = 1;
    for (let i = 0; i < 500; i++) deep = [deep];
    expect(schemaIssues(schema, deep, false)).toEqual([
      { code: 'too_deep', path: [], message: 'nested deeper than 128 levels' },
    ]);
  });

  it('names what is malformed instead of throwing a TypeError', () => {
    expect(buildError(null)).toBe('a type node has no kind');
    expect(buildError({ kind: 'object', properties: 5 })).toBe('object properties is not a list');
    expect(buildError({ kind: 'object', properties: [{ type: { kind: 'string' } }] })).toBe(
      'an object property has no name',
    );
    expect(buildError({ kind: 'warp' })).toBe('unknown type kind "warp"');
    expect(buildError({ kind: 'literal', value: { x: 1 } })).toMatch(/a literal is not a string/);
    expect(buildError({ kind: 'union', members: [] })).toBe('a union has no members');
    expect(buildError(ref('Missing'))).toBe('type Missing (x.ts) is not declared in the contract');
    expect(buildError({ kind: 'typeParam', name: 'T' })).toBe('type parameter T is not in scope');
    expect(buildError({ kind: 'void' })).toBe('void is only allowed as a procedure result');
    expect(() => new ModelSchemas({ modelVersion: 2 } as unknown as ContractModel)).toThrow(
      'the contract model has no files',
    );
  });

  it('refuses unusable constraints: unknown formats, bad or long patterns, non-finite bounds', () => {
    const s = new ModelSchemas(modelWith([]));
    const build = (constraints: unknown, kind = 'string') => {
      try {
        s.type({ kind } as TypeNode, constraints as never);
        return 'built';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(build({ format: 'credit-card' })).toBe('no validator for @format "credit-card"');
    expect(build({ format: 'constructor' })).toBe('no validator for @format "constructor"');
    expect(build({ pattern: '([a-' })).toMatch(/^@pattern "\(\[a-" is not a regular expression/);
    expect(build({ pattern: 'a'.repeat(1001) })).toBe('a @pattern is longer than 1000 characters');
    expect(build({ minimum: 'x' }, 'number')).toBe('@minimum is not a finite number');
    expect(build({ minLength: -1 })).toBe('@minLength is not a non-negative integer');
    expect(build({ pattern: '^[a-z]+$', minLength: 2 })).toBe('built');
  });

  it('builds a property named __proto__ without touching prototypes (zod skips that key, as in generated code)', () => {
    const schema = new ModelSchemas(modelWith([])).type({
      kind: 'object',
      properties: [{ name: '__proto__', optional: false, type: { kind: 'number' } }],
    } as TypeNode);
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    // zod never reads or writes `__proto__`; a generated callee then refuses it as an unknown key.
    expect(schemaIssues(schema, value, false)).toEqual([]);
    expect(schemaIssues(schema, value, true).map((i) => [i.code, i.path])).toEqual([
      ['unrecognized_keys', []],
    ]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reports a discriminated union zod cannot use as unusable, not as a crash', () => {
    const schema = new ModelSchemas(modelWith([])).type({
      kind: 'union',
      discriminant: 'kind',
      members: [{ kind: 'string' }, { kind: 'number' }],
    } as TypeNode);
    expect(() => schemaIssues(schema, { kind: 'a' }, false)).toThrow(ModelSchemaError);
  });

  it('refuses a chain of named types that builds small but checks in exponential time', () => {
    // T0 = T1 | T1, T1 = T2 | T2, ...: 32 named types, built once each, 2^32 nodes once written out.
    const chain = Array.from({ length: 32 }, (_, i) => ({
      name: `T${i}`,
      type: i === 31 ? { kind: 'string' } : { kind: 'union', members: [ref(`T${i + 1}`), ref(`T${i + 1}`)] },
    }));
    expect(buildError(ref('T0'), modelWith(chain))).toMatch(/more than 100000 type nodes once written out/);
    // The same chain, short enough, builds and checks.
    const short = chain.slice(0, 8).map((t, i) => (i === 7 ? { ...t, type: { kind: 'string' } } : t));
    const schema = new ModelSchemas(modelWith(short)).type(ref('T0'));
    expect(schemaIssues(schema, 'x', false)).toEqual([]);
  });

  it('refuses patterns that can backtrack catastrophically, and keeps ordinary ones', () => {
    expect(catastrophicBacktracking('^(a+)+$')).toBe('a repeated group that contains a repetition');
    expect(catastrophicBacktracking('^((ab)*c)+$')).toBe('a repeated group that contains a repetition');
    expect(catastrophicBacktracking('(\\w*x)*')).toBe('a repeated group that contains a repetition');
    expect(catastrophicBacktracking('^(a)\\1$')).toBe('a backreference');
    for (const ok of ['^[a-z]+$', '^(ab)+$', '^(\\d+)-(\\d+)$', '^[(+)]*$', '\\(a+\\)+', '^[a-z0-9_]{1,64}$'])
      expect(catastrophicBacktracking(ok), ok).toBeUndefined();
    const s = new ModelSchemas(modelWith([]));
    expect(() => s.type({ kind: 'string' } as TypeNode, { pattern: '^(a+)+$' })).toThrow(
      '@pattern "^(a+)+$" is refused: a repeated group that contains a repetition',
    );
  });

  it('turns what zod throws on a malformed node into a ModelSchemaError', () => {
    expect(buildError({ kind: 'template', parts: [{ kind: 'object', properties: [] }] })).toMatch(
      /^a type cannot be built: /,
    );
    expect(buildError({ kind: 'enum', members: [null] })).toMatch(/^a type cannot be built: /);
    // A procedure whose params a peer left out is checked as one without parameters, not a TypeError.
    const procedure = { uri: 'com.example.p', result: { kind: 'void' } } as unknown as ProcedureModel;
    expect(callMismatches(procedure, [], new ModelSchemas(modelWith([])))).toEqual([]);
  });
});
