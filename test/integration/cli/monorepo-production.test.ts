/**
 * The production path of examples/monorepo: `npm run build` compiles @example/contracts and the
 * service to JavaScript, and `npm run serve` runs the compiled service with `wamp-contracts run`
 * under plain Node (no TypeScript loader, no `source` condition). A copy of the example with
 * node_modules linked as `npm install` would lay them out (as monorepo-workspace.test.ts does);
 * `wamp-contracts` is this checkout, whose dist/ `npm install` builds.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const exec = promisify(execFile);
const EXAMPLE = join(repoRoot, 'examples', 'monorepo');

let work: string;
let monorepo: string;
let testRouter: TestRouter;
let service: ChildProcess | undefined;
let serviceOutput = '';

async function link(name: string, target: string): Promise<void> {
  const path = join(monorepo, 'node_modules', name);
  await mkdir(join(path, '..'), { recursive: true });
  await symlink(target, path, 'dir');
}

// Plain Node: NODE_OPTIONS from the test runner (loaders, conditions) must not leak in.
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: '',
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  ...extra,
});

async function npm(args: string[], cwd = monorepo): Promise<string> {
  try {
    const { stdout } = await exec('npm', args, { cwd, env: env() });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(' ')}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wc-monorepo-prod-'));
  monorepo = join(work, 'monorepo');
  await cp(EXAMPLE, monorepo, {
    recursive: true,
    filter: (src) => !['node_modules', 'dist'].includes(basename(src)),
  });
  await link('wamp-contracts', repoRoot.replace(/\/$/, ''));
  for (const pkg of ['contracts', 'service', 'client'])
    await link(`@example/${pkg}`, join(monorepo, 'packages', pkg));
  for (const tool of ['typescript', '@types/node']) await link(tool, join(repoRoot, 'node_modules', tool));
  await mkdir(join(monorepo, 'node_modules', '.bin'));
  await symlink(
    join(repoRoot, 'bin', 'wamp-contracts.js'),
    join(monorepo, 'node_modules', '.bin', 'wamp-contracts'),
  );
  await symlink(
    join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
    join(monorepo, 'node_modules', '.bin', 'tsc'),
  );
  testRouter = await startTestRouter();
}, 60_000);

afterAll(async () => {
  if (service !== undefined && service.exitCode === null) service.kill('SIGKILL');
  await testRouter?.close();
  await rm(work, { recursive: true, force: true });
});

describe('examples/monorepo in production: built to JavaScript, run from dist/', () => {
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

  it('serves the compiled service with wamp-contracts run, and a call and its event arrive', async () => {
    // `run` reads the router URL from WAMP_URL (root scripts cannot forward flags).
    service = spawn('npm', ['run', 'serve'], {
      cwd: monorepo,
      env: env({ WAMP_URL: testRouter.url }),
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
