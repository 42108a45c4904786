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
];
