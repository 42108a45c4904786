/**
 * The agreement corpus: valid and invalid wire payloads for every schema construct of the fixture
 * schemas (test/fixtures/schemas), each checked by the generated zod validator (test/golden/default)
 * and by the exported JSON Schema. Payloads are JS values written by the JSON serializer (so
 * `Uint8Array` becomes `"\u0000"`+base64) or raw JSON text (`raw(...)`, for floats like `42.0` and
 * malformed binary strings).
 */
import * as constraints from '../../golden/default/out/constraints.js';
import * as cycleA from '../../golden/default/out/cycle-a.js';
import * as generics from '../../golden/default/out/generics.js';
import * as objects from '../../golden/default/out/objects.js';
import * as primitives from '../../golden/default/out/primitives.js';
import * as recursive from '../../golden/default/out/recursive.js';
import * as services from '../../golden/default/out/services.js';
import * as special from '../../golden/default/out/special.js';
import * as topics from '../../golden/default/out/topics.js';
import * as unions from '../../golden/default/out/unions.js';

/** A payload given as JSON text, exactly as a peer would send it. */
export interface RawJson {
  readonly raw: string;
}

/** `text` as a payload, unchanged by any encoder. */
export function raw(text: string): RawJson {
  return { raw: text };
}

/** How the runtime reads the payload before validating it (see runtime/contracts). */
export type ReadMode = 'value' | 'args' | 'result';

/** One schema of the contract, in its two forms. */
export interface Target {
  readonly name: string;
  /** The generated zod validator. */
  readonly zod: unknown;
  readonly mode: ReadMode;
  /** The `$defs` path of the exported JSON Schema. */
  readonly keys: readonly string[];
}

/** A target with payloads it must accept and payloads it must refuse. */
export interface CorpusCase {
  readonly target: Target;
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

interface ProcedureLike {
  readonly name: string;
  readonly uri: string;
  readonly kwargs: boolean;
  readonly args: unknown;
  readonly result?: unknown;
  readonly progress?: unknown;
}

function type(name: string, module: Record<string, unknown>): Target {
  return { name, zod: module[`${name}Schema`], mode: 'value', keys: [name] };
}

function procedureOf(contract: { procedures: readonly ProcedureLike[] }, name: string): ProcedureLike {
  const found = contract.procedures.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no procedure ${name}`);
  return found;
}

function args(contract: { procedures: readonly ProcedureLike[] }, name: string): Target {
  const p = procedureOf(contract, name);
  const part = p.kwargs ? 'kwargs' : 'args';
  return {
    name: `${p.uri} ${part}`,
    zod: p.args,
    mode: p.kwargs ? 'value' : 'args',
    keys: [`procedure:${p.uri}`, part],
  };
}

function result(contract: { procedures: readonly ProcedureLike[] }, name: string): Target {
  const p = procedureOf(contract, name);
  return { name: `${p.uri} result`, zod: p.result, mode: 'result', keys: [`procedure:${p.uri}`, 'result'] };
}

function progress(contract: { procedures: readonly ProcedureLike[] }, name: string): Target {
  const p = procedureOf(contract, name);
  return {
    name: `${p.uri} progress`,
    zod: p.progress,
    mode: 'value',
    keys: [`procedure:${p.uri}`, 'progress'],
  };
}

function topic(
  contract: { topics: readonly { name: string; uri: string; payload: unknown }[] },
  name: string,
): Target {
  const t = contract.topics.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no topic ${name}`);
  return { name: `${t.uri} event`, zod: t.payload, mode: 'value', keys: [`topic:${t.uri}`, 'payload'] };
}

function error(uri: string, zod: unknown): Target {
  return { name: `${uri} payload`, zod, mode: 'value', keys: [`error:${uri}`, 'payload'] };
}

