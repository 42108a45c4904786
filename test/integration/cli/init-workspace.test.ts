/**
 * The paths `init` prints point at the real install of `wamp-contracts`: in an npm-workspaces
 * monorepo npm hoists it to the workspace root's node_modules, not the package's own.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInit } from '../../../codegen/cli/commands/init.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A workspace root with `packages/app`; `installed` links wamp-contracts into the root's node_modules (hoisted). */
function workspace(installed: boolean): { root: string; app: string } {
  const root = mkdtempSync(join(tmpdir(), 'wc-init-ws-'));
  dirs.push(root);
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
  );
  const app = join(root, 'packages', 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: '@mono/app', type: 'module' }));
  if (installed) {
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(join(repoRoot, 'runtime'), join(root, 'node_modules', 'wamp-contracts'), 'dir');
  }
  return { root, app };
}

function init(argv: string[], cwd: string): string {
  const out: string[] = [];
  expect(
    runInit(
      argv,
      cwd,
      (line) => out.push(line),
      (line) => out.push(line),
    ),
  ).toBe(0);
  return out.join('\n');
}

/**
 * Whether a path inside the installed package (`.../node_modules/wamp-contracts/<rest>`) exists, given
 * the link to this checkout's runtime/: the guides join the package only when it is packed
 * (runtime/scripts/pack-extras.mjs copies docs/ in), so `docs/...` is looked up at the top.
 */
function existsInPackage(from: string, path: string): boolean {
  if (existsSync(join(from, path))) return true;
  const rest = /node_modules\/wamp-contracts\/(docs\/.+)$/.exec(path)?.[1];
  return (
    rest !== undefined &&
    existsSync(join(from, path.slice(0, -rest.length))) &&
    existsSync(join(repoRoot, rest))
  );
}

/** The package paths the next steps print (the bin and the generated-api guide). */
function printedPaths(output: string): string[] {
  return [
    ...output.matchAll(/(\S*wamp-contracts\/(?:bin\/wamp-contracts\.js|docs\/generated-api\.md))/g),
  ].map((m) => m[1] as string);
}

describe('init in an npm-workspaces monorepo', () => {
  it('prints paths to the hoisted package that exist from the package directory', () => {
    const { root, app } = workspace(true);
    const output = init(['--dir', 'packages/app'], root);
    const paths = printedPaths(output);
    expect(paths).toEqual([
      '../../node_modules/wamp-contracts/bin/wamp-contracts.js',
      '../../node_modules/wamp-contracts/docs/generated-api.md',
    ]);
    for (const path of paths) expect(existsInPackage(app, path), path).toBe(true);
  });

  it('prints where npm will hoist the package when it is not installed yet', () => {
    const { app } = workspace(false);
    const output = init([], app);
    expect(output).toContain('npm install wamp-contracts');
    expect(output).toContain('npm install --save-dev @wamp-contracts/codegen');
    expect(printedPaths(output)).toEqual([
      '../../node_modules/wamp-contracts/bin/wamp-contracts.js',
      '../../node_modules/wamp-contracts/docs/generated-api.md',
    ]);
  });

  it("prints the package's own node_modules outside a workspace", () => {
    const dir = mkdtempSync(join(tmpdir(), 'wc-init-single-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'single', type: 'module' }));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(repoRoot, 'runtime'), join(dir, 'node_modules', 'wamp-contracts'), 'dir');
    const paths = printedPaths(init([], dir));
    expect(paths).toEqual([
      'node_modules/wamp-contracts/bin/wamp-contracts.js',
      'node_modules/wamp-contracts/docs/generated-api.md',
    ]);
    for (const path of paths) expect(existsInPackage(dir, path), path).toBe(true);
  });
});
