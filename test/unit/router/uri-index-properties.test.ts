import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchPolicy } from '../../../runtime/protocol/messages.js';
import { type Indexed, patternParts, UriIndex } from '../../../runtime/router/core/uri-index.js';

const component = fc.constantFrom('a', 'b', 'c');
const uri = fc.array(component, { minLength: 1, maxLength: 4 }).map((p) => p.join('.'));
const pattern = fc.oneof(
  uri.map((u) => ({ uri: u, match: 'exact' as MatchPolicy })),
  uri.chain((u) =>
    fc.nat(u.length - 1).map((n) => ({ uri: u.slice(0, n + 1), match: 'prefix' as MatchPolicy })),
  ),
  fc
    .array(fc.constantFrom('a', 'b', ''), { minLength: 1, maxLength: 4 })
    .filter((p) => p.some((x) => x === '') && p.some((x) => x !== ''))
    .map((p) => ({ uri: p.join('.'), match: 'wildcard' as MatchPolicy })),
);

function build(patterns: { uri: string; match: MatchPolicy }[]): {
  index: UriIndex<Indexed>;
  items: Indexed[];
} {
  const index = new UriIndex<Indexed>();
  const items: Indexed[] = [];
  for (const p of patterns) {
    if (index.get(p.uri, p.match) !== undefined) continue;
    const item = { ...p, parts: patternParts(p.uri, p.match) };
    index.add(item);
    items.push(item);
  }
  return { index, items };
}

/** A direct reading of D.7, written independently of the index. */
function matches(p: Indexed, u: string): boolean {
  if (p.match === 'exact') return p.uri === u;
  if (p.match === 'prefix') return u.startsWith(p.uri);
  const a = p.uri.split('.');
  const b = u.split('.');
  return a.length === b.length && a.every((x, i) => x === '' || x === b[i]);
}

function literalRuns(p: string): number[] {
  // Lengths of the literal runs before each wildcard, as the spec compares them.
  const runs: number[] = [];
  let run = 0;
  for (const c of p.split('.')) {
    if (c === '') {
      runs.push(run);
      run = 0;
    } else run++;
  }
  return runs;
}

function reference(items: Indexed[], u: string): Indexed | undefined {
  const hits = items.filter((p) => matches(p, u));
  const exact = hits.find((p) => p.match === 'exact');
  if (exact !== undefined) return exact;
  const prefixes = hits.filter((p) => p.match === 'prefix');
  if (prefixes.length > 0) {
    return prefixes.reduce((x, y) => {
      const cx = x.uri.split('.').length;
      const cy = y.uri.split('.').length;
      return cy > cx || (cy === cx && y.uri.length > x.uri.length) ? y : x;
    });
  }
  const wild = hits.filter((p) => p.match === 'wildcard');
  if (wild.length === 0) return undefined;
  return wild.reduce((x, y) => {
    const rx = literalRuns(x.uri);
    const ry = literalRuns(y.uri);
    for (let i = 0; i < Math.max(rx.length, ry.length); i++) {
      // A missing wildcard counts as an unbounded literal run.
      const a = rx[i] ?? Number.POSITIVE_INFINITY;
      const b = ry[i] ?? Number.POSITIVE_INFINITY;
      if (a !== b) return b > a ? y : x;
    }
    return x;
  });
}

describe('UriIndex against a direct reading of D.7 and D.15', () => {
  it('best() picks the registration the precedence rules pick', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 12 }), uri, (patterns, u) => {
        const { index, items } = build(patterns);
        expect(index.best(u)?.uri ?? null).toBe(reference(items, u)?.uri ?? null);
        expect(index.best(u)?.match ?? null).toBe(reference(items, u)?.match ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it('collect() finds exactly the matching subscriptions', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 12 }), uri, (patterns, u) => {
        const { index, items } = build(patterns);
        const out: Indexed[] = [];
        index.collect(u, out);
        expect(new Set(out)).toEqual(new Set(items.filter((p) => matches(p, u))));
      }),
      { numRuns: 500 },
    );
  });
});
