/**
 * The layering of docs/architecture.md, checked on every import (type imports included):
 * {protocol, contract-model, schema} → serializers → auth → transport → {session, router} → contracts
 * → service → testing → the entry → cli.
 * A module may import its own layer and the layers before it, never one after it; session and
 * router never import each other. The runtime (`runtime/`, the `wamp-contracts` package) never
 * imports the generator (`codegen/`, `@wamp-contracts/codegen`); the generator reaches the runtime
 * only through the runtime package's exports, and each package declares what it imports. Cycles
 * are the lint's job (biome `noImportCycles`); this test is about direction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Rank of each runtime layer; equal ranks are siblings that must not import each other. */
const RANK: Record<string, number> = {
  protocol: 0,
  // The contract model: plain data types that every layer reading contracts may import.
  'contract-model': 0,
  serializers: 1,
  auth: 2,
  transport: 3,
  session: 4,
  router: 4,
  contracts: 5,
  service: 6,
  testing: 7,
  // runtime/index.ts: the package's main entry, above everything it re-exports.
  '(entry)': 8,
  // The schema language: type-only declarations schema files import; it imports nothing.
  schema: 0,
  // The command line (run, router, and the loader of the generator's commands), above everything.
  cli: 9,
};

/**
 * Rank of each generator layer: the plain model, then extract, emit and export (siblings), then the
 * entry modules and diff's loading of earlier versions (siblings), then the CLI.
 */
const CODEGEN_RANK: Record<string, number> = {
  model: 0,
  extract: 1,
  emit: 1,
  // export: the contract for other languages and tools (JSON Schema, AsyncAPI), beside emit.
  export: 1,
  '(entry)': 2,
  diff: 2,
  cli: 3,
};

/**
 * Rank of each layer inside the router: records and indexes, routing, realm and meta, sessions,
 * then auth (which implements the sessions' auth types) and the files that assemble the router.
 * `config` and `transports` stand beside the layers and import none of them.
 */
const ROUTER_RANK: Record<string, number> = {
  core: 0,
  config: 0,
  transports: 0,
  routing: 1,
  realm: 2,
  session: 3,
  auth: 4,
  '(entry)': 5,
};

/** Every .ts file below `dir` (relative to the repository), tests excluded. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(join(root, d), { withFileTypes: true })) {
      const path = `${d}/${entry.name}`;
      // A package's build output and installed dependencies are not its sources.
      if (entry.isDirectory()) {
        if (entry.name !== 'dist' && entry.name !== 'node_modules') walk(path);
      } else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.test.ts') &&
        !entry.name.endsWith('.d.ts')
      )
        out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Relative import specifiers of a file: static, re-exports, type-only and dynamic `import()`. */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) specs.push(match[1] as string);
  return specs;
}

/** The repository path an import points at, with `.js` read as the `.ts` source. */
function target(file: string, spec: string): string {
  return relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts');
}

/** The layer of a repository path within `top` (`runtime` or `codegen`), or undefined outside it. */
function layerOf(path: string, top = 'runtime'): string | undefined {
  if (!path.startsWith(`${top}/`)) return undefined;
  const parts = path.slice(top.length + 1).split('/');
  return parts.length === 1 ? '(entry)' : parts[0];
}

/** Imports of the files below `top` that point to a layer of `top` ranked at or above their own. */
function upwardImports(top: string, rank: Record<string, number>): string[] {
  const wrong: string[] = [];
  for (const file of sources(top)) {
    const from = layerOf(file, top) as string;
    if (rank[from] === undefined) {
      wrong.push(`${file}: ${from} is not a known layer of ${top}`);
      continue;
    }
    for (const spec of relativeImports(file)) {
      const to = target(file, spec);
      const layer = layerOf(to, top);
      if (layer === undefined || layer === from) continue;
      if ((rank[layer] as number) >= (rank[from] as number))
        wrong.push(`${file} (${from}) imports ${to} (${layer})`);
    }
  }
  return wrong;
}

