import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../../codegen/extract/index.js';
import type { ProcedureModel } from '../../../../codegen/model/contract-model.js';
import { IMPORT, extractInline } from './extract-inline.js';
import { extractFixtures, fileOf } from './fixture-model.js';
import { lit, N, obj, prop, ref, S, union, VOID } from './model-builders.js';

let result: ExtractResult;
beforeAll(() => {
  result = extractFixtures();
});

const SERVICES = 'test/fixtures/schemas/services.ts';

function procedure(name: string): ProcedureModel {
  const found = fileOf(result, 'services').services[0]?.procedures.find((p) => p.name === name);
  if (!found) throw new Error(`no procedure ${name}`);
  return found;
}

describe('services, topics and errors (test/fixtures/schemas)', () => {
  it('reads a service with its prefix, docs and location', () => {
    const weather = fileOf(result, 'services').services[0];
    expect([weather?.name, weather?.prefix, weather?.docs, weather?.location]).toEqual([
      'Weather',
      'com.example.weather',
      { description: 'Weather forecasts.' },
      { file: SERVICES, line: 26, column: 18 },
    ]);
  });

  it('lists procedures in declaration order', () => {
    expect(fileOf(result, 'services').services[0]?.procedures.map((p) => p.name)).toEqual([
      'getForecast',
      'watchStation',
      'tail',
      'setAlertLevel',
      'ping',
      'stationCount',
      'reset',
    ]);
  });

  it('maps positional and optional parameters, @param docs, result and @throws', () => {
    expect(procedure('getForecast')).toEqual({
      name: 'getForecast',
      uri: 'com.example.weather.getForecast',
      params: [
        { name: 'city', type: S, optional: false, docs: { description: 'the city name' } },
        { name: 'days', type: N, optional: true, docs: { description: 'how many days, 1 by default' } },
      ],
      kwargs: false,
      result: ref('services', 'Reading'),
      throws: [
        { name: 'UnknownCity', file: SERVICES },
        { name: 'Busy', file: SERVICES },
      ],
      docs: { description: 'Forecast for one city.' },
      location: { file: SERVICES, line: 34, column: 3 },
    });
  });

  it('splits Progress<Chunk, Result> into progress and result', () => {
    const watch = procedure('watchStation');
    expect([watch.progress, watch.result]).toEqual([ref('services', 'Reading'), ref('services', 'Summary')]);
  });

  it('maps Progress<Chunk, void> to a void result', () => {
    const tail = procedure('tail');
    expect([tail.progress, tail.result]).toEqual([ref('services', 'Reading'), VOID]);
  });

  it('marks @kwargs procedures', () => {
    const set = procedure('setAlertLevel');
    expect([set.kwargs, set.params[0]?.type, set.result]).toEqual([
      true,
      obj(prop('region', S), prop('level', union(lit(1), lit(2), lit(3)))),
      VOID,
    ]);
  });

  it('uses @uri exactly', () => {
    expect(procedure('ping').uri).toBe('com.example.legacy.ping_v1');
  });

  it('unwraps a Promise<T> result to T', () => {
    expect(procedure('stationCount').result).toEqual(N);
  });

  it('maps a void result and no parameters', () => {
    expect([procedure('reset').params, procedure('reset').result]).toEqual([[], VOID]);
  });

  it('reads errors with object, absent and non-object payloads', () => {
    expect(fileOf(result, 'services').errors.map((e) => [e.name, e.uri, e.payload])).toEqual([
      ['UnknownCity', 'com.example.weather.unknown_city', obj(prop('city', S))],
      ['Busy', 'com.example.weather.busy', undefined],
      ['RateLimited', 'com.example.weather.rate_limited', N],
    ]);
  });

  it('reads topics with payloads, @kwargs and @uri', () => {
    const events = fileOf(result, 'topics').topics[0];
    expect(events?.topics.map((t) => [t.name, t.uri, t.kwargs, t.payload])).toEqual([
      ['alert', 'com.example.weather.alert', false, ref('topics', 'WeatherAlert')],
      ['stationAdded', 'com.example.weather.stationAdded', true, obj(prop('stationId', S), prop('name', S))],
      ['tick', 'com.example.weather.legacy.tick', false, N],
      ['heartbeat', 'com.example.weather.heartbeat', false, obj()],
    ]);
  });
});

describe('inline schemas', () => {
  it('applies the snake_case naming rule to members without @uri', () => {
    const { model } = extractInline(
      {
        'a.ts': `${IMPORT}export interface S extends Service<'com.a'> {\n  getForecast(): void;\n  /** @uri com.a.KeepMe */\n  other(): void;\n}`,
      },
      { naming: 'snake_case' },
    );
    expect(model.files[0]?.services[0]?.procedures.map((p) => p.uri)).toEqual([
      'com.a.get_forecast',
      'com.a.KeepMe',
    ]);
  });

  it('recognises the schema markers through a renamed import', () => {
    const { model } = extractInline({
      'a.ts':
        "import type { Service as Svc } from 'wamp-contracts/schema';\nexport interface S extends Svc<'com.a'> {\n  ping(): void;\n}",
    });
    expect(model.files[0]?.services.map((s) => s.prefix)).toEqual(['com.a']);
  });

  it('does not treat a user interface named Service as a contract', () => {
    const { model } = extractInline({
      'a.ts':
        'export interface Service<P extends string> { prefix: P }\nexport interface S extends Service<"x"> { a: number }',
    });
    expect(model.files[0]?.services).toEqual([]);
  });

  it('resolves @throws to an error imported from another file', () => {
    const { model, diagnostics } = extractInline({
      'errors.ts': `${IMPORT}export type Gone = WampError<'com.a.gone'>;`,
      'a.ts': `${IMPORT}import type { Gone } from './errors.js';\nexport interface S extends Service<'com.a'> {\n  /** @throws Gone */\n  get(): void;\n}`,
    });
    expect(diagnostics).toEqual([]);
    expect(model.files.find((f) => f.path === 'a.ts')?.services[0]?.procedures[0]?.throws).toEqual([
      { name: 'Gone', file: 'errors.ts' },
    ]);
  });

  it('includes procedures inherited from a base interface', () => {
    const { model } = extractInline({
      'a.ts': `${IMPORT}export interface Base { ping(): void; }\nexport interface S extends Service<'com.a'>, Base {\n  get(): string;\n}`,
    });
    expect(model.files[0]?.services[0]?.procedures.map((p) => p.name)).toEqual(['get', 'ping']);
  });

  it('keeps non-exported types only when a contract uses them', () => {
    const { model } = extractInline({
      'a.ts': `${IMPORT}interface Used { a: string }\ninterface Unused { b: string }\nexport interface S extends Service<'com.a'> {\n  get(): Used;\n}`,
    });
    expect(model.files[0]?.types.map((t) => t.name)).toEqual(['Used']);
  });

  it('reads one-line tag lists', () => {
    const { model } = extractInline({
      'a.ts': `${IMPORT}export interface T {\n  /** Celsius. @minimum -90 @maximum 60 */\n  tempC: number;\n}`,
    });
    const type = model.files[0]?.types[0]?.type;
    expect(type?.kind === 'object' && type.properties[0]).toEqual({
      name: 'tempC',
      type: N,
      optional: false,
      docs: { description: 'Celsius.' },
      constraints: { minimum: -90, maximum: 60 },
    });
  });
});
