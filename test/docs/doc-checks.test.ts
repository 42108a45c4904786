import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkJsonBlock } from './json-blocks.js';
import { extractBlocks } from './markdown-blocks.js';
import { findShellUses, shellWords } from './shell-blocks.js';
import { checkExcerpt, tsBlockKind, typecheckBlocks } from './typecheck-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fence = '```';

describe('the doc block checks themselves', () => {
  it('extracts a block with its language, tags, fence line and the marker comment above it', () => {
    const md = [
      '# T',
      '',
      '<!-- ts-prelude',
      'declare const a: number;',
      '-->',
      `${fence}ts extra`,
      'a;',
      fence,
    ].join('\n');
    const [block] = extractBlocks('docs/t.md', md);
    expect(block).toEqual({
      file: 'docs/t.md',
      fenceLine: 6,
      lang: 'ts',
      tags: ['extra'],
      code: 'a;',
      comment: 'ts-prelude\ndeclare const a: number;',
    });
  });

  it('extracts an indented fence inside a list item without its indentation', () => {
    const md = ['- item', '', `  ${fence}sh`, '  npm test', `  ${fence}`, 'after'].join('\n');
    expect(extractBlocks('docs/t.md', md).map((b) => b.code)).toEqual(['npm test']);
  });

  it('reads the ts-prelude and excerpt-of markers', () => {
    const [prelude, excerpt] = extractBlocks(
      'docs/t.md',
      [
        '<!-- ts-prelude declare const x: 1; -->',
        `${fence}ts`,
        'x;',
        fence,
        '<!-- excerpt-of: a.ts -->',
        `${fence}ts`,
        fence,
      ].join('\n'),
    );
    expect([tsBlockKind(prelude!), tsBlockKind(excerpt!)]).toEqual([
      { kind: 'module', prelude: 'declare const x: 1;' },
      { kind: 'excerpt', of: 'a.ts' },
    ]);
  });

  it('reports a type error at the doc line, counting hidden prelude lines out', () => {
    const md = [
      '<!-- ts-prelude',
      'declare const n: number;',
      '-->',
      `${fence}ts`,
      'const ok = n + 1;',
      'const s: string = n;',
      fence,
    ].join('\n');
    const failures = typecheckBlocks(root, extractBlocks('docs/t.md', md));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^docs\/t\.md:6: TS2322: /);
  });

  it('fails an excerpt line that is not in the named file, skipping lines with ...', () => {
    const [block] = extractBlocks(
      'docs/t.md',
      [`${fence}ts`, '"name": "wamp-contracts",', '...', '"name": "not-there",', fence].join('\n'),
    );
    expect(checkExcerpt(root, block!, 'runtime/package.json')).toEqual([
      'docs/t.md:4: not found in runtime/package.json (in order): "name": "not-there",',
    ]);
  });

  it('validates a router-config block with parseRouterConfig', () => {
    const [block] = extractBlocks(
      'docs/t.md',
      [`${fence}json router-config`, '{ "realmz": [] }', fence].join('\n'),
    );
    expect(checkJsonBlock(block!)).toEqual([expect.stringContaining('config.unrecognized_keys')]);
  });

  it('validates a gen-config block with the gen configuration loader', () => {
    const [block] = extractBlocks(
      'docs/t.md',
      [`${fence}json gen-config`, '{ "schemas": "s/*.ts", "outdir": "o" }', fence].join('\n'),
    );
    expect(checkJsonBlock(block!)).toEqual([expect.stringContaining('WC4002')]);
  });

  it('finds npm scripts and CLI commands with their flags in shell blocks', () => {
    const md = [
      `${fence}sh`,
      '$ npm run gen -- --check   # regenerate',
      'npx wamp-contracts router --port=0 \\',
      '  --realm r && node --import tsx runtime/cli/dev-entry.ts gen --watch',
      fence,
    ].join('\n');
    const uses = findShellUses(root, extractBlocks('docs/t.md', md));
    expect(uses.npm.map((u) => u.script)).toEqual(['gen']);
    expect(uses.cli.map((u) => [u.location, u.command, u.flags])).toEqual([
      ['docs/t.md:3', 'router', ['--port', '--realm']],
      ['docs/t.md:3', 'gen', ['--watch']],
    ]);
  });

  it('splits shell words honouring quotes', () => {
    expect(shellWords(`gen --schemas 'schemas/*.ts' --out "a b"`)).toEqual([
      'gen',
      '--schemas',
      'schemas/*.ts',
      '--out',
      'a b',
    ]);
  });
});
