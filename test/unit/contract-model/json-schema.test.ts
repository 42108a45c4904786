/**
 * The rules of the JSON Schema export that the agreement corpus does not show by itself: layout and
 * annotations, per-serializer binary, generic instantiation keys, name clashes, determinism, and
 * how it fails safe on a model it does not fully know.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ContractModel, TypeNode } from '../../../runtime/contract-model/index.js';
import {
  contractJsonSchema,
  defRef,
  JsonSchemaErrorCode,
  JsonSchemaExportError,
  WAMP_SCHEMA_KEYWORDS,
} from '../../../runtime/contract-model/index.js';
import { weatherModel } from '../codegen/emit/weather-model.js';

type Json = Record<string, unknown>;
const at = { file: 'schemas/a.ts', line: 1, column: 1 };

/** A one-file model with one procedure `com.example.p` taking `params`, and the given named types. */
function modelWith(
  params: { name: string; type: TypeNode; optional?: boolean }[],
  types: ContractModel['files'][number]['types'] = [],
): ContractModel {
  return {
    modelVersion: 2,
    files: [
      {
        path: 'schemas/a.ts',
        services: [
          {
            name: 'S',
            prefix: 'com.example',
            location: at,
            procedures: [
              {
                name: 'p',
                uri: 'com.example.p',
                params: params.map((p) => ({ optional: false, ...p })),
                kwargs: false,
                result: { kind: 'void' },
                throws: [],
                location: at,
              },
            ],
          },
        ],
        topics: [],
        errors: [],
        types,
      },
    ],
  };
}

function defs(schema: Json): Record<string, Json> {
  return schema.$defs as Record<string, Json>;
}

function args(schema: Json): Json {
  return defs(defs(schema)['procedure:com.example.p'] as Json).args as Json;
}

