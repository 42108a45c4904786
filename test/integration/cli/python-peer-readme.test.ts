/**
 * examples/python-peer/README.md says what `gen` prints for its schema: nothing but the summary by
 * default (as-is naming, camelCase URIs, no warning), the WC2004 warnings it shows when
 * `strictUris` is on, and the snake_case URIs Python registers. This runs `gen` on the README's own
 * schema block and compares.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGen } from '../../../codegen/cli/commands/gen.js';
import { type DocBlock, extractBlocks } from '../../docs/markdown-blocks.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const README = 'examples/python-peer/README.md';
const blocks: DocBlock[] = extractBlocks(README, readFileSync(join(repoRoot, README), 'utf8'));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wc-python-peer-'));
  const schema = blocks.find((b) => b.code.startsWith('// schemas/inventory.ts\n'));
  mkdirSync(join(dir, 'schemas'));
  writeFileSync(join(dir, 'schemas/inventory.ts'), schema?.code ?? '');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'peer', type: 'module' }));
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
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'runtime'), join(dir, 'node_modules', 'wamp-contracts'), 'dir');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `gen <argv>` in the temporary package; returns its exit code and everything it printed. */
async function gen(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const io = {
    cwd: dir,
    out: (t: string) => lines.push(t),
    err: (t: string) => lines.push(t),
    progress: false,
  };
  const code = await runGen(argv, io);
  return { code, lines: lines.join('\n').split('\n') };
}

/** The README's shell block that runs `gen`, as words after `gen`. */
function readmeGenArgs(): string[] {
  const line = blocks
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.code.split('\n'))
    .find((l) => l.startsWith('npx wamp-contracts gen '));
  expect(line).toBeDefined();
  return (line as string)
    .slice('npx wamp-contracts gen '.length)
    .split(/\s+/)
    .map((word) => word.replace(/^'(.*)'$/, '$1'));
}

describe('examples/python-peer/README.md matches what gen prints', () => {
  it('the README command prints one summary line and writes the snake_case URIs the table names', async () => {
    const { code, lines } = await gen(readmeGenArgs());
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const summary = 'wamp-contracts gen: 3 written, 0 removed, 0 unchanged in schemas/generated (';
    expect(lines[0]?.startsWith(summary)).toBe(true);
    expect(readFileSync(join(repoRoot, README), 'utf8')).toContain(`\`${summary}…)\``);
    const generated = readFileSync(join(dir, 'schemas/generated/inventory.ts'), 'utf8');
    for (const uri of ['com.example.inventory.reserve_item', 'com.example.inventory.low_stock'])
      expect(generated).toContain(`'${uri}'`);
  });

  it('by default (as-is naming, no strictUris) prints no warning, as the README says', async () => {
    const { code, lines } = await gen(['--schemas', 'schemas/*.ts', '--out', 'as-is']);
    expect(code).toBe(0);
    expect(lines.filter((l) => /\bWC\d{4}\b/.test(l))).toEqual([]);
    expect(readFileSync(join(repoRoot, README), 'utf8')).toContain(
      'by default `gen` prints no warning for them',
    );
  });

  it('with strictUris, prints the WC2004 warnings the README shows, word for word', async () => {
    writeFileSync(
      join(dir, 'wamp-contracts.config.json'),
      JSON.stringify({ schemas: 'schemas/*.ts', out: 'strict', strictUris: true }),
    );
    const { code, lines } = await gen([]);
    rmSync(join(dir, 'wamp-contracts.config.json'));
    expect(code).toBe(0);
    const printed = lines.filter((l) => l.startsWith('WC2004 '));
    const shown = blocks
      .filter((b) => b.lang === 'text' && b.code.includes('WC2004'))
      .flatMap((b) => b.code.split('\n'))
      .filter((l) => l.startsWith('WC2004 '));
    expect(printed.length).toBeGreaterThan(0);
    expect(shown, printed.join('\n')).toEqual(printed);
  });
});
