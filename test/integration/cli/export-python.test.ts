/**
 * The Python snippet of docs/export.md runs as written against a fresh export of this repository's
 * contract (schemas/*.ts), where `python3 -c 'import jsonschema'` works; elsewhere the test says
 * in its name that it did not run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../../codegen/cli/commands/export.js';
import { extractBlocks } from '../../docs/markdown-blocks.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const doc = readFileSync(join(repoRoot, 'docs/export.md'), 'utf8');
const blocks = extractBlocks('docs/export.md', doc);
const snippet = blocks.find((b) => b.lang === 'python');
const shown = blocks[blocks.indexOf(snippet as never) + 1];
const pythonAvailable = spawnSync('python3', ['-c', 'import jsonschema']).status === 0;

describe('docs/export.md: validating calls in a Python service', () => {
  it('shows one Python snippet followed by its output', () => {
    expect(snippet?.code).toContain('Draft202012Validator');
    expect(shown?.lang).toBe('text');
  });

  it(
    pythonAvailable
      ? 'the snippet runs against a fresh export and prints what the doc shows (problems per call)'
      : "NOT RUN: `python3 -c 'import jsonschema'` failed, so the Python snippet was not executed",
    () => {
      if (!pythonAvailable) return;
      const dir = mkdtempSync(join(tmpdir(), 'wc-export-py-'));
      try {
        const out = join(dir, 'contract.schema.json');
        const code = runExport(['--format', 'jsonschema', '--schemas', 'schemas/*.ts', '--out', out], {
          cwd: repoRoot,
          out: () => undefined,
          err: () => undefined,
        });
        expect(code).toBe(0);
        const printed = execFileSync('python3', ['-c', snippet?.code ?? ''], { cwd: dir, encoding: 'utf8' });
        const lines = printed.trim().split('\n');
        const expected = (shown?.code ?? '').trim().split('\n');
        expect(lines.length).toBe(expected.length);
        // Messages depend on the jsonschema version; which calls are valid and where the problem is do not.
        lines.forEach((line, i) => {
          const want = expected[i] as string;
          if (want === '[]') expect(line).toBe('[]');
          else expect(line.slice(0, line.indexOf(':'))).toBe(want.slice(0, want.indexOf(':')));
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
