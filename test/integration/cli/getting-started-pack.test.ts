/**
 * docs/getting-started.md followed word for word, as a new user would: the two packages come from
 * `npm pack` of this checkout (built in a staging copy, so the checkout's `dist/` is never
 * touched), the guide's other dependencies from the npm registry, and every step is read from the
 * guide itself so the two cannot drift:
 * - ```` ```sh guide-step ```` blocks run in order in the package directory (the only change:
 *   `wamp-contracts` and `@wamp-contracts/codegen` are installed from the packed tarballs instead of
 *   the registry's release);
 * - blocks whose first line is `// <path>` are written to that path when the guide reaches them;
 * - the ```` ```sh guide-terminals ```` block's three commands are started as the guide's three
 *   terminals, each checked against the output its comment promises (the router gets `--port 0`,
 *   and the service and client its URL through `WAMP_URL`, since a test cannot own port 8080).
 * The package is then type-checked again with TypeScript 5.9, next to the latest release the guide's
 * `npm install --save-dev typescript` gave. Last, the installed package is bundled for a browser
 * with esbuild, which must follow its `browser` field (no callee role, no zod compiler, no `ws` at
 * page start). Needs the npm registry (or a warm npm cache).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticOutputs } from '../../../examples/browser/build.js';
import { nodeOnlyGuard } from '../../../examples/browser/node-only-guard.js';
import { type DocBlock, extractBlocks } from '../../docs/markdown-blocks.js';
import { NPM_ENV, type PackedPackages, packPackages, run } from '../../fixtures/pack/stage-packages.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const GUIDE = 'docs/getting-started.md';
const INSTALL_LINE = 'npm install wamp-contracts';
const GENERATOR = '@wamp-contracts/codegen';

let work: string;
let app: string;
let packed: PackedPackages;
const children: ChildProcess[] = [];
const stepOutput: string[] = [];

const guideBlocks = (): DocBlock[] => extractBlocks(GUIDE, readFileSync(join(repoRoot, GUIDE), 'utf8'));
const filePath = (block: DocBlock): string | undefined => /^\/\/ (\S+\.(?:ts|json))\n/.exec(block.code)?.[1];

/** Runs a shell snippet in `cwd` and returns its stdout; rejects with its output on failure. */
function sh(script: string, cwd: string): Promise<string> {
  return run('bash', ['-euo', 'pipefail', '-c', script], cwd);
}