describe('import direction', () => {
  const runtimeFiles = sources('runtime');

  it('knows the layer of every runtime folder', () => {
    const unknown = [...new Set(runtimeFiles.map((f) => layerOf(f)))].filter(
      (l) => l === undefined || !(l in RANK),
    );
    expect(unknown).toEqual([]);
  });

  it('lets a runtime module import only its own layer and the layers below it', () => {
    const wrong: string[] = [];
    for (const file of runtimeFiles) {
      const from = layerOf(file) as string;
      for (const spec of relativeImports(file)) {
        const to = target(file, spec);
        const layer = layerOf(to);
        if (layer === undefined) {
          wrong.push(`${file} imports ${to}, outside the runtime`);
          continue;
        }
        if (layer === from) continue;
        if ((RANK[layer] as number) >= (RANK[from] as number))
          wrong.push(`${file} (${from}) imports ${to} (${layer})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('layers the router: core, routing, realm, sessions, auth, assembly', () => {
    expect(upwardImports('runtime/router', ROUTER_RANK)).toEqual([]);
  });

  it('lets a generator module import only its own layer and the layers below it', () => {
    expect(upwardImports('codegen', CODEGEN_RANK)).toEqual([]);
  });

  it('never lets the runtime import the generator', () => {
    const wrong = runtimeFiles.flatMap((file) =>
      relativeImports(file)
        .map((spec) => target(file, spec))
        .filter((to) => to.startsWith('codegen/'))
        .map((to) => `${file} imports ${to}`),
    );
    expect(wrong).toEqual([]);
  });

  it("lets the generator reach the runtime only through the runtime package's exports", () => {
    // codegen/ is its own package (@wamp-contracts/codegen): a relative path out of it would not
    // exist once published, so it imports the runtime as users do, by `wamp-contracts/<export>`.
    const runtimePkg = readPackage('runtime');
    const exported = new Set(Object.keys(runtimePkg.exports).map((k) => `wamp-contracts${k.slice(1)}`));
    const wrong: string[] = [];
    for (const file of sources('codegen')) {
      for (const spec of relativeImports(file)) {
        const to = target(file, spec);
        if (!to.startsWith('codegen/')) wrong.push(`${file} imports ${to}, outside its package`);
      }
      for (const spec of bareImports(file))
        if (spec.startsWith('wamp-contracts') && !exported.has(spec))
          wrong.push(`${file} imports ${spec}, not an export of the runtime package`);
    }
    expect(exported.has('wamp-contracts/contract-model')).toBe(true);
    expect(wrong).toEqual([]);
  });

  it("declares every package a published module imports in that package's own manifest", () => {
    // The workspace hoists every dependency, so a missing declaration would pass every test here
    // and fail at a user's install; the runtime must never need a generator package.
    const wrong: string[] = [];
    for (const dir of ['runtime', 'codegen']) {
      const pkg = readPackage(dir);
      const allowed = new Set([
        pkg.name,
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ]);
      for (const file of sources(dir))
        for (const spec of bareImports(file)) {
          const name = packageName(spec);
          if (!allowed.has(name)) wrong.push(`${file} imports ${spec}, not declared by ${pkg.name}`);
        }
    }
    expect(wrong).toEqual([]);
    const runtimeDeps = Object.keys(readPackage('runtime').dependencies ?? {});
    for (const generatorOnly of ['ts-morph', 'typescript', 'handlebars', '@wamp-contracts/codegen'])
      expect(runtimeDeps).not.toContain(generatorOnly);
  });
});

interface PackageManifest {
  name: string;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * Package specifiers a file imports (static, type-only, re-exports), without `node:` builtins.
 * Dynamic `import()` of a computed specifier (the CLI's loading of the generator) is not matched.
 */
function bareImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^.'"/][^'"]*)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] as string;
    if (!spec.startsWith('node:') && !spec.includes('{')) specs.push(spec);
  }
  return specs;
}

/** `zod/mini` → `zod`, `@msgpack/msgpack/x` → `@msgpack/msgpack`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

/**
 * An array literal that starts with a message code, by name (`[MessageType.CALL, ...`) or by number
 * (`[48, id, ...`, `[6, {}, ...`): a number followed by something that is not another number.
 */
const HAND_BUILT =
  /\[\s*(?:MessageType\.[A-Z_]+|(?:1|2|3|4|5|6|8|16|17|32|33|34|35|36|48|49|50|64|65|66|67|68|69|70))\s*,\s*[^\d\s\]]/;

describe('file size and message building', () => {
  const runtimeFiles = sources('runtime');

  it('keeps every runtime file under 500 lines', () => {
    const long = runtimeFiles
      .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > 500)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it('recognises a hand-built message by name or by number, and not a list of numbers', () => {
    expect(HAND_BUILT.test('sendRaw([6, {}, reason]);')).toBe(true);
    expect(HAND_BUILT.test('return [MessageType.ABORT, details, reason];')).toBe(true);
    expect(HAND_BUILT.test("send([48, id, {}, 'com.example.add']);")).toBe(true);
    expect(HAND_BUILT.test('const sizes = [1, 2, 3];')).toBe(false);
    expect(HAND_BUILT.test('const pair = [32, 64];')).toBe(false);
  });

  it('builds outbound messages only in runtime/protocol (no array literal starting with a message code)', () => {
    const raw: string[] = [];
    for (const file of runtimeFiles.filter((f) => !f.startsWith('runtime/protocol/'))) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (HAND_BUILT.test(line)) raw.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(raw).toEqual([]);
  });
});
