/**
 * The command line's own flags, and the files a registry install gets: every path the CLI or a
 * diagnostic hint shows a user must exist in the packed package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../../codegen/model/diagnostic-codes.js';
import { repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

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
  // --ignore-scripts: no build; `dist/` is listed only if it exists, and this test is about docs.
  const listing = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }),
  ) as [{ files: { path: string }[] }];
  const packed = new Set(listing[0].files.map((f) => f.path));

  it('ships every guide of docs/ and no test file', () => {
    expect(packed.has('docs/README.md')).toBe(true);
    expect(packed.has('docs/schema-language.md')).toBe(true);
    expect([...packed].filter((p) => p.endsWith('.test.ts'))).toEqual([]);
  });

  it('ships every docs/ page that a diagnostic hint, the CLI or init names', () => {
    const sources = [
      ...Object.values(diagnosticCodes).map((d) => d.hint ?? ''),
      readFileSync(join(repoRoot, 'codegen/cli/main.ts'), 'utf8'),
      readFileSync(join(repoRoot, 'codegen/cli/commands/router.ts'), 'utf8'),
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
