import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const index = readFileSync(join(root, 'docs/README.md'), 'utf8');
const links = [...index.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '');

describe('docs/README.md', () => {
  it('links every page in docs/', () => {
    const pages = readdirSync(join(root, 'docs')).filter(
      (name) => name.endsWith('.md') && name !== 'README.md',
    );
    expect(pages.filter((page) => !links.includes(page))).toEqual([]);
  });

  it('links only files that exist', () => {
    expect(links.filter((link) => !/^https?:/.test(link) && !existsSync(join(root, 'docs', link)))).toEqual(
      [],
    );
  });
});
