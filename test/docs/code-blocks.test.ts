import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_LANGS, checkJsonBlock } from './json-blocks.js';
import { type DocBlock, blockLocation, loadDocBlocks } from './markdown-blocks.js';
import { SHELL_LANGS, checkShellBlocks } from './shell-blocks.js';
import { TS_LANGS, typecheckBlocks } from './typecheck-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Blocks shown to readers that no test here can run: Python needs another runtime; text and
// untagged blocks are program output, directory trees or usage synopses.
const NOT_RUN_LANGS = new Set(['python', 'text', '']);
const KNOWN_LANGS = new Set([...TS_LANGS, ...JSON_LANGS, ...SHELL_LANGS, ...NOT_RUN_LANGS, 'html']);

let blocks: DocBlock[] = [];
let shellFailures: Promise<string[]> = Promise.resolve([]);
const ofLangs = (langs: ReadonlySet<string>): DocBlock[] => blocks.filter((b) => langs.has(b.lang));

beforeAll(() => {
  blocks = loadDocBlocks(root);
  // Started first: the `--help` child processes run while the type check keeps this process busy.
  shellFailures = checkShellBlocks(root, ofLangs(SHELL_LANGS)).catch((error: unknown) => [String(error)]);
});

describe('code blocks in README.md, docs/ and examples/**/README.md', () => {
  it('finds blocks of every checked kind', () => {
    expect(ofLangs(TS_LANGS).length).toBeGreaterThan(10);
    expect(ofLangs(JSON_LANGS).length).toBeGreaterThan(0);
    expect(ofLangs(SHELL_LANGS).length).toBeGreaterThan(0);
  });

  it('tags every block with a language this test knows how to check', () => {
    const unknown = blocks
      .filter((b) => !KNOWN_LANGS.has(b.lang))
      .map((b) => `${blockLocation(b)}: ${b.lang}`);
    expect(unknown).toEqual([]);
  });

  // One tsc program over every block: ~10 s alone, several times that on a loaded machine.
  it('type-checks every TypeScript block in one program', { timeout: 120_000 }, () => {
    const failures = typecheckBlocks(root, ofLangs(TS_LANGS));
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('parses every JSON block and validates router and gen configs', () => {
    const failures = ofLangs(JSON_LANGS).flatMap(checkJsonBlock);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('checks a router-config and a gen-config block exist', () => {
    const json = ofLangs(JSON_LANGS);
    expect(json.some((b) => b.tags.includes('router-config'))).toBe(true);
    expect(json.some((b) => b.tags.includes('gen-config'))).toBe(true);
  });

  it('names only real npm scripts, CLI commands and CLI flags in shell blocks', async () => {
    const failures = await shellFailures;
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('has no empty html block', () => {
    const empty = blocks
      .filter((b) => b.lang === 'html' && b.code.trim() === '')
      .map((b) => blockLocation(b));
    expect(empty).toEqual([]);
  });

  it('lists the python blocks, which are shown to other-language users and not run here', () => {
    const python = blocks.filter((b) => b.lang === 'python');
    expect(python.map((b) => b.file)).toContain('examples/python-peer/README.md');
    expect(python.every((b) => b.code.trim() !== '')).toBe(true);
  });
});
