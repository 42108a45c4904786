/**
 * `wamp-contracts export`: reads schema files like `gen`, prints JSON Schema or AsyncAPI to stdout
 * or a file, byte-for-byte the same on every run, and fails with a code on bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportErrorCode, runExport } from '../../../codegen/cli/commands/export.js';
import { repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const FIXTURES = 'test/fixtures/schemas/*.ts';

function exportIn(cwd: string, argv: string[]) {
  let out = '';
  const err: string[] = [];
  const code = runExport(argv, { cwd, out: (text) => (out += text), err: (line) => err.push(line) });
  return { code, out, err: err.join('\n') };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-export-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('wamp-contracts export', () => {
  it('prints the JSON Schema of the schema files on stdout, the same bytes on every run', () => {
    const first = exportIn(repoRoot, ['--format', 'jsonschema', '--schemas', FIXTURES]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const schema = JSON.parse(first.out) as { $defs: Record<string, unknown> };
    expect(schema.$defs['procedure:com.example.weather.getForecast']).toBeDefined();
    expect(schema.$defs['topic:com.example.weather.alert']).toBeDefined();
    expect(schema.$defs['error:com.example.weather.unknown_city']).toBeDefined();
    expect(exportIn(repoRoot, ['--format', 'jsonschema', '--schemas', FIXTURES]).out).toBe(first.out);
  });

  it('writes AsyncAPI to --out and says where on stderr', () => {
    const dir = tempDir();
    const result = exportIn(repoRoot, [
      '--format',
      'asyncapi',
      '--schemas',
      FIXTURES,
      '--title',
      'Fixtures',
      '--api-version',
      '2.0.0',
      '--out',
      join(dir, 'nested/asyncapi.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toContain('wrote asyncapi');
    const doc = JSON.parse(readFileSync(join(dir, 'nested/asyncapi.json'), 'utf8')) as {
      asyncapi: string;
      info: unknown;
    };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info).toMatchObject({ title: 'Fixtures', version: '2.0.0' });
  });

  it('describes binary as msgpack puts it on the wire with --serializer msgpack', () => {
    const { out } = exportIn(repoRoot, [
      '--format',
      'jsonschema',
      '--serializer',
      'msgpack',
      '--schemas',
      FIXTURES,
    ]);
    const schema = JSON.parse(out) as { 'x-wamp-contract': unknown };
    expect(schema['x-wamp-contract']).toEqual({ modelVersion: 2, serializer: 'msgpack' });
    expect(out).not.toContain('\\\\u0000');
  });

  it('refuses a missing or unknown --format with export.usage and exit 1', () => {
    for (const argv of [[], ['--format', 'openapi'], ['--format', 'jsonschema', '--serializer', 'xml']]) {
      const result = exportIn(repoRoot, [...argv, '--schemas', FIXTURES]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(ExportErrorCode.USAGE);
      expect(result.out).toBe('');
    }
  });

  it('exports nothing and exits 1 when the schemas have errors (export.schema_errors)', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.ts'),
      "import type { Service } from 'wamp-contracts/schema';\nexport interface Bad extends Service<'com.example.bad'> {\n  f(x: Map<string, number>): void;\n}\n",
    );
    const result = exportIn(dir, ['--format', 'jsonschema', '--schemas', '*.ts']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(ExportErrorCode.SCHEMA_ERRORS);
  });

  it('is wired into the CLI: `wamp-contracts export --help` exits 0', async () => {
    const cli = spawnCli(['export', '--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('--format jsonschema|asyncapi');
  });
});
