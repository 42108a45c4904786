import { describe, expect, it } from 'vitest';
import type { MatchPolicy } from '../../../runtime/protocol/messages.js';
import { type Indexed, patternParts, UriIndex, uriMatches } from '../../../runtime/router/core/uri-index.js';

function item(uri: string, match: MatchPolicy = 'exact'): Indexed & { name: string } {
  return { uri, match, parts: patternParts(uri, match), name: `${match}:${uri}` };
}

function indexOf(...items: (Indexed & { name: string })[]): UriIndex<Indexed & { name: string }> {
  const index = new UriIndex<Indexed & { name: string }>();
  for (const i of items) index.add(i);
  return index;
}

describe('UriIndex.best (D.7 precedence)', () => {
  it('returns undefined when nothing matches', () => {
    expect(indexOf(item('a.b')).best('a.c')).toBeUndefined();
  });

  it('treats prefix as a string prefix', () => {
    expect(indexOf(item('a.b', 'prefix')).best('a.bc')?.name).toBe('prefix:a.b');
  });

  it('accepts a prefix ending in a dot', () => {
    expect(indexOf(item('a.b.', 'prefix')).best('a.b.c')?.name).toBe('prefix:a.b.');
  });

  it('picks exact over the longest prefix over any wildcard', () => {
    const index = indexOf(item('a', 'prefix'), item('a..c', 'wildcard'), item('a.b', 'prefix'));
    expect(index.best('a.b.c')?.name).toBe('prefix:a.b');
    index.add(item('a.b.c'));
    expect(index.best('a.b.c')?.name).toBe('exact:a.b.c');
  });

  it('ranks wildcards by the literal runs before each wildcard', () => {
    const index = indexOf(item('..c.d', 'wildcard'), item('a...d', 'wildcard'), item('a.b..', 'wildcard'));
    expect(index.best('a.b.c.d')?.name).toBe('wildcard:a.b..');
  });

  it('needs the same component count for a wildcard match', () => {
    expect(indexOf(item('a.', 'wildcard')).best('a.b.c')).toBeUndefined();
  });
});

describe('UriIndex.collect', () => {
  it('collects every matching item, exact first', () => {
    const index = indexOf(item('a', 'prefix'), item('a..c', 'wildcard'), item('a.b.c'), item('x', 'prefix'));
    const out: (Indexed & { name: string })[] = [];
    index.collect('a.b.c', out);
    expect(out.map((i) => i.name)).toEqual(['exact:a.b.c', 'prefix:a', 'wildcard:a..c']);
  });
});

describe('UriIndex bookkeeping', () => {
  it('keeps the same URI under different policies apart', () => {
    const index = indexOf(item('a.b'), item('a.b', 'prefix'));
    expect(index.size).toBe(2);
    expect(index.get('a.b', 'prefix')?.name).toBe('prefix:a.b');
  });

  it('removes an item', () => {
    const x = item('a.b', 'wildcard');
    const index = indexOf(x);
    index.remove(x);
    expect(index.size).toBe(0);
  });

  it('lists ids grouped by policy', () => {
    const index = indexOf(item('a'), item('b', 'prefix'));
    expect(index.listIds((i) => i.uri.length)).toEqual({ exact: [1], prefix: [1], wildcard: [] });
  });
});

describe('uriMatches', () => {
  it('matches each policy against a concrete URI', () => {
    expect(uriMatches(item('a.b'), 'a.b')).toBe(true);
    expect(uriMatches(item('a', 'prefix'), 'ab.c')).toBe(true);
    expect(uriMatches(item('.b', 'wildcard'), 'x.b')).toBe(true);
    expect(uriMatches(item('.b', 'wildcard'), 'x.c')).toBe(false);
  });
});
