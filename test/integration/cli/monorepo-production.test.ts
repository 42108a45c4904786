/**
 * The production path of examples/monorepo as a user's repository has it: both packages come from
 * `npm pack` of this checkout (staged and compiled, see fixtures/pack), the rest from the npm
 * registry. A development install generates (`npm test` runs `wamp-contracts gen --check`, which
 * loads the generator package) and builds the contracts and the service to JavaScript; then the
 * service gets a production install (`npm ci --omit=dev --workspace @example/service`), which must
 * carry no generator package, and `npm run serve` runs the compiled service with
 * `wamp-contracts run` under plain Node. Needs the npm registry (or a warm npm cache).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { NPM_ENV, type PackedPackages, packPackages, run } from '../../fixtures/pack/stage-packages.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const EXAMPLE = join(repoRoot, 'examples', 'monorepo');
/** What only generating needs; none of it may reach a service's production install. */
const GENERATOR_PACKAGES = [
  '@wamp-contracts/codegen',
  'ts-morph',
  '@ts-morph/common',
  'typescript',
  'handlebars',
];

let work: string;
let monorepo: string;
let packed: PackedPackages;
let testRouter: TestRouter;
let service: ChildProcess | undefined;
let serviceOutput = '';

const npm = (args: string[]): Promise<string> => run('npm', args, monorepo);

/** Package names installed under `modules` (scoped ones as `@scope/name`), recursively. */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) return [];
  const names: string[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of dirs) {
      names.push(name);
      names.push(...installedPackages(join(modules, name, 'node_modules')));
    }
  }
  return names;
}

/** Bytes of the regular files under `dir` (symlinks not followed). */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wc-monorepo-prod-'));
  packed = await packPackages(work);
  monorepo = join(work, 'monorepo');
  await cp(EXAMPLE, monorepo, {
    recursive: true,
    filter: (src) => !['node_modules', 'dist'].includes(basename(src)),
  });
  // The example depends on this repository's folders; a user's repository names registry versions.
  for (const pkg of ['contracts', 'service', 'client']) {
    const manifest = join(monorepo, 'packages', pkg, 'package.json');
    const text = (await readFile(manifest, 'utf8'))
      .replace('file:../../../../runtime', `file:${packed.runtime}`)
      .replace('file:../../../../codegen', `file:${packed.codegen}`);
    await writeFile(manifest, text);
  }
  testRouter = await startTestRouter();
}, 240_000);

afterAll(async () => {
  if (service !== undefined && service.exitCode === null) service.kill('SIGKILL');
  await testRouter?.close();
  await rm(work, { recursive: true, force: true });
});

describe('examples/monorepo installed from the packed packages, then in production', () => {
  it('installs for development: gen --check runs through the generator package', async () => {
    await npm(['install']);
    expect(installedPackages(join(monorepo, 'node_modules'))).toContain('@wamp-contracts/codegen');
    // `npm test` is `wamp-contracts gen --check` in @example/contracts, then tsc over every package.
    expect(await npm(['test'])).toContain('up to date in generated');
  }, 240_000);

  it('builds the contracts and the service to dist/', async () => {
    await npm(['run', 'build']);
    for (const file of [
      'packages/contracts/dist/index.js',
      'packages/contracts/dist/index.d.ts',
      'packages/contracts/dist/inventory.js',
      'packages/service/dist/inventory-service.js',
    ])
      expect(existsSync(join(monorepo, file)), file).toBe(true);
  }, 120_000);

  it('installs the service for production with no generator package', async () => {
    await rm(join(monorepo, 'node_modules'), { recursive: true, force: true });
    await npm(['ci', '--omit=dev', '--workspace', '@example/service']);
    const installed = installedPackages(join(monorepo, 'node_modules'));
    expect(installed).toContain('wamp-contracts');
    expect(installed).toContain('zod');
    expect(installed.filter((name) => GENERATOR_PACKAGES.includes(name))).toEqual([]);
    // Issue 14's target: a runtime-only node_modules of at most 10 MB (bench/RESULTS.md,
    // "production install"). Counted as file bytes, symlinks not followed.
    expect(sizeOf(join(monorepo, 'node_modules'))).toBeLessThanOrEqual(10 * 1024 * 1024);
    // The generator's commands say what is missing instead of failing obscurely.
    await expect(npm(['exec', '--', 'wamp-contracts', 'gen'])).rejects.toThrow(/cli\.generator_missing/);
  }, 240_000);

  it('serves the compiled service with wamp-contracts run, and a call and its event arrive', async () => {
    // `run` reads the router URL from WAMP_URL (root scripts cannot forward flags).
    service = spawn('npm', ['run', 'serve'], {
      cwd: monorepo,
      env: { ...process.env, ...NPM_ENV, npm_config_offline: 'true', WAMP_URL: testRouter.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const append = (chunk: string): void => {
      serviceOutput += chunk;
    };
    service.stdout?.setEncoding('utf8').on('data', append);
    service.stderr?.setEncoding('utf8').on('data', append);
    await expect
      .poll(() => serviceOutput, { timeout: 30_000 })
      .toContain('registered 2 procedures of com.example.inventory (InventoryImpl); ready');

    const session = await testRouter.connect();
    const events: unknown[] = [];
    await session.subscribe('com.example.inventory.low_stock', (args) => {
      events.push(args[0]);
    });
    const stock = await session.call('com.example.inventory.stock', ['apple']);
    expect(stock.args).toEqual([{ sku: 'apple', available: 12 }]);
    const reserved = await session.call('com.example.inventory.reserve', [], { sku: 'pear', quantity: 2 });
    expect(reserved.args).toEqual([{ reservationId: 'r-1', sku: 'pear', quantity: 2, remaining: 1 }]);
    await expect.poll(() => events).toEqual([{ sku: 'pear', available: 1 }]);
    await session.leave();
    expect(serviceOutput).not.toContain('Unknown file extension');
  }, 60_000);
});
