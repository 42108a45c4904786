import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ZOD_ISSUE_CODES,
  expectedCodesBySection,
  expectedExitCodes,
  tablesBySection,
} from './emitted-codes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tables = tablesBySection(readFileSync(join(root, 'docs/error-codes.md'), 'utf8'));
const expected = expectedCodesBySection(root);

/** The first-column codes of a section's table (header row excluded: it has no backticks). */
function documented(section: string): string[] {
  return (tables.get(section) ?? []).map((cells) => cells[0] ?? '').filter((code) => code !== '');
}

describe('docs/error-codes.md', () => {
  it.each([...expected.keys()])('lists every code of "%s" the code emits', (section) => {
    const missing = [...(expected.get(section) ?? [])].filter((code) => !documented(section).includes(code));
    expect(missing).toEqual([]);
  });

  it.each([...expected.keys()])('lists nothing under "%s" that the code does not emit', (section) => {
    const codes = expected.get(section) ?? new Set<string>();
    // zod's own issue codes reach users as `config.<code>` without being spelled out in our sources.
    const known = (code: string) =>
      codes.has(code) ||
      (section === 'Router configuration codes' && ZOD_ISSUE_CODES.has(code.replace(/^config\./, '')));
    expect(documented(section).filter((code) => !known(code))).toEqual([]);
  });

  it('lists each code once per section', () => {
    const duplicates = [...expected.keys()].flatMap((section) =>
      documented(section)
        .filter((code, i, all) => all.indexOf(code) !== i)
        .map((code) => `${section}: ${code}`),
    );
    expect(duplicates).toEqual([]);
  });

  it('lists exactly the exit codes each CLI command returns', () => {
    const rows = tables.get('CLI exit codes') ?? [];
    const listed = new Map<string, Set<string>>();
    for (const [command = '', code = ''] of rows) {
      if (command === '' || code === '') continue;
      listed.set(command, (listed.get(command) ?? new Set()).add(code));
    }
    const asSorted = (m: Map<string, Set<string>>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));
    expect(asSorted(listed)).toEqual(asSorted(expectedExitCodes(root)));
  });

  it('has a section for every group of codes', () => {
    expect([...expected.keys()].filter((section) => !tables.has(section))).toEqual([]);
    expect(tables.has('CLI exit codes')).toBe(true);
  });
});
