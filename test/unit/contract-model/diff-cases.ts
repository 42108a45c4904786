/**
 * The diff table's schema pairs: one change each, with every finding it must produce (and none
 * more), written `RULE CATEGORY subject` with ` (warning)` for a warning.
 */

/** A schema file with one service `S` (`com.s`) and the named types above it. */
export function svc(members: string, types = ''): string {
  return `${types}\nexport interface S extends Service<'com.s'> {\n${members}\n}\n`;
}

/** A schema file with one topics interface `T` (`com.t`). */
export function tps(members: string, types = ''): string {
  return `${types}\nexport interface T extends Topics<'com.t'> {\n${members}\n}\n`;
}

/** One row of the table. */
export interface DiffCase {
  readonly name: string;
  readonly old: string;
  readonly new: string;
  readonly expected: readonly string[];
}

const C = 'WIRE_CONSUMER';
const P = 'WIRE_PROVIDER';
const S = 'SOURCE';

export const DIFF_CASES: readonly DiffCase[] = [
  // Primitives
  {
    name: 'an unchanged contract has no findings',
    old: svc('get(a: string): number;'),
    new: svc('get(a: string): number;'),
    expected: [],
  },
  {
    name: 'a parameter type changed string → number breaks both directions',
    old: svc('get(a: string): void;'),
    new: svc('get(a: number): void;'),
    expected: [`WCD201 ${C} com.s.get args[0]`, `WCD201 ${P} com.s.get args[0]`],
  },
  {
    name: 'a parameter widened string → string | number breaks only old callees',
    old: svc('get(a: string): void;'),
    new: svc('get(a: string | number): void;'),
    expected: [`WCD201 ${P} com.s.get args[0]`],
  },
  {
    name: 'a result widened number → number | null breaks old callers',
    old: svc('get(): number;'),
    new: svc('get(): number | null;'),
    expected: [`WCD202 ${C} com.s.get result`],
  },
  {
    name: 'a result narrowed number | null → number breaks only new callers of old callees',
    old: svc('get(): number | null;'),
    new: svc('get(): number;'),
    expected: [`WCD202 ${P} com.s.get result`],
  },
  // Literals
  {
    name: 'a literal result changed',
    old: svc("get(): 'a';"),
    new: svc("get(): 'b';"),
    expected: [`WCD202 ${C} com.s.get result`, `WCD202 ${P} com.s.get result`],
  },
  {
    name: 'a parameter narrowed string → literal',
    old: svc('get(a: string): void;'),
    new: svc("get(a: 'x'): void;"),
    expected: [`WCD202 ${C} com.s.get args[0]`],
  },
  // Unions
  {
    name: 'a union parameter lost a member',
    old: svc("get(a: 'x' | 'y' | 'z'): void;"),
    new: svc("get(a: 'x' | 'y'): void;"),
    expected: [`WCD202 ${C} com.s.get args[0]`],
  },
  {
    name: 'a union result gained a member',
    old: svc("get(): 'x' | 'y';"),
    new: svc("get(): 'x' | 'y' | 'z';"),
    expected: [`WCD202 ${C} com.s.get result`],
  },
  {
    name: 'a union reordered changes nothing',
    old: svc('get(a: string | number): boolean | null;'),
    new: svc('get(a: number | string): null | boolean;'),
    expected: [],
  },
  // Discriminated unions
  {
    name: 'a discriminated union result gained a variant',
    old: svc(
      'get(): Shape;',
      "type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number };",
    ),
    new: svc(
      'get(): Shape;',
      "type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number } | { kind: 'dot' };",
    ),
    expected: [`WCD202 ${C} com.s.get result`],
  },
  {
    name: "a discriminated union variant's field changed type",
    old: svc(
      'put(s: Shape): void;',
      "type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number };",
    ),
    new: svc(
      'put(s: Shape): void;',
      "type Shape = { kind: 'circle'; r: string } | { kind: 'square'; side: number };",
    ),
    expected: [`WCD201 ${C} com.s.put args[0].r`, `WCD201 ${P} com.s.put args[0].r`],
  },
  // Enums
  {
    name: 'an enum parameter lost a member',
    old: svc('get(c: Color): void;', "enum Color { Red = 'red', Green = 'green' }"),
    new: svc('get(c: Color): void;', "enum Color { Red = 'red' }"),
    expected: [`WCD202 ${C} com.s.get args[0]`],
  },
  {
    name: 'an enum replaced by the same literal union is a SOURCE change only',
    old: svc('get(c: Color): void;', "enum Color { Red = 'red', Green = 'green' }"),
    new: svc("get(c: 'red' | 'green'): void;"),
    expected: [`WCD301 ${S} type s.ts#Color`, `WCD305 ${S} service s.ts#S.get(c)`],
  },
  // Arrays
  {
    name: 'an array element type changed',
    old: svc('get(): string[];'),
    new: svc('get(): number[];'),
    expected: [`WCD201 ${C} com.s.get result[]`, `WCD201 ${P} com.s.get result[]`],
  },
  {
    name: 'readonly added to an array result is a SOURCE change only',
    old: svc('get(): string[];'),
    new: svc('get(): readonly string[];'),
    expected: [`WCD305 ${S} service s.ts#S.get result`],
  },
  // Tuples
  {
    name: 'a tuple result gained an element',
    old: svc('get(): [number, number];'),
    new: svc('get(): [number, number, number];'),
    expected: [`WCD208 ${C} com.s.get result[2]`, `WCD208 ${P} com.s.get result[2]`],
  },
  {
    name: 'a tuple result gained an optional element',
    old: svc('get(): [number, number];'),
    new: svc('get(): [number, number, number?];'),
    expected: [`WCD208 ${C} com.s.get result[2]`],
  },
  {
    name: 'an array parameter became a tuple',
    old: svc('put(p: number[]): void;'),
    new: svc('put(p: [number, number]): void;'),
    expected: [`WCD208 ${C} com.s.put args[0]`],
  },
  // Records
  {
    name: 'a record value type narrowed in a parameter',
    old: svc('put(m: Record<string, string | number>): void;'),
    new: svc('put(m: Record<string, string>): void;'),
    expected: [`WCD201 ${C} com.s.put args[0]{}`],
  },
  {
    name: 'a record key narrowed to a literal union in a parameter',
    old: svc('put(m: Record<string, number>): void;'),
    new: svc("put(m: Record<'a' | 'b', number>): void;"),
    expected: [`WCD202 ${C} com.s.put args[0]{key}`],
  },
  // Objects, optional and nullable
  {
    name: 'a required property added to a parameter object',
    old: svc('put(p: Point): void;', 'interface Point { x: number }'),
    new: svc('put(p: Point): void;', 'interface Point { x: number; y: number }'),
    expected: [`WCD206 ${C} com.s.put args[0].y`, `WCD207 ${P} com.s.put args[0].y`],
  },
  {
    name: 'an optional property added to a parameter object: old callees refuse it as an unknown key',
    old: svc('put(p: Point): void;', 'interface Point { x: number }'),
    new: svc('put(p: Point): void;', 'interface Point { x: number; y?: number }'),
    expected: [`WCD207 ${P} com.s.put args[0].y`],
  },
  {
    name: 'a property of a result object made optional',
    old: svc('get(): Point;', 'interface Point { x: number }'),
    new: svc('get(): Point;', 'interface Point { x?: number }'),
    expected: [`WCD206 ${C} com.s.get result.x`],
  },
  {
    name: 'a property removed from a parameter object is dropped, and a SOURCE change',
    old: svc('put(p: Point): void;', 'interface Point { x: number; label?: string }'),
    new: svc('put(p: Point): void;', 'interface Point { x: number }'),
    expected: [`WCD207 ${C} com.s.put args[0].label`, `WCD303 ${S} type s.ts#Point.label`],
  },
  {
    name: 'a property renamed in a result object',
    old: svc('get(): Point;', 'interface Point { x: number }'),
    new: svc('get(): Point;', 'interface Point { left: number }'),
    expected: [
      `WCD206 ${C} com.s.get result.x`,
      `WCD206 ${P} com.s.get result.left`,
      `WCD207 ${P} com.s.get result.x (warning)`,
      `WCD303 ${S} type s.ts#Point.x`,
    ],
  },
  {
    name: 'null removed from a nullable parameter',
    old: svc('put(a: string | null): void;'),
    new: svc('put(a: string): void;'),
    expected: [`WCD202 ${C} com.s.put args[0]`],
  },
  {
    name: 'undefined added to a result property makes it absent-able',
    old: svc('get(): Box;', 'interface Box { v: number }'),
    new: svc('get(): Box;', 'interface Box { v: number | undefined }'),
    expected: [`WCD206 ${C} com.s.get result.v`],
  },
  // Constraints
  {
    name: 'a maximum lowered on a parameter',
    old: svc('get(/** @maximum 100 */ n: number): void;'),
    new: svc('get(/** @maximum 10 */ n: number): void;'),
    expected: [`WCD203 ${C} com.s.get args[0]`],
  },
  {
    name: 'a minimum raised on a result property',
    old: svc('get(): Box;', 'interface Box { /** @minimum 0 */ n: number }'),
    new: svc('get(): Box;', 'interface Box { /** @minimum 1 */ n: number }'),
    expected: [`WCD203 ${P} com.s.get result.n`],
  },
  {
    name: '@int added to a parameter',
    old: svc('get(n: number): void;'),
    new: svc('get(/** @int */ n: number): void;'),
    expected: [`WCD203 ${C} com.s.get args[0]`],
  },
  {
    name: 'a maxLength lowered on a parameter property',
    old: svc('put(p: Named): void;', 'interface Named { /** @maxLength 64 */ name: string }'),
    new: svc('put(p: Named): void;', 'interface Named { /** @maxLength 32 */ name: string }'),
    expected: [`WCD204 ${C} com.s.put args[0].name`],
  },
  {
    name: 'a pattern changed on a parameter (any change narrows)',
    old: svc('get(/** @pattern ^[a-z]+$ */ s: string): void;'),
    new: svc('get(/** @pattern ^[a-z0-9]+$ */ s: string): void;'),
    expected: [`WCD205 ${C} com.s.get args[0]`, `WCD205 ${P} com.s.get args[0]`],
  },
  {
    name: 'a format added to a parameter',
    old: svc('get(s: string): void;'),
    new: svc('get(/** @format email */ s: string): void;'),
    expected: [`WCD205 ${C} com.s.get args[0]`],
  },
  {
    name: 'a literal parameter within the new maximum stays compatible',
    old: svc('get(n: 5): void;'),
    new: svc('get(/** @maximum 10 */ n: number): void;'),
    expected: [`WCD202 ${P} com.s.get args[0]`],
  },
  // Date and binary
  {
    name: 'a Date parameter became a string (wider on the wire, and a new TypeScript type)',
    old: svc('get(d: Date): void;'),
    new: svc('get(d: string): void;'),
    expected: [`WCD201 ${P} com.s.get args[0]`],
  },
  {
    name: 'a Date result became a date-time string: same wire form, new TypeScript type',
    old: svc('get(): Date;'),
    new: svc('get(): Stamp;', '/** @format date-time */\ntype Stamp = string;'),
    expected: [`WCD305 ${S} service s.ts#S.get result`],
  },
  {
    name: 'a binary result became a string',
    old: svc('get(): Uint8Array;'),
    new: svc('get(): string;'),
    expected: [`WCD201 ${C} com.s.get result`, `WCD201 ${P} com.s.get result`],
  },
  // Brands
  {
    name: 'a brand renamed is a SOURCE change only',
    old: svc("get(id: string & { __brand: 'UserId' }): void;"),
    new: svc("get(id: string & { __brand: 'AccountId' }): void;"),
    expected: [`WCD305 ${S} service s.ts#S.get(id)`],
  },
  {
    name: 'a brand added to a parameter is a SOURCE change only',
    old: svc('get(id: Id): void;', 'type Id = string;'),
    new: svc('get(id: Id): void;', "type Id = string & { __brand: 'Id' };"),
    expected: [`WCD305 ${S} type s.ts#Id`],
  },
  // Recursion
  {
    name: 'an unchanged recursive type terminates with no findings',
    old: svc('get(): Tree;', 'interface Tree { value: number; children: Tree[] }'),
    new: svc('get(): Tree;', 'interface Tree { value: number; children: Tree[] }'),
    expected: [],
  },
  {
    name: 'a recursive type changed deep inside',
    old: svc('get(): Tree;', 'interface Tree { value: number; children: Tree[] }'),
    new: svc('get(): Tree;', 'interface Tree { value: string; children: Tree[] }'),
    expected: [`WCD201 ${C} com.s.get result.value`, `WCD201 ${P} com.s.get result.value`],
  },
  // Generics
  {
    name: "a generic type's argument changed",
    old: svc('get(): Page<string>;', 'interface Page<T> { items: T[] }'),
    new: svc('get(): Page<number>;', 'interface Page<T> { items: T[] }'),
    expected: [`WCD201 ${C} com.s.get result.items[]`, `WCD201 ${P} com.s.get result.items[]`],
  },
  {
    name: "a generic type's body gained a required field",
    old: svc('put(p: Page<string>): void;', 'interface Page<T> { items: T[] }'),
    new: svc('put(p: Page<string>): void;', 'interface Page<T> { items: T[]; total: number }'),
    expected: [`WCD206 ${C} com.s.put args[0].total`, `WCD207 ${P} com.s.put args[0].total`],
  },
  // Parameters
  {
    name: 'a required parameter added',
    old: svc('get(a: string): void;'),
    new: svc('get(a: string, b: number): void;'),
    expected: [`WCD112 ${C} com.s.get args[1]`, `WCD113 ${P} com.s.get args[1]`],
  },
  {
    name: 'an optional parameter added breaks only old callees',
    old: svc('get(a: string): void;'),
    new: svc('get(a: string, b?: number): void;'),
    expected: [`WCD113 ${P} com.s.get args[1]`],
  },
  {
    name: 'an optional parameter removed breaks old callers that send it',
    old: svc('get(a: string, b?: number): void;'),
    new: svc('get(a: string): void;'),
    expected: [`WCD113 ${C} com.s.get args[1]`],
  },
  {
    name: 'an optional parameter made required',
    old: svc('get(a?: string): void;'),
    new: svc('get(a: string): void;'),
    expected: [`WCD112 ${C} com.s.get args[0]`],
  },
  {
    name: 'parameters of the same type reordered: a SOURCE change',
    old: svc('get(a: string, b: string): void;'),
    new: svc('get(b: string, a: string): void;'),
    expected: [`WCD304 ${S} service s.ts#S.get`],
  },
  // Kwargs
  {
    name: 'positional arguments switched to kwargs',
    old: svc('get(q: { a: string }): void;'),
    new: svc('/** @kwargs */\nget(q: { a: string }): void;'),
    expected: [`WCD110 ${C} com.s.get args`, `WCD110 ${P} com.s.get args`],
  },
  {
    name: 'a kwargs key removed that old callers send',
    old: svc('/** @kwargs */\nget(q: { a: string; b?: number }): void;'),
    new: svc('/** @kwargs */\nget(q: { a: string }): void;'),
    expected: [`WCD113 ${C} com.s.get kwargs.b`],
  },
  {
    name: 'a kwargs key added as optional: old callees ignore it',
    old: svc('/** @kwargs */\nget(q: { a: string }): void;'),
    new: svc('/** @kwargs */\nget(q: { a: string; b?: number }): void;'),
    expected: [`WCD113 ${P} com.s.get kwargs.b`],
  },
  {
    name: 'a kwargs key added as required',
    old: svc('/** @kwargs */\nget(q: { a: string }): void;'),
    new: svc('/** @kwargs */\nget(q: { a: string; b: number }): void;'),
    expected: [`WCD112 ${C} com.s.get kwargs.b`, `WCD113 ${P} com.s.get kwargs.b`],
  },
  // Progress
  {
    name: 'a progress chunk type widened',
    old: svc('watch(): Progress<number, void>;'),
    new: svc('watch(): Progress<number | string, void>;'),
    expected: [`WCD201 ${C} com.s.watch progress`],
  },
  {
    name: 'progressive results added',
    old: svc('watch(): number;'),
    new: svc('watch(): Progress<string, number>;'),
    expected: [`WCD121 ${P} com.s.watch progress (warning)`],
  },
  {
    name: 'progressive results removed',
    old: svc('watch(): Progress<string, number>;'),
    new: svc('watch(): number;'),
    expected: [`WCD122 ${C} com.s.watch progress (warning)`],
  },
  // Stream input
  {
    name: 'a stream chunk type widened',
    old: svc('put(name: string, data: Stream<number>): void;'),
    new: svc('put(name: string, data: Stream<number | string>): void;'),
    expected: [`WCD201 ${P} com.s.put input`],
  },
  {
    name: 'a stream chunk constraint narrowed',
    old: svc('put(/** @maxLength 80 */ data: Stream<string>): void;'),
    new: svc('put(/** @maxLength 40 */ data: Stream<string>): void;'),
    expected: [`WCD204 ${C} com.s.put input`],
  },
  {
    name: 'stream input added',
    old: svc('put(name: string): void;'),
    new: svc('put(name: string, data: Stream<number>): void;'),
    expected: [`WCD123 ${C} com.s.put input (warning)`, `WCD123 ${P} com.s.put input`],
  },
  {
    name: 'stream input removed',
    old: svc('put(name: string, data: Stream<number>): void;'),
    new: svc('put(name: string): void;'),
    expected: [`WCD124 ${C} com.s.put input`],
  },
  // Errors
  {
    name: 'a new error in @throws is a warning for old callers',
    old: svc('get(): void;', "export type Gone = WampError<'com.s.gone'>;"),
    new: svc('/** @throws Gone */\nget(): void;', "export type Gone = WampError<'com.s.gone'>;"),
    expected: [`WCD130 ${C} com.s.get throws com.s.gone (warning)`],
  },
  {
    name: 'an error payload gained a required field',
    old: svc(
      '/** @throws Gone */\nget(): void;',
      "export type Gone = WampError<'com.s.gone', { id: string }>;",
    ),
    new: svc(
      '/** @throws Gone */\nget(): void;',
      "export type Gone = WampError<'com.s.gone', { id: string; at: number }>;",
    ),
    expected: [`WCD206 ${P} com.s.gone payload.at`],
  },
  {
    name: "an error's URI changed",
    old: svc('/** @throws Gone */\nget(): void;', "export type Gone = WampError<'com.s.gone'>;"),
    new: svc('/** @throws Gone */\nget(): void;', "export type Gone = WampError<'com.s.removed'>;"),
    expected: [
      `WCD132 ${C} com.s.gone`,
      `WCD132 ${P} com.s.gone`,
      `WCD130 ${C} com.s.get throws com.s.removed (warning)`,
      `WCD131 ${P} com.s.get throws com.s.gone (warning)`,
    ],
  },
  // Topics
  {
    name: 'a topic payload gained a union member: old subscribers break',
    old: tps("alert: 'low' | 'high';"),
    new: tps("alert: 'low' | 'high' | 'severe';"),
    expected: [`WCD202 ${C} com.t.alert event`],
  },
  {
    name: 'a topic removed',
    old: tps('alert: string;\ntick: number;'),
    new: tps('alert: string;'),
    expected: [`WCD103 ${C} com.t.tick`, `WCD302 ${S} topics s.ts#T.tick`],
  },
  {
    name: 'a topic payload switched to kwargs',
    old: tps('moved: { x: number };'),
    new: tps('/** @kwargs */\nmoved: { x: number };'),
    expected: [`WCD110 ${C} com.t.moved event`, `WCD110 ${P} com.t.moved event`],
  },
  // URIs
  {
    name: 'a procedure removed',
    old: svc('get(): void;\nput(): void;'),
    new: svc('get(): void;'),
    expected: [`WCD100 ${C} com.s.put`, `WCD302 ${S} service s.ts#S.put`],
  },
  {
    name: 'a procedure added breaks only new callers of old callees',
    old: svc('get(): void;'),
    new: svc('get(): void;\nput(): void;'),
    expected: [`WCD102 ${P} com.s.put`],
  },
  {
    name: "a procedure's URI changed with @uri",
    old: svc('get(): void;'),
    new: svc('/** @uri com.s.get_v2 */\nget(): void;'),
    expected: [`WCD101 ${C} com.s.get`, `WCD101 ${P} com.s.get`],
  },
  {
    name: 'a procedure renamed in code but kept on its URI with @uri is a SOURCE change only',
    old: svc('get(): void;'),
    new: svc('/** @uri com.s.get */\nfetch(): void;'),
    expected: [`WCD302 ${S} service s.ts#S.get`],
  },
  {
    name: 'a service interface renamed with the same prefix is a SOURCE change only',
    old: svc('get(): void;'),
    new: "export interface S2 extends Service<'com.s'> {\nget(): void;\n}\n",
    expected: [`WCD306 ${S} service s.ts#S`],
  },
];
