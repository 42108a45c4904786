import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(ROOT, 'examples', 'monorepo');

let work: string;
let monorepo: string;
let testRouter: TestRouter;
const children: ChildProcess[] = [];

/** What a finished child process printed, and how it ended. */
interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

/** Starts `command` in `cwd` with stdout and stderr captured into one string. */
function start(
  command: string,
  args: readonly string[],
  cwd: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No registry, no update check: everything the test needs is linked locally.
    env: {
      ...process.env,
      // wamp-contracts is linked to this checkout: load its TypeScript sources, not a possibly stale
      // dist/ (a registry install has only dist/; the example's own `source` condition stays).
      NODE_OPTIONS: '--conditions=wamp-contracts-source',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    },
  });
  children.push(child);
  let text = '';
  const append = (chunk: string): void => {
    text += chunk;
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  return { child, output: () => text };
}

/** Runs `command` to completion. */
async function run(command: string, args: readonly string[], cwd = monorepo): Promise<Outcome> {
  const { child, output } = start(command, args, cwd);
  const [code] =
    child.exitCode === null ? ((await once(child, 'exit')) as [number | null]) : [child.exitCode];
  return { code, output: output() };
}

/** Links `target` at `node_modules/<name>` of the copy, as `npm install` would. */
async function link(name: string, target: string): Promise<void> {
  const path = join(monorepo, 'node_modules', name);
  await mkdir(join(path, '..'), { recursive: true });
  await symlink(target, path, 'dir');
}

/**
 * Copies examples/monorepo to a temporary directory and lays out what `npm install` there would:
 * `wamp-contracts` and `@wamp-contracts/codegen` -> the repository's two packages, the workspaces, and the dev tools from the
 * repository's own node_modules. No network.
 */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wc-monorepo-'));
  monorepo = join(work, 'monorepo');
  await cp(EXAMPLE, monorepo, { recursive: true, filter: (src) => basename(src) !== 'node_modules' });
  await link('wamp-contracts', join(ROOT, 'runtime'));
  await link('@wamp-contracts/codegen', join(ROOT, 'codegen'));
  for (const pkg of ['contracts', 'service', 'client'])
    await link(`@example/${pkg}`, join(monorepo, 'packages', pkg));
  for (const tool of ['tsx', 'typescript', '@types/node']) await link(tool, join(ROOT, 'node_modules', tool));
  await mkdir(join(monorepo, 'node_modules', '.bin'));
  await symlink('../typescript/bin/tsc', join(monorepo, 'node_modules', '.bin', 'tsc'));
  // The installed bin runs the compiled dist/; the test runs the CLI from source instead, as tests do.
  const shim = join(monorepo, 'node_modules', '.bin', 'wamp-contracts');
  await writeFile(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" --conditions=wamp-contracts-source --import tsx "${join(ROOT, 'runtime/cli/dev-entry.ts')}" "$@"\n`,
  );
  await chmod(shim, 0o755);
  // The same for tsc: resolve the linked wamp-contracts to its sources.
  const tsconfig = join(monorepo, 'tsconfig.json');
  await writeFile(
    tsconfig,
    (await readFile(tsconfig, 'utf8')).replace(
      '"customConditions": ["source"]',
      '"customConditions": ["source", "wamp-contracts-source"]',
    ),
  );
  testRouter = await startTestRouter();
}, 30_000);

afterAll(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await testRouter?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('monorepo example', () => {
  it('has checked-in generated code that `gen --check` (the contracts test script) finds up to date', async () => {
    const result = await run('npm', ['test', '--workspace', '@example/contracts']);
    expect(result.output).toContain('up to date in generated');
    expect(result.code).toBe(0);
  }, 60_000);

  it('fails the contracts test script once a schema changes without regenerating', async () => {
    const schema = join(monorepo, 'packages', 'contracts', 'schemas', 'inventory.ts');
    const original = await readFile(schema, 'utf8');
    await writeFile(
      schema,
      original.replace('  available: number;\n}', '  available: number;\n  warehouse: string;\n}'),
    );
    try {
      const result = await run('npm', ['test', '--workspace', '@example/contracts']);
      expect(result.output).toContain('+  warehouse: string;');
      expect(result.code).not.toBe(0);
    } finally {
      await writeFile(schema, original);
    }
  }, 60_000);

  it('type-checks every package with the repository tsc, importing @example/contracts by name', async () => {
    const result = await run('npm', ['run', 'typecheck']);
    expect(result.output).not.toContain('error TS');
    expect(result.code).toBe(0);
  }, 90_000);

  it('runs the service and the client packages against a router; the client prints each outcome', async () => {
    const service = start(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'src/main.ts', '--url', testRouter.url],
      join(monorepo, 'packages', 'service'),
    );
    await expect.poll(service.output, { timeout: 20_000 }).toContain('inventory service registered');
    const client = await run('npm', [
      'start',
      '--workspace',
      '@example/client',
      '--',
      '--url',
      testRouter.url,
    ]);
    expect(client.output).toContain(
      [
        'stock: apple 12',
        'reserved: 2 pear as r-1',
        'event lowStock: pear 1 left',
        'OutOfStockError: pear, 1 available',
        'UnknownSkuError: kiwi',
      ].join('\n'),
    );
    expect(client.code).toBe(0);
    service.child.kill('SIGINT');
    const [code] = (await once(service.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 60_000);
});
