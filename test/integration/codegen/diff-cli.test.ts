import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDiff } from '../../../codegen/cli/commands/diff.js';
import { runGen } from '../../../codegen/cli/commands/gen.js';
import { schemaPackageFiles } from '../../unit/codegen/extract/extract-inline.js';

const IMPORT = "import type { Service, Topics } from 'wamp-contracts/schema';\n";
const V1 = `${IMPORT}export interface Unit { name: 'c' | 'f' | 'k' }
export interface Weather extends Service<'com.example.weather'> {
  get(city: string, unit?: Unit): number;
  ping(): void;
}
`;
// `k` is gone from Unit (old callers may send it) and ping() is gone: WIRE_CONSUMER errors.
const V2 = `${IMPORT}export interface Unit { name: 'c' | 'f' }
export interface Weather extends Service<'com.example.weather'> {
  get(city: string, unit?: Unit): number;
}
`;
// Only a new procedure: a WIRE_PROVIDER error, which the default --fail-on does not include.
const V3 = `${V1.replace('ping(): void;', 'ping(): void;\n  reset(): void;')}`;

let dir: string;
let output: { out: string[]; err: string[] };

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function diff(...argv: string[]): number {
  output = { out: [], err: [] };
  return runDiff(argv, {
    cwd: dir,
    out: (text) => void output.out.push(text),
    err: (text) => void output.err.push(text),
  });
}

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: dir,
    stdio: 'ignore',
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wamp-diff-'));
  // `wamp-contracts/schema` resolves from node_modules, which is never committed.
  for (const [path, text] of Object.entries(schemaPackageFiles)) write(path, text);
  write('wamp-contracts.config.json', JSON.stringify({ schemas: 'schemas/*.ts', out: 'generated' }));
  write('schemas/weather.ts', V1);
  write('.gitignore', 'node_modules\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('wamp-contracts diff', () => {
  it('compares with a git revision and fails on WIRE_CONSUMER errors (exit 1)', () => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    write('schemas/weather.ts', V2);
    expect(diff('--against', 'main')).toBe(1);
    const text = output.out.join('\n');
    expect(text).toContain('FAIL WCD100 WIRE_CONSUMER error com.example.weather.ping');
    expect(text).toContain('FAIL WCD202 WIRE_CONSUMER error com.example.weather.get args[1].name');
    expect(text).toContain('(schemas/weather.ts:4 → schemas/weather.ts:4)');
    expect(text).toContain('against git main');
  });

  it('exits 0 against a git revision with the same schemas', () => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    expect(diff('--against', 'HEAD')).toBe(0);
    expect(output.out.join('\n')).toContain('0 finding(s)');
  });

  it('compares with a project directory', () => {
    const old = mkdtempSync(join(tmpdir(), 'wamp-diff-old-'));
    try {
      for (const [path, text] of Object.entries(schemaPackageFiles)) {
        mkdirSync(dirname(join(old, path)), { recursive: true });
        writeFileSync(join(old, path), text);
      }
      mkdirSync(join(old, 'schemas'));
      writeFileSync(join(old, 'schemas/weather.ts'), V1);
      // The directory has no configuration of its own: the current one's globs apply to it.
      write('schemas/weather.ts', V2);
      expect(diff('--against', old)).toBe(1);
      expect(output.out.join('\n')).toContain(`against directory ${old}`);
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });

  it('compares with a snapshot written by gen --snapshot, which is deterministic', async () => {
    const silent = { cwd: dir, out: () => {}, err: () => {}, progress: false };
    expect(await runGen(['--snapshot', 'contracts.json'], silent)).toBe(0);
    const first = readFileSync(join(dir, 'contracts.json'), 'utf8');
    expect(first.endsWith('}\n')).toBe(true);
    expect(first).not.toContain(dir);
    expect(await runGen(['--snapshot', 'contracts.json', '--check'], silent)).toBe(0);
    write('schemas/weather.ts', V2);
    expect(await runGen(['--snapshot', 'contracts.json', '--check'], silent)).toBe(1);
    expect(diff('--against', 'contracts.json')).toBe(1);
    expect(output.out.join('\n')).toContain('against snapshot contracts.json');
  });

  it('prints JSON with each finding, its status and both places', () => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    write('schemas/weather.ts', V2);
    expect(diff('--against', 'main', '--format', 'json')).toBe(1);
    const json = JSON.parse(output.out.join('\n')) as {
      ok: boolean;
      findings: { rule: string; category: string; status: string; old?: { line: number } }[];
    };
    expect(json.ok).toBe(false);
    expect(json.findings.map((f) => `${f.rule} ${f.category} ${f.status}`).sort()).toEqual([
      'WCD100 WIRE_CONSUMER failing',
      'WCD202 WIRE_CONSUMER failing',
      'WCD302 SOURCE failing',
    ]);
    expect(json.findings[0]?.old?.line).toBeGreaterThan(0);
  });

  it('fails only on the categories --fail-on names', () => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    write('schemas/weather.ts', V3);
    expect(diff('--against', 'main')).toBe(0);
    expect(output.out.join('\n')).toContain('WCD102 WIRE_PROVIDER error com.example.weather.reset');
    expect(diff('--against', 'main', '--fail-on', 'WIRE_PROVIDER')).toBe(1);
    expect(diff('--against', 'main', '--fail-on', 'SOURCE,WIRE_CONSUMER')).toBe(0);
  });

  it('lets the configuration allow single findings and reports allow entries that no longer match', () => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    write('schemas/weather.ts', V3);
    const allow = [
      { rule: 'WCD102', subject: 'com.example.weather.reset', reason: 'callees deploy first' },
      { rule: 'WCD100', subject: 'com.example.weather.gone' },
    ];
    write(
      'wamp-contracts.config.json',
      JSON.stringify({
        schemas: 'schemas/*.ts',
        out: 'generated',
        diff: { failOn: ['WIRE_PROVIDER'], allow },
      }),
    );
    expect(diff('--against', 'main')).toBe(0);
    expect(output.out.join('\n')).toContain('1 allowed');
    expect(output.err.join('\n')).toContain('WCD100 com.example.weather.gone no longer occurs');
  });

  it('exits 2 on bad flags, an unknown revision, a bad snapshot and a bad diff configuration', () => {
    expect(diff()).toBe(2);
    expect(output.err.join('\n')).toContain('diff.usage: --against is required');
    expect(diff('--against', 'main', '--fail-on', 'WIRE')).toBe(2);
    expect(output.err.join('\n')).toContain('unknown category WIRE');
    expect(diff('--against', 'no-such-ref')).toBe(2);
    expect(output.err.join('\n')).toContain('diff.against_not_found');
    write('bad.json', '{"modelVersion": 3, "files": []}');
    expect(diff('--against', 'bad.json')).toBe(2);
    expect(output.err.join('\n')).toContain('diff.snapshot_invalid');
    write(
      'wamp-contracts.config.json',
      JSON.stringify({ schemas: 's/*.ts', out: 'g', diff: { allow: [{}] } }),
    );
    expect(diff('--against', 'bad.json')).toBe(2);
    expect(output.err.join('\n')).toContain('WC4002');
  });

  it('exits 2 with the diagnostics when a version has schema errors', () => {
    write(
      'old/schemas/weather.ts',
      `${IMPORT}export interface W extends Service<'com.w'> { get(x: Map<string, number>): void }`,
    );
    write('old/node_modules/.keep', '');
    expect(diff('--against', 'old')).toBe(2);
    expect(output.err.join('\n')).toContain('diff.schema_errors');
  });
});
