import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchPolicy } from '../../../runtime/protocol/index.js';
import { isLoosePatternUri, isLooseUri, isValidUri } from '../../../runtime/protocol/index.js';

type Case = [uri: unknown, valid: boolean];

function check(cases: Case[], match: MatchPolicy, strict: boolean): void {
  for (const [uri, valid] of cases) {
    expect({ uri, valid: isValidUri(uri, { match, strict }) }).toEqual({ uri, valid });
  }
}

describe('isValidUri, loose exact (the default)', () => {
  it('accepts ordinary, wamp.* and camelCase URIs', () => {
    check(
      [
        ['com.example.add', true],
        ['wamp.session.get', true],
        ['com.Example.getUser', true],
        ['a', true],
        ['com.exämple.überweisung', true],
        ['a-b.c:d/e', true],
      ],
      'exact',
      false,
    );
  });

  it('rejects empty components, whitespace, # and non-strings', () => {
    check(
      [
        ['', false],
        ['.', false],
        ['a..b', false],
        ['.a', false],
        ['a.', false],
        ['a b', false],
        ['a\u00a0b', false],
        ['a\u3000b', false],
        ['a#b', false],
        [5, false],
        [null, false],
      ],
      'exact',
      false,
    );
  });

  it('is the default when no options are given', () => {
    expect(isValidUri('a.b')).toBe(true);
    expect(isValidUri('a.')).toBe(false);
  });
});

describe('isValidUri, loose prefix', () => {
  it('allows an empty last component', () => {
    check(
      [
        ['com.example.', true],
        ['com.example', true],
        ['wamp.', true],
        // The checklist regex lets the whole prefix be empty (it then matches every URI).
        ['', true],
      ],
      'prefix',
      false,
    );
  });

  it('rejects empty inner components and whitespace', () => {
    check(
      [
        ['a..b', false],
        ['.a', false],
        ['a. b', false],
        ['a#.b', false],
      ],
      'prefix',
      false,
    );
  });
});

describe('isValidUri, loose wildcard', () => {
  it('allows empty components anywhere', () => {
    check(
      [
        ['com..add', true],
        ['.example.add', true],
        ['com.example.', true],
        ['a..', true],
        ['com.Example..getUser', true],
      ],
      'wildcard',
      false,
    );
  });

  it('rejects whitespace and #', () => {
    check(
      [
        ['a. .b', false],
        ['a..#', false],
        ['a.\tb', false],
      ],
      'wildcard',
      false,
    );
  });
});

describe('isValidUri, strict exact', () => {
  it('accepts lower-case, digits and underscores, including wamp.*', () => {
    check(
      [
        ['com.example.add_2', true],
        ['wamp.session.get', true],
      ],
      'exact',
      true,
    );
  });

  it('rejects camelCase, dashes, non-ASCII and empty components', () => {
    check(
      [
        ['com.Example.getUser', false],
        ['a-b', false],
        ['com.exämple', false],
        ['a..b', false],
        ['a.', false],
        ['', false],
      ],
      'exact',
      true,
    );
  });
});

describe('isValidUri, strict prefix', () => {
  it('allows an empty last component', () => {
    check([['com.example.', true]], 'prefix', true);
  });

  it('rejects camelCase and empty inner components', () => {
    check(
      [
        ['com.Example.', false],
        ['a..b', false],
      ],
      'prefix',
      true,
    );
  });
});

describe('isValidUri, strict wildcard', () => {
  it('allows empty components', () => {
    check(
      [
        ['com..add', true],
        ['.example.', true],
      ],
      'wildcard',
      true,
    );
  });

  it('rejects camelCase and whitespace', () => {
    check(
      [
        ['com..getUser', false],
        ['a. .b', false],
      ],
      'wildcard',
      true,
    );
  });
});

describe('fast loose checks', () => {
  const looseExact = /^([^\s.#]+\.)*([^\s.#]+)$/;
  const alphabet = fc.constantFrom('a', 'Z', '.', '#', ' ', '\t', '\u00a0', '\u2028', 'é', '_', '-');
  const uris = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(''));

  it('isLooseUri agrees with the checklist regex on arbitrary strings', () => {
    fc.assert(
      fc.property(uris, (u) => isLooseUri(u) === looseExact.test(u)),
      { numRuns: 5000 },
    );
  });

  it('isLoosePatternUri agrees with isValidUri for every match policy', () => {
    const match = fc.constantFrom<MatchPolicy>('exact', 'prefix', 'wildcard');
    fc.assert(
      fc.property(uris, match, (u, m) => isLoosePatternUri(u, m) === isValidUri(u, { match: m })),
      { numRuns: 3000 },
    );
  });

  it('checks a one-million-character URI without failing', () => {
    const long = `${'a'.repeat(500_000)}.${'b'.repeat(499_999)}`;
    expect(isLooseUri(long)).toBe(true);
    expect(isValidUri(`${long}#`, { match: 'wildcard' })).toBe(false);
  });
});
