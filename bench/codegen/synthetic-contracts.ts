/**
 * Synthetic schema projects for the codegen benchmark: N service files of 10 procedures each, with
 * types of about 8 properties (nesting, optionals, arrays, literal unions), a shared `common.ts` and short
 * import chains between neighbouring files, written to a temporary directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Files of the same import chain: file `i` imports file `i - 1` unless `i` starts a chain. */
const CHAIN = 5;

const COMMON = `import type { WampError } from 'wamp-contracts/schema';

/** An amount of money in minor units. */
export interface Money {
  /** @int */
  amount: number;
  currency: 'EUR' | 'USD' | 'GBP';
}

/** Who changed a record, and when. */
export interface Audit {
  by: string;
  /** @format date-time */
  at: string;
  reason?: string;
}

export type Forbidden = WampError<'com.bench.forbidden', { reason: string }>;
`;

/** The text of synthetic schema file `i`. */
export function syntheticSchema(i: number, revision = 0): string {
  const chained = i % CHAIN !== 0;
  const parent = chained ? `import type { Item${i - 1} } from './service-${i - 1}.js';\n` : '';
  return `import type { Service, WampError } from 'wamp-contracts/schema';
import type { Audit, Forbidden, Money } from './common.js';
${parent}
/** Where an item of service ${i} lives (revision ${revision}). */
export interface Address${i} {
  street: string;
  city: string;
  zip?: string;
  country: 'FR' | 'DE' | 'GB' | 'US';
  lines: string[];
}

/** An item of service ${i}. */
export interface Item${i} {
  id: string;
  /** @minLength 1 @maxLength 80 */
  name: string;
  price: Money;
  status: 'draft' | 'active' | 'archived';
  address: Address${i};
  labels?: string[];
  history: Audit[];
  related: ${chained ? `Item${i - 1}['id'][]` : 'string[]'};
}

/** A page of items. */
export interface ItemPage${i} {
  items: Item${i}[];
  total: number;
  next?: string | null;
}

export type NotFound${i} = WampError<'com.bench.s${i}.not_found', { id: string }>;

/** Service number ${i}. */
export interface Service${i} extends Service<'com.bench.s${i}'> {
  /** @throws NotFound${i} */
  get_item(id: string): Item${i};
  list_items(offset?: number, limit?: number): ItemPage${i};
  /** @throws Forbidden */
  create_item(item: Item${i}): Item${i};
  /** @kwargs */
  update_item(patch: { id: string; name?: string; status?: Item${i}['status'] }): Item${i};
  delete_item(id: string): void;
  count_items(status?: 'draft' | 'active' | 'archived'): number;
  find_by_city(city: string, country: Address${i}['country']): Item${i}[];
  price_of(id: string): Money;
  history_of(id: string, limit?: number): Audit[];
  ping(): 'pong';
}
`;
}

/** A synthetic project on disk. */
export interface SyntheticProject {
  readonly root: string;
  /** Schema files relative to `root`. */
  readonly files: string[];
  /** Rewrites service file `i` with a new revision (a doc-comment change plus a new property). */
  touch(i: number, revision: number): string;
}

/** Writes a project of `count` service files (plus `common.ts`) to a fresh temporary directory. */
export function writeSyntheticProject(count: number): SyntheticProject {
  const root = mkdtempSync(path.join(tmpdir(), `wc-bench-${count}-`));
  const pkg = path.join(root, 'node_modules', 'wamp-contracts');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', type: 'module' }));
  writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({
      name: 'wamp-contracts',
      type: 'module',
      exports: { './schema': { types: './schema.d.ts' } },
    }),
  );
  writeFileSync(
    path.join(pkg, 'schema.d.ts'),
    readFileSync(new URL('../../runtime/schema/index.ts', import.meta.url), 'utf8'),
  );
  mkdirSync(path.join(root, 'schemas'));
  writeFileSync(path.join(root, 'schemas', 'common.ts'), COMMON);
  const files = ['schemas/common.ts'];
  for (let i = 0; i < count; i++) {
    writeFileSync(path.join(root, 'schemas', `service-${i}.ts`), syntheticSchema(i));
    files.push(`schemas/service-${i}.ts`);
  }
  return {
    root,
    files,
    touch(i, revision) {
      const file = `schemas/service-${i}.ts`;
      writeFileSync(path.join(root, file), syntheticSchema(i, revision));
      return file;
    },
  };
}
