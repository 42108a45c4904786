import type { ContractModel, TypeNode } from '../../../../codegen/model/contract-model.js';

const at = (line: number) => ({ file: 'schemas/weather.ts', line, column: 1 });
const ref = (name: string, file = 'schemas/weather.ts', typeArgs: TypeNode[] = []): TypeNode => ({
  kind: 'ref',
  name,
  file,
  typeArgs,
});

/** A hand-written model of a weather contract that exercises every construct the emitter supports. */
export const weatherModel: ContractModel = {
  modelVersion: 2,
  files: [
    {
      path: 'schemas/common.ts',
      services: [],
      topics: [],
      errors: [],
      types: [
        {
          name: 'Page',
          typeParams: ['T'],
          type: {
            kind: 'object',
            properties: [
              {
                name: 'items',
                type: { kind: 'array', element: { kind: 'typeParam', name: 'T' } },
                optional: false,
              },
              {
                name: 'total',
                type: { kind: 'number' },
                optional: false,
                constraints: { int: true, minimum: 0 },
              },
            ],
          },
          recursive: false,
          location: { file: 'schemas/common.ts', line: 1, column: 1 },
        },
      ],
    },
    {
      path: 'schemas/weather.ts',
      services: [
        {
          name: 'Weather',
          prefix: 'com.example.weather',
          docs: { description: 'Weather forecasts.' },
          location: at(40),
          procedures: [
            {
              name: 'getForecast',
              uri: 'com.example.weather.getForecast',
              params: [
                { name: 'city', type: { kind: 'string' }, optional: false, constraints: { minLength: 1 } },
                { name: 'days', type: { kind: 'number' }, optional: true },
              ],
              kwargs: false,
              result: ref('Forecast'),
              throws: [{ name: 'UnknownCity', file: 'schemas/weather.ts' }],
              docs: { description: 'Forecast for one city. Ends */ here?' },
              location: at(42),
            },
            {
              name: 'watchStation',
              uri: 'com.example.weather.watchStation',
              params: [{ name: 'stationId', type: { kind: 'string' }, optional: false }],
              kwargs: false,
              result: ref('Summary'),
              progress: ref('Reading'),
              throws: [],
              location: at(44),
            },
            {
              name: 'setAlertLevel',
              uri: 'com.example.weather.set_alert_level',
              params: [
                {
                  name: 'req',
                  optional: false,
                  type: {
                    kind: 'object',
                    properties: [
                      { name: 'region', type: { kind: 'string' }, optional: false },
                      {
                        name: 'level',
                        type: {
                          kind: 'union',
                          members: [
                            { kind: 'literal', value: 1 },
                            { kind: 'literal', value: 2 },
                            { kind: 'literal', value: 3 },
                          ],
                        },
                        optional: false,
                      },
                    ],
                  },
                },
              ],
              kwargs: true,
              result: { kind: 'void' },
              throws: [],
              location: at(46),
            },
            {
              name: 'history',
              uri: 'com.example.weather.history',
              params: [{ name: 'since', type: { kind: 'date' }, optional: false }],
              kwargs: false,
              result: ref('Page', 'schemas/common.ts', [ref('Forecast')]),
              throws: [],
              location: at(48),
            },
            {
              name: 'tree',
              uri: 'com.example.weather.tree',
              params: [],
              kwargs: false,
              result: ref('Region'),
              throws: [],
              location: at(50),
            },
          ],
        },
      ],
      topics: [
        {
          name: 'WeatherEvents',
          prefix: 'com.example.weather',
          location: at(60),
          topics: [
            {
              name: 'alert',
              uri: 'com.example.weather.alert',
              payload: ref('WeatherAlert'),
              kwargs: false,
              location: at(61),
            },
            {
              name: 'reading',
              uri: 'com.example.weather.reading',
              payload: ref('Reading'),
              kwargs: true,
              location: at(62),
            },
          ],
        },
      ],
      errors: [
        {
          name: 'UnknownCity',
          uri: 'com.example.weather.unknown_city',
          payload: {
            kind: 'object',
            properties: [{ name: 'city', type: { kind: 'string' }, optional: false }],
          },
          location: at(30),
        },
        { name: 'Overloaded', uri: 'com.example.weather.overloaded', location: at(31) },
      ],
      types: [
        {
          name: 'Forecast',
          typeParams: [],
          docs: { description: 'A forecast.' },
          recursive: false,
          location: at(1),
          type: {
            kind: 'object',
            properties: [
              { name: 'city', type: { kind: 'string' }, optional: false },
              {
                name: 'tempC',
                type: { kind: 'number' },
                optional: false,
                docs: { description: 'Celsius.' },
                constraints: { minimum: -90, maximum: 60 },
              },
              {
                name: 'sky',
                type: {
                  kind: 'union',
                  members: [
                    { kind: 'literal', value: 'sun' },
                    { kind: 'literal', value: 'cloud' },
                    { kind: 'literal', value: 'rain' },
                  ],
                },
                optional: false,
              },
              { name: 'issuedAt', type: { kind: 'date' }, optional: false },
              { name: 'note', type: { kind: 'string' }, optional: true },
              {
                name: 'source',
                type: { kind: 'union', members: [{ kind: 'string' }, { kind: 'undefined' }] },
                optional: true,
              },
            ],
          },
        },
        {
          name: 'Reading',
          typeParams: [],
          recursive: false,
          location: at(10),
          type: {
            kind: 'object',
            properties: [
              { name: 'stationId', type: { kind: 'string' }, optional: false },
              { name: 'value', type: { kind: 'number' }, optional: false },
            ],
          },
        },
        {
          name: 'Summary',
          typeParams: [],
          recursive: false,
          location: at(12),
          type: {
            kind: 'object',
            properties: [
              { name: 'count', type: { kind: 'number' }, optional: false, constraints: { int: true } },
            ],
          },
        },
        {
          name: 'WeatherAlert',
          typeParams: [],
          recursive: false,
          location: at(14),
          type: {
            kind: 'union',
            discriminant: 'kind',
            members: [
              {
                kind: 'object',
                properties: [
                  { name: 'kind', type: { kind: 'literal', value: 'storm' }, optional: false },
                  { name: 'windKmh', type: { kind: 'number' }, optional: false },
                ],
              },
              {
                kind: 'object',
                properties: [
                  { name: 'kind', type: { kind: 'literal', value: 'heat' }, optional: false },
                  { name: 'tempC', type: { kind: 'number' }, optional: false },
                ],
              },
            ],
          },
        },
        {
          name: 'Region',
          typeParams: [],
          recursive: true,
          location: at(20),
          type: {
            kind: 'object',
            properties: [
              { name: 'name', type: { kind: 'string' }, optional: false },
              { name: 'children', type: { kind: 'array', element: ref('Region') }, optional: false },
            ],
          },
        },
      ],
    },
  ],
};
