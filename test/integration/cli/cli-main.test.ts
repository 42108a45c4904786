/**
 * The command line's own flags, and the files a registry install gets: every path the CLI or a
 * diagnostic hint shows a user must exist in the packed package.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../../codegen/model/diagnostic-codes.js';
import { packedFiles } from '../../fixtures/pack/stage-packages.js';
import { repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'runtime/package.json'), 'utf8')) as { version: string }
).version;

describe('wamp-contracts --version and --help', () => {
  it('prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const cli = spawnCli([flag]);
      expect(await cli.exited).toBe(0);
      expect(cli.stdout().trim()).toBe(version);
    }
  });

  it('names --version and the shipped guides in the usage', async () => {
    const cli = spawnCli(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain("'wamp-contracts --version'");
    expect(cli.stdout()).toContain('node_modules/wamp-contracts/docs/README.md');
  });
});

describe('what npm pack ships', () => {
  // A staged copy packed with --dry-run (no build: `dist/` is not listed; this is about the rest).
  let work: string;
  let packed: Set<string>;
  let packedGenerator: Set<string>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wc-pack-list-'));
    packed = await packedFiles(work, 'runtime');
    packedGenerator = await packedFiles(work, 'codegen');
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the generator apart, with its README and without tests', () => {
    expect(packedGenerator.has('README.md')).toBe(true);
    expect(packedGenerator.has('cli/index.ts')).toBe(true);
    expect([...packedGenerator].filter((p) => p.endsWith('.test.ts') || p.startsWith('docs/'))).toEqual([]);
    expect(packed.has('cli/main.ts')).toBe(true);
    expect([...packed].filter((p) => p.startsWith('extract/') || p.startsWith('emit/'))).toEqual([]);
  });

  it('ships every guide of docs/ and no test file', () => {
    expect(packed.has('docs/README.md')).toBe(true);
    expect(packed.has('docs/schema-language.md')).toBe(true);
    expect([...packed].filter((p) => p.endsWith('.test.ts'))).toEqual([]);
  });

  it('ships every docs/ page that a diagnostic hint, the CLI or init names', () => {
    const sources = [
      ...Object.values(diagnosticCodes).map((d) => d.hint ?? ''),
      readFileSync(join(repoRoot, 'runtime/cli/main.ts'), 'utf8'),
      readFileSync(join(repoRoot, 'runtime/cli/commands/router.ts'), 'utf8'),
      readFileSync(join(repoRoot, 'codegen/cli/init/init-templates.ts'), 'utf8'),
    ];
    const named = new Set(
      sources.flatMap((text) => [...text.matchAll(/docs\/([\w-]+\.md)/g)].map((m) => m[1])),
    );
    expect(named.size).toBeGreaterThan(2);
    for (const page of named) {
      expect(existsSync(join(repoRoot, 'docs', page as string)), `docs/${page}`).toBe(true);
      expect(packed.has(`docs/${page}`), `docs/${page} in the package`).toBe(true);
    }
  });

  it('resolves every relative link of the shipped guides inside the package', () => {
    const broken: string[] = [];
    for (const doc of [...packed].filter((p) => /^docs\/[^/]+\.md$/.test(p))) {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      for (const match of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
        const target = join('docs', match[1] as string).replace(/\/$/, '');
        const shipped = packed.has(target) || [...packed].some((p) => p.startsWith(`${target}/`));
        if (!shipped) broken.push(`${doc} -> ${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