const bytes = new Uint8Array([0, 1, 2, 250, 255]);
const attachment = {
  owner: 'u1',
  price: 1250,
  data: bytes,
  uploadedAt: '2024-05-01T12:00:00Z',
  key: 'file-report.pdf',
  version: 'v1.2',
  color: 'red',
  priority: 10,
};
const signUp = {
  login: 'ada_1',
  email: 'ada@example.org',
  age: 36,
  roles: ['admin'],
  completion: 50,
};
const primitive = {
  text: 't',
  count: 1.5,
  flag: false,
  nothing: null,
  maybeText: null,
  exactly: 'exact',
  answer: 42,
  yes: true,
  sky: 'sun',
  level: 2,
};
const collections = {
  names: ['a'],
  scores: [1, 2.5],
  frozen: [],
  alsoFrozen: [true],
  point: [1, 2],
  labelled: [1, 2],
  headAndRest: ['h'],
  matrix: [[1], []],
};
const customer = { id: 'c1', address: { street: 's', city: 'c' }, contact: { email: 'e' }, tags: [] };
const address = { street: 's', city: 'c' };

/** Every case; a construct missing here is missing from the agreement guarantee. */
export const CORPUS: readonly CorpusCase[] = [
  // Primitives, literals, literal unions, null, int vs float.
  {
    target: type('Primitives', primitives),
    valid: [
      primitive,
      { ...primitive, maybeText: 'm', count: -0, level: 3 },
      { ...primitive, extra: 'extra keys are allowed (and stripped by zod)' },
      raw(JSON.stringify(primitive).replace('"answer":42', '"answer":42.0')),
    ],
    invalid: [
      { ...primitive, nothing: undefined },
      { ...primitive, nothing: 0 },
      { ...primitive, maybeText: 5 },
      { ...primitive, exactly: 'Exact' },
      { ...primitive, answer: 42.5 },
      { ...primitive, answer: '42' },
      { ...primitive, yes: 1 },
      { ...primitive, sky: 'snow' },
      { ...primitive, level: 4 },
      { ...primitive, level: '2' },
      { ...primitive, flag: 'false' },
      [],
      null,
      'Primitives',
    ],
  },
  // Optional (may be absent) against `| undefined` (must be present on the wire: undefined is not a value).
  {
    target: type('Optionals', primitives),
    valid: [{ undefinedAllowed: 'u' }, { undefinedAllowed: 'u', absentAllowed: 'a', both: 2 }],
    invalid: [
      {},
      { undefinedAllowed: null },
      { undefinedAllowed: 'u', absentAllowed: null },
      { undefinedAllowed: 'u', both: null },
    ],
  },
  // Arrays, tuples (optional elements, rest elements), nested arrays.
  {
    target: type('Collections', primitives),
    valid: [
      collections,
      { ...collections, labelled: [1, 2, 'l'], headAndRest: ['h', 1, 2, 3] },
      raw(JSON.stringify(collections).replace('"point":[1,2]', '"point":[1.0,2e0]')),
    ],
    invalid: [
      { ...collections, point: [1] },
      { ...collections, point: [1, 2, 3] },
      { ...collections, labelled: [1, 2, 'l', 'extra'] },
      { ...collections, labelled: [1, 2, null] },
      { ...collections, headAndRest: [] },
      { ...collections, headAndRest: ['h', 'x'] },
      { ...collections, matrix: [1] },
      { ...collections, names: 'a' },
      { ...collections, scores: [null] },
    ],
  },
  // Nested objects, imported interfaces, extra keys.
  {
    target: type('Customer', objects),
    valid: [customer, { ...customer, contact: { email: 'e', phone: 'p' }, more: 1 }],
    invalid: [
      { ...customer, address: { street: 's' } },
      { ...customer, contact: { phone: 'p' } },
      { ...customer, tags: [1] },
      { ...customer, address: null },
    ],
  },
  // Records: string keys (open) and literal-union keys (exhaustive, closed).
  {
    target: type('Lookups', objects),
    valid: [
      { byId: {}, bySky: { sun: 1, rain: 2 }, counts: {} },
      { byId: { c1: customer }, bySky: { sun: 1, rain: 2.5 }, counts: { a: 1, b: 2 } },
    ],
    invalid: [
      { byId: {}, bySky: { sun: 1 }, counts: {} },
      { byId: {}, bySky: { sun: 1, rain: 2, snow: 3 }, counts: {} },
      { byId: {}, bySky: { sun: 1, rain: 2 }, counts: { a: 'one' } },
      { byId: { c1: { id: 'c1' } }, bySky: { sun: 1, rain: 2 }, counts: {} },
      { byId: [], bySky: { sun: 1, rain: 2 }, counts: {} },
    ],
  },
  // Intersections.
  {
    target: type('AuditedCustomer', objects),
    valid: [{ ...customer, createdBy: 'x', version: 1 }],
    invalid: [customer, { ...customer, createdBy: 'x', version: '1' }],
  },
  {
    target: type('Tagged', objects),
    valid: [
      { ...address, kind: 'home' },
      { ...address, kind: 'work', company: 'acme' },
    ],
    invalid: [{ ...address, kind: 'work' }, { ...address, kind: 'school' }, { kind: 'home' }],
  },
  // Mapped and utility types.
  {
    target: type('Patches', objects),
    valid: [
      {
        partial: {},
        picked: { id: 'i', tags: [] },
        omitted: { street: 's', city: 'c' },
        required: { street: 's', city: 'c', postcode: 'p' },
        frozen: { createdBy: 'x', version: 1 },
        flags: { a: true, b: false },
      },
    ],
    invalid: [
      {
        partial: {},
        picked: { id: 'i', tags: [] },
        omitted: { street: 's', city: 'c' },
        required: { street: 's', city: 'c' },
        frozen: { createdBy: 'x', version: 1 },
        flags: { a: true, b: false },
      },
      {
        partial: { street: 1 },
        picked: { id: 'i', tags: [] },
        omitted: { street: 's', city: 'c' },
        required: { street: 's', city: 'c', postcode: 'p' },
        frozen: { createdBy: 'x', version: 1 },
        flags: { a: true },
      },
    ],
  },
  // Generics, instantiated at each use.
  {
    target: result(generics.UserServiceContract, 'list'),
    valid: [{ items: [] }, { items: [{ id: '1', name: 'n' }], next: 'c' }],
    invalid: [{ items: [{ id: '1' }] }, { items: [], next: null }, null],
  },
  {
    target: result(generics.UserServiceContract, 'find'),
    valid: [
      { ok: true, value: { id: '1', name: 'n' } },
      { ok: false, error: 'gone' },
    ],
    invalid: [
      { ok: true, error: 'gone' },
      { ok: false, error: 5 },
      { ok: 'yes', value: { id: '1', name: 'n' } },
    ],
  },
  {
    target: result(generics.UserServiceContract, 'counts'),
    valid: [
      { ok: true, value: 3 },
      { ok: false, error: { code: 1 } },
    ],
    invalid: [
      { ok: true, value: '3' },
      { ok: false, error: 'x' },
    ],
  },
  {
    target: args(generics.UserServiceContract, 'list'),
    valid: [[], ['cursor'], [null]],
    invalid: [[1], ['a', 'b']],
  },
  // Recursion, directly and through another type.
  {
    target: type('TreeNode', recursive),
    valid: [{ name: 'r', children: [{ name: 'a', children: [{ name: 'b', children: [] }] }] }],
    invalid: [
      { name: 'r', children: [{ name: 'a', children: [{ name: 'b' }] }] },
      { name: 'r', children: [{ name: 'a', children: [{ children: [] }] }] },
    ],
  },
  {
    target: type('Folder', recursive),
    valid: [
      {
        name: 'f',
        entries: [
          { kind: 'file', name: 'x', size: 1 },
          { kind: 'folder', folder: { name: 'g', entries: [] } },
        ],
      },
    ],
    invalid: [
      { name: 'f', entries: [{ kind: 'folder', folder: { name: 'g' } }] },
      { name: 'f', entries: [{ kind: 'link', name: 'x' }] },
    ],
  },
  {
    target: args(recursive.TreeServiceContract, 'store'),
    valid: [[null], [{ a: [1, 'two', { b: null, c: [true] }] }], [[[[]]]]],
    invalid: [[], [{ a: [1, 'two', { b: null, c: [true] }] }, 2]],
  },
  // Constraints: lengths, pattern, format, int, minimum, default, array lengths, constraints on a named type.
  {
    target: type('SignUp', constraints),
    valid: [
      signUp,
      { ...signUp, locale: 'fr', mail: 'old', legacy: true, completion: 100, age: 13 },
      { ...signUp, roles: ['a', 'b', 'c', 'd', 'e'], login: 'a'.repeat(32) },
      raw(JSON.stringify(signUp).replace('"age":36', '"age":36.0')),
    ],
    invalid: [
      { ...signUp, login: 'ab' },
      { ...signUp, login: 'a'.repeat(33) },
      { ...signUp, login: 'Ada' },
      { ...signUp, login: '1ada' },
      { ...signUp, email: 'not-an-email' },
      { ...signUp, age: 12 },
      { ...signUp, age: 36.5 },
      { ...signUp, age: 2 ** 53 },
      { ...signUp, roles: [] },
      { ...signUp, roles: ['a', 'b', 'c', 'd', 'e', 'f'] },
      { ...signUp, completion: 100.5 },
      { ...signUp, completion: -1 },
      { ...signUp, locale: null },
    ],
  },
  {
    target: args(constraints.SignUpServiceContract, 'available'),
    valid: [['abc'], ['abc', 3], ['abc', null], raw('["abc", 3.0]')],
    invalid: [[], ['ab'], ['abc', 0], ['abc', 1.5], ['abc', '3'], ['abc', 3, 'extra'], [null]],
  },
  // Binary, Date, brands, template literals, string and numeric enums.
  {
    target: type('Attachment', special),
    valid: [
      attachment,
      { ...attachment, data: new Uint8Array(0), uploadedAt: '2024-02-29T23:59:59.123+05:30' },
    ],
    invalid: [
      { ...attachment, data: 'AAEC+v8=' },
      { ...attachment, data: [0, 1, 2] },
      raw(JSON.stringify(attachment).replace(/"data":"[^"]*"/, '"data":"\\u0000!!!"')),
      raw(JSON.stringify(attachment).replace(/"data":"[^"]*"/, '"data":"\\u0000AAE"')),
      { ...attachment, uploadedAt: '2024-05-01T12:00Z' },
      { ...attachment, uploadedAt: '2024-05-01T12:00:00' },
      { ...attachment, uploadedAt: '2023-02-29T12:00:00Z' },
      { ...attachment, uploadedAt: '2024-05-01' },
      { ...attachment, uploadedAt: 1714564800000 },
      { ...attachment, owner: 7 },
      { ...attachment, price: '12.50' },
      { ...attachment, key: 'files-x' },
      { ...attachment, version: 'v1' },
      { ...attachment, version: 'v1e3.2' },
      { ...attachment, color: 'blue' },
      { ...attachment, color: 'Red' },
      { ...attachment, priority: 5 },
      { ...attachment, priority: 'High' },
    ],
  },
  {
    target: args(special.AttachmentServiceContract, 'upload'),
    valid: [
      [bytes, 'u1'],
      [new Uint8Array(1), 'u2'],
    ],
    invalid: [[bytes], ['bytes', 'u1'], [bytes, 'u1', 'extra'], [null, 'u1']],
  },
  {
    target: args(special.AttachmentServiceContract, 'since'),
    valid: [['2024-05-01T12:00:00Z'], ['2024-05-01T12:00:00.5-01:00']],
    invalid: [['2024-05-01T25:00:00Z'], ['2024-05-01T12:00:00+24:00'], ['yesterday'], [null], []],
  },
  // Discriminated unions, plain unions, unions of objects, nullable results.
  {
    target: type('Shape', unions),
    valid: [
      { type: 'circle', radius: 1 },
      { type: 'rect', width: 1, height: 2 },
      { type: 'square', side: 1, extra: true },
    ],
    invalid: [
      { type: 'circle', side: 1 },
      { type: 'triangle' },
      { radius: 1 },
      { type: 'rect', width: 1 },
      null,
    ],
  },
  {
    target: type('NamedShape', unions),
    valid: [
      { kind: 'circle', radius: 1 },
      { kind: 'square', side: 2 },
    ],
    invalid: [{ kind: 'square', radius: 1 }, {}],
  },
  {
    target: type('Primitive', unions),
    valid: ['s', 1, true, raw('1.0')],
    invalid: [null, [], {}],
  },
  {
    target: type('Contact', unions),
    valid: [{ email: 'e' }, { phone: 'p' }, { email: 'e', phone: 'p' }],
    invalid: [{}, { email: 1 }],
  },
  {
    target: result(unions.ShapeServiceContract, 'contact'),
    valid: [null, { email: 'e' }],
    invalid: [{}, 'e'],
  },
  // Procedures: optional positional gaps, kwargs, results, progress, errors.
  {
    target: args(services.WeatherContract, 'getForecast'),
    valid: [['Paris'], ['Paris', 3], ['Paris', null], raw('["Paris", 3.5]')],
    invalid: [
      [],
      [null],
      [true],
      ['Paris', '3'],
      ['Paris', 3, 4],
      ['Paris', null, null],
      { city: 'Paris' },
      'Paris',
    ],
  },
  {
    target: args(services.WeatherContract, 'setAlertLevel'),
    valid: [
      { region: 'r', level: 1 },
      { region: 'r', level: 3, extra: 1 },
    ],
    invalid: [{ region: 'r' }, { region: 'r', level: 4 }, { region: 'r', level: '1' }, ['r', 1]],
  },
  {
    target: args(services.WeatherContract, 'reset'),
    valid: [[]],
    invalid: [[null], ['x']],
  },
  {
    target: result(services.WeatherContract, 'ping'),
    valid: ['pong'],
    invalid: ['ping', null],
  },
  {
    target: progress(services.WeatherContract, 'watchStation'),
    valid: [{ stationId: 's', tempC: -3.5 }],
    invalid: [{ stationId: 's' }, null],
  },
  {
    target: result(services.WeatherContract, 'watchStation'),
    valid: [{ count: 0, meanC: 0 }],
    invalid: [{ count: 0 }],
  },
  {
    target: error('com.example.weather.unknown_city', services.UnknownCityPayloadSchema),
    valid: [{ city: 'x' }],
    invalid: [{}, { city: 1 }],
  },
  {
    target: error('com.example.weather.rate_limited', services.RateLimitedPayloadSchema),
    valid: [1, 0.5],
    invalid: ['1', null],
  },
  {
    target: error('com.example.cycle.missing', cycleA.MissingPayloadSchema),
    valid: [{ text: 't' }],
    invalid: [{}],
  },
  // Topics: positional and keyword payloads, an empty object.
  {
    target: topic(topics.WeatherEventsContract, 'alert'),
    valid: [{ region: 'r', level: 2 }],
    invalid: [{ region: 'r', level: 0 }, null],
  },
  {
    target: topic(topics.WeatherEventsContract, 'stationAdded'),
    valid: [{ stationId: 's', name: 'n' }],
    invalid: [{ stationId: 's' }],
  },
  { target: topic(topics.WeatherEventsContract, 'tick'), valid: [0, -1.5], invalid: ['0', true] },
  {
    target: topic(topics.WeatherEventsContract, 'heartbeat'),
    valid: [{}, { anything: [1] }],
    invalid: [[], null, 'beat'],
  },
];
