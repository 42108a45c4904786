import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../../codegen/cli/config.js';
import { unifiedDiff } from '../../../../codegen/cli/gen/unified-diff.js';

describe('globToRegExp', () => {
  it('matches one path segment with *', () => {
    expect(globToRegExp('schemas/*.ts').test('schemas/a.ts')).toBe(true);
    expect(globToRegExp('schemas/*.ts').test('schemas/sub/a.ts')).toBe(false);
  });

  it('matches any depth, including none, with **/', () => {
    const re = globToRegExp('schemas/**/*.ts');
    expect(re.test('schemas/a.ts')).toBe(true);
    expect(re.test('schemas/x/y/a.ts')).toBe(true);
  });

  it('matches alternatives in braces', () => {
    const re = globToRegExp('schemas/{a,b}.ts');
    expect(re.test('schemas/b.ts')).toBe(true);
    expect(re.test('schemas/c.ts')).toBe(false);
  });

  it('treats dots literally', () => {
    expect(globToRegExp('a.ts').test('abts')).toBe(false);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.ts', 'x\n', 'x\n')).toBe('');
  });

  it('prints a hunk with context around a changed line', () => {
    const diff = unifiedDiff('a.ts', 'a\nb\nc\n', 'a\nB\nc\n');
    expect(diff).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });

  it('diffs a missing file against /dev/null', () => {
    expect(unifiedDiff('a.ts', undefined, 'x\n')).toBe('--- /dev/null\n+++ b/a.ts\n@@ -0,0 +1,1 @@\n+x\n');
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l1\n', 'L1\n').replace('l18', 'L18');
    expect(unifiedDiff('a.ts', before, after).match(/^@@/gm)).toHaveLength(2);
  });
});
