/**
 * What the `wamp-contracts` command says when the generator package it loads for `gen`, `diff` and
 * the other generator commands is there but unusable: of another version (no `./cli` export), an
 * unbuilt copy (the entry file is missing), broken (its entry throws), or without the command. Each
 * case is a project with a copy of the built runtime package (a copy, not a link: Node would
 * resolve a link back into this repository, where the real generator is found) and a stand-in
 * generator package in its `node_modules`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const GENERATOR = '@wamp-contracts/codegen';
let projects: string;

beforeAll(() => {
  projects = mkdtempSync(join(tmpdir(), 'wc-generator-load-'));
});

afterAll(() => {
  rmSync(projects, { recursive: true, force: true });
});

/** A project whose `node_modules` holds the built runtime and `generator` (files by path) as the generator package. */
function project(name: string, generator: Record<string, string>): string {
  const root = join(projects, name);
  const modules = join(root, 'node_modules');
  const runtime = join(modules, 'wamp-contracts');
  mkdirSync(runtime, { recursive: true });
  cpSync(join(repoRoot, 'runtime/package.json'), join(runtime, 'package.json'));
  cpSync(join(repoRoot, 'runtime/dist'), join(runtime, 'dist'), { recursive: true });
  // The runtime's own dependencies, linked: they do not resolve the generator.
  for (const dependency of ['ws', 'zod'])
    symlinkSync(join(repoRoot, 'node_modules', dependency), join(modules, dependency));
  const codegen = join(modules, GENERATOR);
  for (const [path, text] of Object.entries(generator)) {
    mkdirSync(join(codegen, path, '..'), { recursive: true });
    writeFileSync(join(codegen, path), text);
  }
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  return root;
}

/** Runs `wamp-contracts <args>` from the project's copy of the runtime. */
function run(root: string, args: string[]): { status: number | null; stderr: string } {
  const bin = join(root, 'node_modules/wamp-contracts/dist/cli/main.js');
  const script = `import { main } from ${JSON.stringify(bin)}; process.exitCode = await main(${JSON.stringify(args)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

const pkg = (exports: object): string =>
  JSON.stringify({ name: GENERATOR, version: '0.0.1', type: 'module', exports });

describe('wamp-contracts with an unusable generator package', () => {
  it('says the generator does not match when it has no ./cli entry (another version)', () => {
    const root = project('other-version', {
      'package.json': pkg({ '.': './index.js' }),
      'index.js': 'export const generate = () => undefined;\n',
    });
    const { status, stderr } = run(root, ['gen']);
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^wamp-contracts gen: the installed @wamp-contracts\/codegen does not match wamp-contracts \d+\.\d+\.\d+; install that version/,
    );
    expect(stderr).not.toContain('    at ');
  });

  it('says the generator is installed but cannot be loaded when its entry file is missing (an unbuilt copy)', () => {
    const root = project('unbuilt', { 'package.json': pkg({ './cli': './dist/cli/index.js' }) });
    const { status, stderr } = run(root, ['gen']);
    expect(status).toBe(1);
    // Not "not installed": the package is there, its entry is not (it exports no ./package.json either).
    expect(stderr).toMatch(
      /^wamp-contracts gen: @wamp-contracts\/codegen is installed but its command entry cannot be loaded \(Cannot find module '.*dist\/cli\/index\.js'\); reinstall it/,
    );
    expect(stderr).not.toContain('cli.generator_missing');
  });

  it("prints a broken generator's own error in one line, not a stack trace", () => {
    const root = project('broken', {
      'package.json': pkg({ './cli': './cli.js' }),
      'cli.js': "throw new Error('ts-morph is missing: reinstall');\n",
    });
    const { status, stderr } = run(root, ['diff']);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('wamp-contracts diff: ts-morph is missing: reinstall');
  });

  it('says which command the installed generator lacks', () => {
    const root = project('no-command', {
      'package.json': pkg({ './cli': './cli.js' }),
      'cli.js': 'export const commands = { gen: async () => ({ run: async () => 0 }) };\n',
    });
    const { status, stderr } = run(root, ['export']);
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^wamp-contracts export: the installed @wamp-contracts\/codegen has no 'export' command; install the version that matches wamp-contracts \d+\.\d+\.\d+/,
    );
  });

  it('runs the command the stand-in generator provides (the load path itself works)', () => {
    const root = project('works', {
      'package.json': pkg({ './cli': './cli.js' }),
      'cli.js':
        "export const commands = { gen: async () => ({ run: async (argv) => { console.error('stand-in gen ' + argv.join(' ')); return 7; } }) };\n",
    });
    const { status, stderr } = run(root, ['gen', '--check']);
    expect(status).toBe(7);
    expect(stderr.trim()).toBe('stand-in gen --check');
  });

  it('says the generator is not installed, with the install line, when there is none', () => {
    const root = project('missing', {});
    rmSync(join(root, 'node_modules', GENERATOR), { recursive: true, force: true });
    const { status, stderr } = run(root, ['gen']);
    expect(status).toBe(1);
    expect(stderr).toContain('[cli.generator_missing]');
    expect(stderr).toContain('npm install --save-dev @wamp-contracts/codegen');
  });
});
