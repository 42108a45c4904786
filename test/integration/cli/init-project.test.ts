import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInit } from '../../../codegen/cli/commands/init.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { type CliChild, repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const PACKAGE_JSON = `{
    "name": "demo-app",
    "version": "1.0.0",
    "type": "module",
    "scripts": {
        "test": "node --test"
    }
}
`;

let dirs: string[] = [];
let children: CliChild[] = [];
let routers: TestRouter[] = [];
let sessions: Session[] = [];

afterEach(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await Promise.all(sessions.map((s) => (s.state === 'closed' ? undefined : s.close())));
  await Promise.all(routers.map((r) => r.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  children = [];
  routers = [];
  sessions = [];
});

// A package that can import `wamp-contracts` by name: node_modules/wamp-contracts links to this repo.
function tempPackage(packageJson: string | null = PACKAGE_JSON): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-init-'));
  dirs.push(dir);
  if (packageJson !== null) writeFileSync(join(dir, 'package.json'), packageJson);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'runtime'), join(dir, 'node_modules', 'wamp-contracts'), 'dir');
  return dir;
}

async function cli(args: string[], cwd: string): Promise<CliChild> {
  const c = spawnCli(args, cwd);
  children.push(c);
  await c.exited;
  return c;
}

// In-process init with collected output.
function init(dir: string): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runInit(
    ['--dir', dir],
    repoRoot,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('wamp-contracts init', () => {
  it('adds the example contract, the config and the gen script, and prints next steps', async () => {
    const dir = tempPackage();
    const c = await cli(['init'], dir);
    expect(await c.exited).toBe(0);
    expect(readFileSync(join(dir, 'schemas/greeter.ts'), 'utf8')).toContain(
      "extends Service<'com.example.greeter'>",
    );
    expect(JSON.parse(readFileSync(join(dir, 'wamp-contracts.config.json'), 'utf8'))).toEqual({
      schemas: 'schemas/*.ts',
      out: 'schemas/generated',
    });
    const pkg = readFileSync(join(dir, 'package.json'), 'utf8');
    expect(JSON.parse(pkg).scripts).toEqual({ test: 'node --test', gen: 'wamp-contracts gen' });
    // The file keeps its 4-space indentation and final newline.
    expect(pkg).toContain('\n        "gen": "wamp-contracts gen"\n');
    expect(pkg.endsWith('}\n')).toBe(true);
    expect(c.stdout()).toContain('Next steps:');
    expect(c.stdout()).toContain('npm install wamp-contracts');
    expect(c.stdout()).toContain('npm install --save-dev @wamp-contracts/codegen');
  });

  it('does not ask for the generator when the package declares it', () => {
    const declared = tempPackage(
      '{ "name": "x", "devDependencies": { "@wamp-contracts/codegen": "^0.1.0" } }\n',
    );
    const result = init(declared);
    expect(result.out).toContain('Next steps:');
    expect(result.out).not.toContain('@wamp-contracts/codegen');
  });

  it('changes nothing when run a second time', () => {
    const dir = tempPackage();
    expect(init(dir).code).toBe(0);
    const files = ['package.json', 'wamp-contracts.config.json', 'schemas/greeter.ts'];
    const before = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    const second = init(dir);
    expect(second.code).toBe(0);
    expect(second.out).toContain('nothing to do, already set up');
    expect(files.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
  });

  it('keeps an existing gen script, config and schema files, and says so', () => {
    const dir = tempPackage('{ "name": "x", "scripts": { "gen": "my-codegen" } }\n');
    writeFileSync(join(dir, 'wamp-contracts.config.json'), '{ "schemas": "contracts/*.ts", "out": "gen" }\n');
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas/orders.ts'), '// mine\n');
    const result = init(dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain('skipped  package.json: a different gen script exists ("my-codegen")');
    expect(result.out).toContain('skipped  wamp-contracts.config.json: already exists');
    expect(result.out).toContain('schemas/ already has schema files (orders.ts)');
    expect(existsSync(join(dir, 'schemas/greeter.ts'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.gen).toBe('my-codegen');
  });

  it('refuses a directory without package.json', () => {
    const dir = tempPackage(null);
    const result = init(dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('error init.no_package_json');
    expect(existsSync(join(dir, 'schemas'))).toBe(false);
  });

  it('sets up a package whose gen output runs as a service', async () => {
    const dir = tempPackage();
    // The repo is not built (no dist/): resolve wamp-contracts to its sources, as the repo does.
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          customConditions: ['wamp-contracts-source'],
        },
      }),
    );
    expect(init(dir).code).toBe(0);
    const gen = await cli(['gen'], dir);
    expect(await gen.exited, gen.stderr()).toBe(0);
    expect(gen.stderr()).toBe('');
    expect(readFileSync(join(dir, 'schemas/generated/greeter.ts'), 'utf8')).toContain(
      'export abstract class GreeterCallee extends ContractCallee',
    );
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/greeter-service.ts'),
      [
        "import { GreeterCallee, NameRefusedError } from '../schemas/generated/index.js';",
        'export class GreeterImpl extends GreeterCallee {',
        '  greet(name: string) {',
        "    if (name === 'nobody') throw new NameRefusedError({ name });",
        "    return { text: 'Hello, ' + name + '!', at: '2026-01-01T00:00:00Z' };",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const r = await startTestRouter();
    routers.push(r);
    const service = spawnCli(['run', './src/greeter-service.ts#GreeterImpl', '--url', r.url], dir);
    children.push(service);
    await service.waitFor('registered 1 procedure of com.example.greeter');
    const caller = await r.connect();
    sessions.push(caller);
    const { args } = await caller.call('com.example.greeter.greet', ['Ada']);
    expect(args).toEqual([{ text: 'Hello, Ada!', at: '2026-01-01T00:00:00Z' }]);
    await expect(caller.call('com.example.greeter.greet', ['nobody'])).rejects.toMatchObject({
      uri: 'com.example.greeter.name_refused',
    });
  });
});
