/**
 * The WC1037 hint names the real cause of an import that resolves to nothing: a wrong relative
 * path, a package that is not installed, or an installed package whose subpath `exports` the
 * tsconfig's module resolution (node10) ignores. Real files in a temporary package.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractContracts } from '../../../codegen/extract/index.js';
import type { Diagnostic } from '../../../codegen/model/diagnostic.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** Writes `files` into a fresh package and extracts `schema.ts` with its tsconfig. */
function extract(files: Record<string, string>): Diagnostic {
  const root = mkdtempSync(join(tmpdir(), 'wc1037-'));
  dirs.push(root);
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'app', type: 'module', private: true }),
    // A package with subpath exports only: `@acme/shapes/point` needs "exports" to resolve.
    'node_modules/@acme/shapes/package.json': JSON.stringify({
      name: '@acme/shapes',
      exports: { './point': { types: './lib/point.d.ts' } },
    }),
    'node_modules/@acme/shapes/lib/point.d.ts': 'export interface Point { x: number; y: number }\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { diagnostics } = extractContracts({ root, files: ['schema.ts'], tsconfig: 'tsconfig.json' });
  const found = diagnostics.filter((d) => d.code === 'WC1037');
  expect(found, JSON.stringify(diagnostics)).toHaveLength(1);
  return found[0] as Diagnostic;
}

const tsconfig = (options: Record<string, string>): string =>
  JSON.stringify({ compilerOptions: { strict: true, ...options } });

describe('the WC1037 hint', () => {
  it('names module resolution when the package is installed but its exports are ignored (node10)', () => {
    const found = extract({
      'tsconfig.json': tsconfig({ module: 'ESNext', moduleResolution: 'node' }),
      'schema.ts': "import type { Point } from '@acme/shapes/point';\nexport interface Shape { at: Point }\n",
    });
    expect(found.message).toContain("Module '@acme/shapes/point' could not be resolved");
    expect(found.hint).toBe(
      `'@acme/shapes' is installed, but your tsconfig's module resolution ("moduleResolution": "Node10") ` +
        `ignores package.json "exports", which '@acme/shapes/point' needs: set "module": "NodeNext" ` +
        '(or "moduleResolution": "Bundler") in tsconfig.json. Modules resolve as tsc resolves them with your tsconfig.',
    );
  });

  it('does not report the same package under NodeNext, which reads its exports', () => {
    const root = mkdtempSync(join(tmpdir(), 'wc1037-'));
    dirs.push(root);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));
    writeFileSync(
      join(root, 'tsconfig.json'),
      tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
    );
    mkdirSync(join(root, 'node_modules/@acme/shapes/lib'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules/@acme/shapes/package.json'),
      JSON.stringify({ name: '@acme/shapes', exports: { './point': { types: './lib/point.d.ts' } } }),
    );
    writeFileSync(
      join(root, 'node_modules/@acme/shapes/lib/point.d.ts'),
      'export interface Point { x: number }\n',
    );
    writeFileSync(
      join(root, 'schema.ts'),
      "import type { Point } from '@acme/shapes/point';\nexport type P = Point;\n",
    );
    const { diagnostics } = extractContracts({ root, files: ['schema.ts'], tsconfig: 'tsconfig.json' });
    expect(diagnostics.filter((d) => d.code === 'WC1037')).toEqual([]);
  });

  it('says to install a package that is not there, naming wamp-contracts as the schema language', () => {
    const found = extract({
      'tsconfig.json': tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
      'schema.ts':
        "import type { Service } from 'wamp-contracts/schema';\nexport interface S extends Service<'com.s'> { a(): void }\n",
    });
    expect(found.hint).toBe(
      "'wamp-contracts' is not installed where this schema can see it (the schema language needs wamp-contracts itself): " +
        'npm install wamp-contracts. Modules resolve as tsc resolves them with your tsconfig.',
    );
  });

  it('says to fix a relative path that names no file', () => {
    const found = extract({
      'tsconfig.json': tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
      'schema.ts': "import type { Gone } from './gone.js';\nexport interface S { g: Gone }\n",
    });
    expect(found.hint).toContain("No file at './gone.js' from this schema: fix the path");
  });
});
