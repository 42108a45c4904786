import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenFiles, ROOT, UPDATE_COMMAND } from './golden-cases.js';

// Every file under a case directory except its sources (update.ts lives one level up).
function checkedIn(dir: string, sub = ''): string[] {
  const abs = join(dir, sub);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const path = sub === '' ? e.name : `${sub}/${e.name}`;
    return e.isDirectory() ? checkedIn(dir, path) : [path];
  });
}

describe.each(GOLDEN_CASES)('golden case $name', (c) => {
  const dir = join(ROOT, 'test/golden', c.name);
  const files = goldenFiles(c);

  it('has exactly the files the generator writes', () => {
    const expected = files.map((f) => f.path).sort();
    expect(checkedIn(dir).sort(), `golden files are stale; run: ${UPDATE_COMMAND}`).toEqual(expected);
  });

  it.each(files.map((f) => [f.path, f] as const))('%s matches the checked-in file', (path, file) => {
    const current = existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined;
    expect(current, `test/golden/${c.name}/${path} is stale; run: ${UPDATE_COMMAND}`).toBe(file.text);
  });
});
