import { describe, expect, it } from 'vitest';
import { extractContracts } from '../../../../codegen/extract/index.js';
import { diagnosticCodes, listDiagnosticCodes } from '../../../../codegen/model/diagnostic-codes.js';
import { extractInline, IMPORT, schemaPackageFiles } from './extract-inline.js';

/** Wraps procedure members in a service declaration. */
const service = (members: string, extra = '') =>
  `${IMPORT}${extra}\nexport interface S extends Service<'com.example.s'> {\n${members}\n}\n`;

/** One schema per extraction diagnostic code: the code it must trigger and the line it points at. */
const cases: readonly {
  code: string;
  name: string;
  source: string;
  line?: number;
  strictUris?: boolean;
}[] = [
  { code: 'WC1001', name: 'an unresolved type name', source: service('  get(): Missing;'), line: 4 },
  { code: 'WC1002', name: 'any', source: service('  get(a: any): string;'), line: 4 },
  { code: 'WC1003', name: 'a function type', source: service('  get(a: () => void): string;'), line: 4 },
  {
    code: 'WC1004',
    name: 'a class type',
    source: service('  get(): C;', 'export class C { x = 1; m() { return 2; } }'),
  },
  { code: 'WC1005', name: 'symbol', source: service('  get(a: symbol): string;') },
  { code: 'WC1006', name: 'bigint', source: service('  get(a: bigint): string;') },
  { code: 'WC1007', name: 'the object keyword', source: service('  get(a: object): string;') },
  {
    code: 'WC1008',
    name: 'a conditional type over a type parameter',
    source: service('  get(): string;', 'export type Pick1<T> = T extends string ? { s: T } : { n: T };'),
  },
  { code: 'WC1009', name: 'Map', source: service('  get(): Map<string, number>;'), line: 4 },
  {
    code: 'WC1010',
    name: 'a Promise inside a payload',
    source: service('  get(a: { p: Promise<string> }): string;'),
  },
  { code: 'WC1011', name: 'never', source: service('  get(a: string & number): string;') },
  {
    code: 'WC1012',
    name: 'a contract used as a payload',
    source: service(
      '  get(): Other;',
      "export interface Other extends Service<'com.example.o'> { x(): void; }",
    ),
  },
  {
    code: 'WC1013',
    name: 'a non-literal prefix',
    source: `${IMPORT}export interface S extends Service<string> { a(): void; }`,
  },
  {
    code: 'WC1014',
    name: 'an optional parameter before a required one',
    source: service('  get(a?: string, b: string): void;'),
  },
  {
    code: 'WC1015',
    name: '@kwargs with two parameters',
    source: service('  /** @kwargs */\n  set(a: string, b: string): void;'),
  },
  {
    code: 'WC1015',
    name: '@kwargs with a non-object parameter',
    source: service('  /** @kwargs */\n  set(a: string): void;'),
  },
  {
    code: 'WC1016',
    name: 'an unknown tag',
    source: service('  /** @frobnicate */\n  get(): void;'),
    line: 4,
  },
  {
    code: 'WC1017',
    name: '@minLength on a number',
    source: `${IMPORT}export interface T {\n  /** @minLength 3 */\n  n: number;\n}`,
  },
  {
    code: 'WC1018',
    name: 'a non-numeric @minimum',
    source: `${IMPORT}export interface T {\n  /** @minimum abc */\n  n: number;\n}`,
  },
  {
    code: 'WC1018',
    name: 'an invalid @pattern',
    source: `${IMPORT}export interface T {\n  /** @pattern ([a- */\n  s: string;\n}`,
  },
  {
    code: 'WC1018',
    name: '@default that is not JSON',
    source: `${IMPORT}export interface T {\n  /** @default en */\n  s?: string;\n}`,
  },
  {
    code: 'WC1019',
    name: '@uri on a property',
    source: `${IMPORT}export interface T {\n  /** @uri a.b */\n  s: string;\n}`,
  },
  {
    code: 'WC1020',
    name: '@throws with an unknown name',
    source: service('  /** @throws Nope */\n  get(): void;'),
  },
  {
    code: 'WC1021',
    name: '@throws naming a non-error type',
    source: service('  /** @throws R */\n  get(): void;', 'export interface R { a: string }'),
  },
  {
    code: 'WC1022',
    name: 'a non-literal error URI',
    source: service('  /** @throws E */\n  get(): void;', 'export type E = WampError<string>;'),
  },
  { code: 'WC1023', name: 'a property in a service', source: service('  get: string;') },
  {
    code: 'WC1024',
    name: 'a method in topics',
    source: `${IMPORT}export interface T extends Topics<'com.example.t'> {\n  fire(): void;\n}`,
  },
  {
    code: 'WC1025',
    name: 'Progress as a parameter',
    source: service('  get(p: Progress<string, number>): void;'),
  },
  { code: 'WC1026', name: 'a rest parameter', source: service('  get(...xs: string[]): void;') },
  { code: 'WC1027', name: 'a generic procedure', source: service('  get<T>(a: T): void;') },
  { code: 'WC1028', name: 'a parameter without a type', source: service('  get(a): void;') },
  { code: 'WC1029', name: 'a numeric index signature', source: service('  get(): { [k: number]: string };') },
  {
    code: 'WC1030',
    name: 'an overloaded procedure',
    source: service('  get(a: string): void;\n  get(a: number): void;'),
  },
  {
    code: 'WC1031',
    name: 'an interface that is both a service and topics',
    source: `${IMPORT}export interface S extends Service<'com.a'>, Topics<'com.b'> {}`,
  },
  { code: 'WC1032', name: 'void inside a payload', source: service('  get(a: { v: void }): void;') },
  {
    code: 'WC1033',
    name: 'properties next to an index signature',
    source: service('  get(): { a: string; [k: string]: string };'),
  },
  {
    code: 'WC1034',
    name: 'an unexported service',
    source: `${IMPORT}interface S extends Service<'com.a'> { a(): void; }`,
  },
  { code: 'WC1036', name: 'an optional procedure', source: service('  get?(): void;'), line: 4 },
  { code: 'WC1035', name: 'a syntax error', source: service('  get(: void;'), line: 4 },
  {
    code: 'WC1037',
    name: 'an import that resolves to no module',
    source: service('  get(): string;', "import type { Gone } from './gone.js';"),
    line: 2,
  },
  {
    code: 'WC1038',
    name: 'a constraint tag inside a property type',
    source: service('  get(a: { n: /** @minimum 0 */ number }): void;'),
    line: 4,
  },
  {
    code: 'WC1050',
    name: 'a Stream inside an object parameter',
    source: service('  put(a: { s: Stream<string> }): void;'),
    line: 4,
  },
  { code: 'WC1050', name: 'a Stream as a result', source: service('  get(): Stream<string>;'), line: 4 },
  {
    code: 'WC1050',
    name: 'a Stream as a topic payload',
    source: `${IMPORT}export interface T extends Topics<'com.example.t'> {\n  fired: Stream<string>;\n}`,
    line: 3,
  },
  {
    code: 'WC1050',
    name: 'a Stream as an error payload',
    source: service('  a(): void;', "export type E = WampError<'com.e', Stream<string>>;"),
  },
  {
    code: 'WC1051',
    name: 'two Stream parameters',
    source: service('  put(a: string, b: Stream<string>, c: Stream<number>): void;'),
    line: 4,
  },
  {
    code: 'WC1052',
    name: 'a Stream parameter before another parameter',
    source: service('  put(a: Stream<string>, b: string): void;'),
    line: 4,
  },
  {
    code: 'WC1052',
    name: 'an optional Stream parameter',
    source: service('  put(a?: Stream<string>): void;'),
  },
  {
    code: 'WC1053',
    name: 'a Stream parameter with @kwargs',
    source: service('  /** @kwargs */\n  put(a: Stream<{ x: string }>): void;'),
    line: 5,
  },
  {
    code: 'WC1054',
    name: 'a chunk type that may be undefined',
    source: service('  put(a: Stream<string | undefined>): void;'),
    line: 4,
  },
  { code: 'WC1054', name: 'a void chunk type', source: service('  put(a: Stream<void>): void;') },
  {
    code: 'WC1060',
    name: 'a URI template whose component is not a whole URI component',
    source: service('  /** @uri com.x.room-{id}.get */\n  get(id: string): void;'),
    line: 5,
  },
  {
    code: 'WC1061',
    name: 'a URI component without a parameter to type it',
    source: service('  /** @uri com.x.room.{roomId}.get */\n  get(id: string): void;'),
    line: 5,
  },
  {
    code: 'WC1062',
    name: 'a URI component of an object type',
    source: service('  /** @uri com.x.room.{id}.get */\n  get(id: { a: string }): void;'),
    line: 5,
  },
  {
    code: 'WC1063',
    name: 'a URI template naming one component twice',
    source: service('  /** @uri com.x.{id}.{id}.get */\n  get(id: string): void;'),
    line: 5,
  },
  {
    code: 'WC1064',
    name: 'a URI component parameter after a payload parameter',
    source: service('  /** @uri com.x.room.{id}.get */\n  get(n: number, id: string): void;'),
    line: 5,
  },
  {
    code: 'WC2001',
    name: 'two procedures with one URI',
    source: service('  /** @uri com.x.a */\n  a(): void;\n  /** @uri com.x.a */\n  b(): void;'),
  },
  {
    code: 'WC2002',
    name: 'a wamp. URI',
    source: `${IMPORT}export interface S extends Service<'wamp.mine'> { a(): void; }`,
  },
  { code: 'WC2003', name: 'an empty URI component', source: service('  /** @uri com..a */\n  a(): void;') },
  {
    code: 'WC2004',
    name: 'a camelCase URI when strict URIs are asked for',
    source: service('  getThing(): void;'),
    strictUris: true,
  },
  {
    code: 'WC2005',
    name: 'an empty service',
    source: `${IMPORT}export interface S extends Service<'com.a'> {}`,
  },
  {
    code: 'WC2006',
    name: 'an unused error',
    source: service('  a(): void;', "export type E = WampError<'com.e'>;"),
  },
  {
    code: 'WC2050',
    name: 'a URI template that matches a fixed URI',
    source: service(
      '  /** @uri com.x.room.{id}.get */\n  get(id: string): void;\n  /** @uri com.x.room.lobby.get */\n  lobby(): void;',
    ),
  },
];