/** Spawns a guide terminal in its own process group (npx starts a child of its own). */
function terminal(command: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn('bash', ['-c', command], {
    cwd: app,
    env: { ...process.env, ...NPM_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return { child, output: () => output };
}

let typescript59: Promise<string>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wamp-first-hour-'));
  app = join(work, 'greeter');
  mkdirSync(app);
  // TypeScript 5.9 in a directory of its own, installed while the package is built.
  const ts59 = join(work, 'ts59');
  mkdirSync(ts59);
  typescript59 = sh('npm init -y >/dev/null && npm install typescript@5.9', ts59).then(() =>
    join(ts59, 'node_modules/typescript/bin/tsc'),
  );
  typescript59.catch(() => {});
  packed = await packPackages(work);
}, 180_000);

afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('docs/getting-started.md from npm pack, word for word', () => {
  it('marks the steps this test follows', () => {
    const blocks = guideBlocks();
    const steps = blocks.filter((b) => b.tags.includes('guide-step'));
    expect(steps.map((b) => b.code.split('\n')[0])).toEqual(['npm init -y', 'npm run gen', 'npx tsc']);
    expect(steps[0]?.code.split('\n').filter((line) => line === INSTALL_LINE)).toHaveLength(1);
    expect(
      steps[0]?.code.split('\n').filter((line) => line.startsWith(`npm install --save-dev ${GENERATOR} `)),
    ).toHaveLength(1);
    expect(blocks.filter(filePath).map(filePath)).toEqual([
      'tsconfig.json',
      'schemas/greeter.ts',
      'src/service.ts',
      'src/client.ts',
    ]);
    expect(blocks.filter((b) => b.tags.includes('guide-terminals'))).toHaveLength(1);
  });

  it('installs, generates, type-checks with TypeScript latest and 5.9, and runs', async () => {
    let terminals: DocBlock | undefined;
    for (const block of guideBlocks()) {
      const path = filePath(block);
      if (path !== undefined) {
        mkdirSync(dirname(join(app, path)), { recursive: true });
        writeFileSync(join(app, path), block.code);
      } else if (block.tags.includes('guide-step')) {
        const script = block.code
          .split('\n')
          .map((line) =>
            line === INSTALL_LINE
              ? `npm install '${packed.runtime}'`
              : line.replace(` ${GENERATOR} `, ` '${packed.codegen}' `),
          )
          .join('\n');
        stepOutput.push(await sh(script, app));
      } else if (block.tags.includes('guide-terminals')) {
        terminals = block;
      }
    }

    // The TypeScript that `npm install --save-dev typescript` gives today, and 5.9.
    const latest = (await sh('npm view typescript dist-tags.latest', app)).trim();
    expect((await sh('npx tsc --version', app)).trim()).toBe(`Version ${latest}`);
    const tsc59 = await typescript59;
    expect((await sh(`node '${tsc59}' --version`, app)).trim()).toMatch(/^Version 5\.9\./);
    await sh(`node '${tsc59}' -p .`, app);

    // The three terminals, each with the output its comment promises.
    const lines = (terminals?.code ?? '').split('\n').filter((line) => line.trim() !== '');
    const commands = lines.map((line) => {
      const [command = '', comment = ''] = line.split(/\s+#\s+/);
      return { command: command.trim(), comment: comment.trim() };
    });
    expect(commands.map((c) => c.command)).toEqual([
      'npx wamp-contracts router',
      'node --import tsx src/service.ts',
      'node --import tsx src/client.ts',
    ]);
    const [routerStep, serviceStep, clientStep] = commands as [
      (typeof commands)[0],
      (typeof commands)[0],
      (typeof commands)[0],
    ];

    const router = terminal(`${routerStep.command} --port 0`, {});
    await expect.poll(router.output, { timeout: 30_000 }).toMatch(/listening on ws:\/\/\S+/);
    const url = /listening on (ws:\/\/\S+)/.exec(router.output())?.[1] as string;
    expect(routerStep.comment).toMatch(/^listening on ws:\/\/127\.0\.0\.1:8080\/ws \(realm realm1\)$/);
    expect(router.output()).toContain(`(realm realm1)`);

    const service = terminal(serviceStep.command, { WAMP_URL: url });
    await expect.poll(service.output, { timeout: 30_000 }).toContain(serviceStep.comment);

    const client = terminal(clientStep.command, { WAMP_URL: url });
    const code = await new Promise<number | null>((resolve) => client.child.on('exit', resolve));
    expect(client.output()).toBe(`${clientStep.comment.split(' / ').join('\n')}\n`);
    expect(code).toBe(0);
  }, 300_000);

  it("bundles the installed package for a browser through its browser field, as the repository's example does", async () => {
    // The package the guide installed from the tarball: its dist/, not this checkout's sources.
    const installed = join(app, 'node_modules/wamp-contracts/dist');
    expect(readFileSync(join(installed, 'session/load-callee-browser.js'), 'utf8')).toContain('import(');
    writeFileSync(
      join(app, 'browser-entry.ts'),
      [
        "import { connect } from 'wamp-contracts';",
        "import { ContractClient, isContractError } from 'wamp-contracts/runtime/contracts';",
        "import * as z from 'wamp-contracts/validators';",
        "const session = await connect({ url: 'ws://127.0.0.1:1/ws', realm: 'realm1' });",
        "console.log(session.id, isContractError(undefined), ContractClient, z.string().parse('x'));",
      ].join('\n'),
    );
    const result = await build({
      entryPoints: { main: join(app, 'browser-entry.ts') },
      absWorkingDir: app,
      outdir: join(work, 'browser-out'),
      bundle: true,
      splitting: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
      plugins: [nodeOnlyGuard()],
    });
    const main = Object.keys(result.metafile.outputs).find((path) => path.endsWith('/main.js'));
    expect(main).toBeDefined();
    const atStart = new Set(
      staticOutputs(result.metafile, main as string).flatMap((output) =>
        Object.keys(result.metafile.outputs[output]?.inputs ?? {}),
      ),
    );
    const dist = 'node_modules/wamp-contracts/dist/';
    expect(atStart).toContain(`${dist}session/load-callee-browser.js`);
    expect(atStart).toContain(`${dist}contracts/compile-schema-browser.js`);
    expect(
      [...atStart].filter((input) =>
        /\/dist\/(session\/(callee|load-callee)|contracts\/compile-schema)\.js$/.test(input),
      ),
    ).toEqual([]);
    expect(
      [...atStart].filter((input) => /node_modules\/(ws|@wamp-contracts\/codegen)\//.test(input)),
    ).toEqual([]);
    expect([...atStart].filter((input) => /zod\/.*locales\/(?!en\.js$)/.test(input))).toEqual([]);
    // The callee role is still in the build, as a chunk register() loads.
    expect(
      Object.values(result.metafile.outputs).some((output) => `${dist}session/callee.js` in output.inputs),
    ).toBe(true);
  }, 60_000);
});
