import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE_FLAGS = ['--conditions=wamp-contracts-source', '--import', 'tsx'];
const run = promisify(execFile);

/** The code blocks of docs/getting-started.md whose first line names their file (`// src/x.ts`). */
function fileBlocks(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'docs/getting-started.md'), 'utf8');
  const files = new Map<string, string>();
  for (const match of text.matchAll(/```(?:ts|jsonc)\n\/\/ (\S+)\n([\s\S]*?)```/g)) {
    files.set(match[1] as string, match[2] as string);
  }
  return files;
}

/** The guide's tsconfig plus the `source` condition, since this checkout has no dist/ to resolve to. */
function withSourceCondition(tsconfig: string): string {
  const parsed = JSON.parse(tsconfig) as { compilerOptions: Record<string, unknown> };
  parsed.compilerOptions.customConditions = ['source'];
  return JSON.stringify(parsed, null, 2);
}

let project: string;
let testRouter: TestRouter;
let service: ChildProcess | undefined;
let serviceOutput = '';

beforeAll(async () => {
  // A package of its own, as in the guide, with this checkout installed as `wamp-contracts`.
  project = mkdtempSync(join(tmpdir(), 'wamp-getting-started-'));
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "greeter-app", "type": "module", "private": true }\n',
  );
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(join(ROOT, 'runtime'), join(project, 'node_modules', 'wamp-contracts'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', 'tsx'), join(project, 'node_modules', 'tsx'), 'dir');
  for (const [path, code] of fileBlocks()) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), path === 'tsconfig.json' ? withSourceCondition(code) : code);
  }
  // `npm run gen` of the guide, through the CLI's source entry (dist/ may not be built here).
  await run(
    process.execPath,
    [
      ...NODE_FLAGS,
      join(ROOT, 'runtime/cli/dev-entry.ts'),
      'gen',
      '--schemas',
      'schemas/*.ts',
      '--out',
      'schemas/generated',
    ],
    { cwd: project },
  );
  testRouter = await startTestRouter();
}, 60_000);

afterAll(async () => {
  if (service !== undefined && service.exitCode === null) service.kill('SIGKILL');
  await testRouter?.close();
  rmSync(project, { recursive: true, force: true });
});

describe('docs/getting-started.md', () => {
  it('contains the tsconfig, the schema, the service and the client as named files', () => {
    expect([...fileBlocks().keys()]).toEqual([
      'tsconfig.json',
      'schemas/greeter.ts',
      'src/service.ts',
      'src/client.ts',
    ]);
  });

  it('runs: the service registers and the client prints what the guide says', async () => {
    const env = { ...process.env, WAMP_URL: testRouter.url };
    service = spawn(process.execPath, [...NODE_FLAGS, 'src/service.ts'], {
      cwd: project,
      env,
      stdio: 'pipe',
    });
    service.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      serviceOutput += chunk;
    });
    service.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      serviceOutput += chunk;
    });
    await expect.poll(() => serviceOutput, { timeout: 15_000 }).toContain('greeter ready');
    const client = await run(process.execPath, [...NODE_FLAGS, 'src/client.ts'], { cwd: project, env });
    expect(client.stdout).toBe('HELLO, ADA!\nrefused: the name is blank\n');
  }, 40_000);
});