describe('extraction diagnostics', () => {
  it.each(cases)('reports $code for $name', ({ code, source, line, strictUris }) => {
    const { diagnostics } = extractInline({ 'a.ts': source }, strictUris ? { strictUris } : {});
    const found = diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect(found?.location?.file).toBe('a.ts');
    if (line !== undefined) expect(found?.location?.line).toBe(line);
    expect(found?.hint).toBeTruthy();
  });

  it('reports only WC1037 when the schema language itself is not installed, not the errors it would cause', () => {
    const { diagnostics } = extractContracts({
      root: '/project',
      files: ['a.ts'],
      // No node_modules/wamp-contracts: Service and WampError cannot resolve.
      inMemoryFiles: {
        'package.json': JSON.stringify({ name: 'fixture', type: 'module' }),
        'a.ts': service(
          '  /** @throws E */\n  get(id: string): string;',
          "export type E = WampError<'com.e'>;",
        ),
      },
    });
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['WC1037', 1]]);
    expect(diagnostics[0]?.message).toContain("'wamp-contracts/schema'");
  });

  it('reports WC9001 for a tsconfig that cannot be read', () => {
    const { diagnostics } = extractContracts({
      root: '/project',
      files: ['a.ts'],
      tsconfig: 'missing/tsconfig.json',
      inMemoryFiles: { ...schemaPackageFiles, 'a.ts': service('  a(): void;') },
    });
    expect(diagnostics.map((d) => d.code)).toContain('WC9001');
  });

  it('reports WC9002 for a schema file that does not exist', () => {
    const { diagnostics } = extractInline({}, {});
    const result = extractContracts({
      root: '/project',
      files: ['nope.ts'],
      inMemoryFiles: schemaPackageFiles,
    });
    expect(diagnostics).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WC9002']);
  });

  it("reports WC9003 when lib 'typescript' cannot be resolved", () => {
    const result = extractContracts({
      root: '/project',
      files: ['a.ts'],
      lib: 'typescript',
      inMemoryFiles: { ...schemaPackageFiles, 'a.ts': service('  a(): void;') },
    });
    expect(result.diagnostics.map((d) => d.code)).toContain('WC9003');
  });

  it('has a triggering schema for every catalog code', () => {
    const tested = new Set([...cases.map((c) => c.code), 'WC9001', 'WC9002', 'WC9003']);
    expect(listDiagnosticCodes().filter((info) => !tested.has(info.code))).toEqual([]);
  });

  it('reports nothing for a clean schema', () => {
    const { diagnostics } = extractInline({ 'a.ts': service('  get_thing(a: string): number;') });
    expect(diagnostics).toEqual([]);
  });

  it('uses unique codes in the catalog', () => {
    const codes = Object.values(diagnosticCodes).map((info) => info.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
