import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGen } from '../../../codegen/cli/commands/gen.js';
import type { GenIo } from '../../../codegen/cli/gen/gen-io.js';

const SCHEMA = `import type { Service } from '../lib/schema.js';
/** A greeting. */
export interface Greeting { text: string }
export interface Greeter extends Service<'com.example.greeter'> {
  greet(name: string): Greeting;
}
`;

let dir: string;
let output: { out: string[]; err: string[] };

function io(extra: Partial<GenIo> = {}): GenIo {
  return {
    cwd: dir,
    out: (text) => void output.out.push(text),
    err: (text) => void output.err.push(text),
    progress: false,
    ...extra,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wamp-gen-'));
  mkdirSync(join(dir, 'schemas'));
  mkdirSync(join(dir, 'lib'));
  // The schema markers are structural, so a copy of the schema language module stands in for the package.
  copyFileSync(join(import.meta.dirname, '../../../runtime/schema/index.ts'), join(dir, 'lib/schema.ts'));
  writeFileSync(join(dir, 'schemas/greeter.ts'), SCHEMA);
  writeFileSync(
    join(dir, 'wamp-contracts.config.json'),
    JSON.stringify({ schemas: 'schemas/*.ts', out: 'generated' }),
  );
  output = { out: [], err: [] };
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('wamp-contracts gen', () => {
  it('writes one module per schema file and an index', async () => {
    expect(await runGen([], io())).toBe(0);
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8')).toContain('export class GreeterClient');
    expect(existsSync(join(dir, 'generated/index.ts'))).toBe(true);
  });

  it('reads the configuration from package.json#wampContracts', async () => {
    rmSync(join(dir, 'wamp-contracts.config.json'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ wampContracts: { schemas: 'schemas/*.ts', out: 'gen2' } }),
    );
    expect(await runGen([], io())).toBe(0);
    expect(existsSync(join(dir, 'gen2/greeter.ts'))).toBe(true);
  });

  it('lets flags override the configuration', async () => {
    expect(await runGen(['--out', 'elsewhere'], io())).toBe(0);
    expect(existsSync(join(dir, 'elsewhere/greeter.ts'))).toBe(true);
  });

  it('rejects an unknown configuration key with its code', async () => {
    writeFileSync(
      join(dir, 'wamp-contracts.config.json'),
      JSON.stringify({ schemas: 'x', out: 'y', outt: 'z' }),
    );
    expect(await runGen([], io())).toBe(1);
    expect(output.err.join('\n')).toContain('WC4002');
  });

  it('marks modules @ts-nocheck unless the configuration sets typeCheckOutput', async () => {
    expect(await runGen([], io())).toBe(0);
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8').split('\n')[1]).toMatch(
      /^\/\/ @ts-nocheck/,
    );
    writeFileSync(
      join(dir, 'wamp-contracts.config.json'),
      JSON.stringify({ schemas: 'schemas/*.ts', out: 'generated', typeCheckOutput: true }),
    );
    expect(await runGen([], io())).toBe(0);
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8')).not.toContain('@ts-nocheck');
    writeFileSync(
      join(dir, 'wamp-contracts.config.json'),
      JSON.stringify({ schemas: 'schemas/*.ts', out: 'generated', typeCheckOutput: 'yes' }),
    );
    expect(await runGen([], io())).toBe(1);
    expect(output.err.join('\n')).toContain('WC4002');
  });

  it('applies the snake_case naming rule', async () => {
    writeFileSync(join(dir, 'schemas/greeter.ts'), SCHEMA.replace('greet(', 'greetPerson('));
    expect(await runGen(['--naming', 'snake_case'], io())).toBe(0);
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8')).toContain(
      "'com.example.greeter.greet_person'",
    );
  });

  it('--check exits 0 when the output is up to date', async () => {
    await runGen([], io());
    expect(await runGen(['--check'], io())).toBe(0);
  });

  it('--check exits 1 with a diff and the fixing command when the output is stale, writing nothing', async () => {
    await runGen([], io());
    writeFileSync(
      join(dir, 'schemas/greeter.ts'),
      SCHEMA.replace('text: string', 'text: string; lang: string'),
    );
    const before = readFileSync(join(dir, 'generated/greeter.ts'), 'utf8');
    expect(await runGen(['--check'], io())).toBe(1);
    expect(output.out.join('\n')).toMatch(/^\+ {2}lang: string;$/m);
    expect(output.err.join('\n')).toContain('Run: wamp-contracts gen');
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8')).toBe(before);
  });

  it('--check reports missing files', async () => {
    expect(await runGen(['--check'], io())).toBe(1);
    expect(output.out.join('\n')).toContain('--- /dev/null\n+++ b/generated/greeter.ts');
  });

  it('removes stale generated files but keeps files it does not own', async () => {
    mkdirSync(join(dir, 'generated'));
    writeFileSync(
      join(dir, 'generated/old.ts'),
      '// Generated by wamp-contracts 0.0.1 from schemas/old.ts. Do not edit.\n',
    );
    writeFileSync(join(dir, 'generated/mine.ts'), 'export const mine = 1;\n');
    expect(await runGen([], io())).toBe(0);
    expect(existsSync(join(dir, 'generated/old.ts'))).toBe(false);
    expect(existsSync(join(dir, 'generated/mine.ts'))).toBe(true);
  });

  it('prints diagnostics with code, location and code frame, and exits 1', async () => {
    writeFileSync(join(dir, 'schemas/greeter.ts'), SCHEMA.replace('text: string', 'text: any'));
    expect(await runGen([], io())).toBe(1);
    const err = output.err.join('\n');
    expect(err).toMatch(/^WC\d{4} schemas\/greeter\.ts:3:\d+ error: /m);
    expect(err).toContain('> 3 | export interface Greeting { text: any }');
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('fails with a coded error when no schema file matches', async () => {
    expect(await runGen(['--schemas', 'nothing/*.ts'], io())).toBe(1);
    expect(output.err.join('\n')).toContain('WC4003');
  });

  it('--watch regenerates after a schema file changes', async () => {
    const controller = new AbortController();
    let rebuilt!: (code: number) => void;
    const rebuild = new Promise<number>((resolve) => {
      rebuilt = resolve;
    });
    const watching = runGen(
      ['--watch'],
      io({ signal: controller.signal, onRebuild: (code) => rebuilt(code) }),
    );
    // runGen builds and starts watching before it first yields, so the change below is seen.
    expect(existsSync(join(dir, 'generated/greeter.ts'))).toBe(true);
    writeFileSync(
      join(dir, 'schemas/greeter.ts'),
      SCHEMA.replace('text: string', 'text: string; lang: string'),
    );
    expect(await rebuild).toBe(0);
    controller.abort();
    expect(await watching).toBe(0);
    expect(readFileSync(join(dir, 'generated/greeter.ts'), 'utf8')).toContain('lang: string;');
  });

  it('--watch generates a module for a schema file added while watching', async () => {
    const controller = new AbortController();
    let rebuilt!: (code: number) => void;
    const rebuild = new Promise<number>((resolve) => {
      rebuilt = resolve;
    });
    const watching = runGen(
      ['--watch'],
      io({ signal: controller.signal, onRebuild: (code) => rebuilt(code) }),
    );
    writeFileSync(
      join(dir, 'schemas/farewell.ts'),
      SCHEMA.replace(/Greet/g, 'Farewell').replace(/greet/g, 'farewell'),
    );
    expect(await rebuild).toBe(0);
    controller.abort();
    await watching;
    expect(readFileSync(join(dir, 'generated/farewell.ts'), 'utf8')).toContain(
      'export class FarewellerClient',
    );
  });
});