describe('contractJsonSchema', () => {
  it('is a JSON Schema 2020-12 document with the model version and serializer, and named types by name', () => {
    const { schema, warnings } = contractJsonSchema(weatherModel, { id: 'urn:example:weather' });
    expect(warnings).toEqual([]);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('urn:example:weather');
    expect(schema['x-wamp-contract']).toEqual({ modelVersion: 2, serializer: 'json' });
    const ajv = new Ajv2020({ strict: true, strictTuples: false });
    ajv.addVocabulary([...WAMP_SCHEMA_KEYWORDS]);
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('annotates each procedure with its URI, interface, name, argument placement and errors', () => {
    const entry = defs(contractJsonSchema(weatherModel).schema)[
      'procedure:com.example.weather.getForecast'
    ] as Json;
    expect(entry).toMatchObject({
      'x-wamp-kind': 'procedure',
      'x-wamp-uri': 'com.example.weather.getForecast',
      'x-wamp-interface': 'Weather',
      'x-wamp-name': 'getForecast',
      'x-wamp-arguments': 'args',
    });
    expect(Object.keys(defs(entry)).sort()).toEqual(['args', 'result']);
  });

  it('lets an optional positional parameter be null (a gap) unless its type takes null itself', () => {
    const schema = contractJsonSchema(
      modelWith([
        { name: 'a', type: { kind: 'string' } },
        { name: 'b', type: { kind: 'number' }, optional: true },
        {
          name: 'c',
          type: { kind: 'union', members: [{ kind: 'number' }, { kind: 'null' }] },
          optional: true,
        },
      ]),
    ).schema;
    expect(args(schema)).toEqual({
      type: 'array',
      prefixItems: [
        { title: 'a', type: 'string' },
        { title: 'b', anyOf: [{ type: 'number' }, { type: 'null' }] },
        { title: 'c', anyOf: [{ type: 'number' }, { type: 'null' }] },
      ],
      minItems: 1,
      items: false,
    });
  });

  it('describes a procedure without parameters as an empty list (no empty prefixItems)', () => {
    expect(args(contractJsonSchema(modelWith([])).schema)).toEqual({ type: 'array', items: false });
  });

  it('describes binary per serializer: a NUL+base64 string in JSON, a non-JSON value (bytes) in msgpack and cbor', () => {
    const model = modelWith([{ name: 'data', type: { kind: 'binary' } }]);
    const json = (args(contractJsonSchema(model).schema).prefixItems as Json[])[0] as Json;
    expect(json).toMatchObject({ type: 'string', 'x-wamp-type': 'binary' });
    expect(new RegExp(json.pattern as string).test('\u0000AAEC')).toBe(true);
    expect(new RegExp(json.pattern as string).test('AAEC')).toBe(false);
    for (const serializer of ['msgpack', 'cbor'] as const) {
      const item = (args(contractJsonSchema(model, { serializer }).schema).prefixItems as Json[])[0];
      expect(item).toEqual({
        title: 'data',
        not: { type: ['null', 'boolean', 'number', 'string', 'array', 'object'] },
        'x-wamp-type': 'binary',
      });
    }
  });

  it('describes Date as an RFC 3339 date-time string with the pattern the zod validator checks', () => {
    const item = (
      args(contractJsonSchema(modelWith([{ name: 'at', type: { kind: 'date' } }])).schema)
        .prefixItems as Json[]
    )[0] as Json;
    expect(item).toMatchObject({ type: 'string', format: 'date-time', 'x-wamp-type': 'Date' });
    const pattern = new RegExp(item.pattern as string);
    expect(pattern.test('2024-05-01T12:00:00Z')).toBe(true);
    expect(pattern.test('2024-05-01T12:00:00.123+02:00')).toBe(true);
    expect(pattern.test('2024-05-01T12:00Z')).toBe(false);
    expect(pattern.test('2024-05-01T12:00:00')).toBe(false);
  });

  it('exports one $defs entry per instantiation of a generic type, named after its arguments', () => {
    const { schema } = contractJsonSchema(weatherModel);
    const names = Object.keys(defs(schema));
    expect(names.filter((n) => n.startsWith('Page'))).toEqual(['Page<Forecast>']);
    expect(names).not.toContain('Page');
    expect(defRef('Page<Forecast>')).toBe('#/$defs/Page%3CForecast%3E');
  });

  it('qualifies a type name declared in two files by its file', () => {
    const named = (file: string) => ({
      name: 'Item',
      typeParams: [],
      type: { kind: 'string' as const },
      recursive: false,
      location: { file, line: 1, column: 1 },
    });
    const model: ContractModel = {
      modelVersion: 2,
      files: [
        { path: 'schemas/a.ts', services: [], topics: [], errors: [], types: [named('schemas/a.ts')] },
        { path: 'schemas/b.ts', services: [], topics: [], errors: [], types: [named('schemas/b.ts')] },
      ],
    };
    expect(Object.keys(defs(contractJsonSchema(model).schema))).toEqual(['Item.schemas_a', 'Item.schemas_b']);
  });

  it('is deterministic: the same model gives the same text', () => {
    const a = JSON.stringify(contractJsonSchema(weatherModel).schema);
    const b = JSON.stringify(contractJsonSchema(structuredClone(weatherModel)).schema);
    expect(a).toBe(b);
  });

  it('refuses a model version it does not know with a coded error', () => {
    const future = { ...weatherModel, modelVersion: 3 } as unknown as ContractModel;
    expect(() => contractJsonSchema(future)).toThrow(JsonSchemaExportError);
    try {
      contractJsonSchema(future);
    } catch (error) {
      expect((error as JsonSchemaExportError).code).toBe(JsonSchemaErrorCode.UNSUPPORTED_MODEL_VERSION);
    }
  });

  it('exports a type kind it does not know as {} (accepts anything) with a warning naming the place', () => {
    const stream = { kind: 'stream', element: { kind: 'string' } } as unknown as TypeNode;
    const { schema, warnings } = contractJsonSchema(modelWith([{ name: 'input', type: stream }]));
    expect((args(schema).prefixItems as Json[])[0]).toEqual({
      title: 'input',
      'x-wamp-unsupported': 'stream',
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: JsonSchemaErrorCode.UNKNOWN_TYPE_KIND,
        where: 'procedure com.example.p',
      }),
    ]);
  });

  it('describes the chunks of a Stream<Chunk> parameter as the input part, apart from the args list', () => {
    const base = modelWith([{ name: 'name', type: { kind: 'string' } }]);
    const procedure = base.files[0]?.services[0]?.procedures[0] as unknown as Json;
    procedure.input = {
      name: 'chunks',
      type: { kind: 'number' },
      optional: false,
      constraints: { int: true },
    };
    const { schema, warnings } = contractJsonSchema(base);
    expect(warnings).toEqual([]);
    const entry = defs(defs(schema as Json)['procedure:com.example.p'] as Json);
    expect(entry.input).toMatchObject({ 'x-wamp-placement': 'args[0]', type: 'integer' });
    // The first CALL carries only the ordinary parameters: the stream is not one of its arguments.
    expect(args(schema as Json)).toMatchObject({ prefixItems: [{ type: 'string' }], items: false });
  });

  it('warns about a model field it does not know instead of dropping it silently', () => {
    const model = modelWith([{ name: 'a', type: { kind: 'string' } }]);
    const file = model.files[0] as unknown as Json;
    const service = (file.services as Json[])[0] as Json;
    const procedure = (service.procedures as Json[])[0] as Json;
    procedure.retries = 3;
    const { warnings } = contractJsonSchema(model);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: JsonSchemaErrorCode.UNKNOWN_FIELD,
        message: expect.stringContaining("'retries'"),
      }),
    ]);
  });

  it('imports nothing but its own folder (it serves at run time, without node, ts-morph or zod)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['json-schema.ts', 'json-schema-node.ts', 'json-schema-vocabulary.ts']) {
      const text = readFileSync(new URL(`../../../runtime/contract-model/${file}`, import.meta.url), 'utf8');
      const specs = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(specs.filter((s) => !s?.startsWith('./'))).toEqual([]);
    }
  });
});
