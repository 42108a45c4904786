import { describe, expect, it } from 'vitest';
import {
  createRequestIdGenerator,
  isId,
  MAX_ID,
  nextRequestId,
  randomId,
} from '../../../runtime/protocol/index.js';

describe('isId', () => {
  it('accepts 1 and 2^53, the bounds of the range', () => {
    expect(isId(1)).toBe(true);
    expect(isId(MAX_ID)).toBe(true);
    expect(MAX_ID).toBe(9007199254740992);
  });

  it('rejects 0, negatives, 2^53+2 and fractions', () => {
    for (const x of [0, -0, -1, MAX_ID + 2, 1.5, 2 ** 60]) expect(isId(x)).toBe(false);
  });

  it('rejects non-numbers and non-finite numbers', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, '1', 1n, null, undefined, true, [1]]) {
      expect(isId(x)).toBe(false);
    }
  });
});

describe('createRequestIdGenerator', () => {
  it('counts 1, 2, 3 from a fresh generator', () => {
    const ids = createRequestIdGenerator();
    expect(ids.last).toBe(0);
    expect([ids.next(), ids.next(), ids.next()]).toEqual([1, 2, 3]);
    expect(ids.last).toBe(3);
  });

  it('wraps from 2^53 back to 1', () => {
    const ids = createRequestIdGenerator(MAX_ID - 1);
    expect([ids.next(), ids.next(), ids.next(), ids.next()]).toEqual([MAX_ID - 1, MAX_ID, 1, 2]);
  });

  it('keeps separate sequences for separate generators', () => {
    const a = createRequestIdGenerator();
    const b = createRequestIdGenerator();
    a.next();
    a.next();
    expect(b.next()).toBe(1);
  });

  it('refuses a first id outside 1..2^53', () => {
    expect(() => createRequestIdGenerator(0)).toThrow(RangeError);
    expect(() => createRequestIdGenerator(MAX_ID + 2)).toThrow(RangeError);
  });
});

describe('nextRequestId', () => {
  it('adds one below 2^53 and wraps at 2^53', () => {
    expect(nextRequestId(0)).toBe(1);
    expect(nextRequestId(41)).toBe(42);
    expect(nextRequestId(MAX_ID)).toBe(1);
  });
});

describe('randomId', () => {
  it('always returns an ID in 1..2^53 over 100,000 draws', () => {
    let bad = 0;
    for (let i = 0; i < 100_000; i++) if (!isId(randomId())) bad++;
    expect(bad).toBe(0);
  });

  it('uses the high bits of the range (not a 32-bit value)', () => {
    let max = 0;
    for (let i = 0; i < 1000; i++) max = Math.max(max, randomId());
    // P(all 1000 draws below 2^52) = 2^-1000.
    expect(max).toBeGreaterThan(2 ** 52);
  });

  it('does not repeat within 10,000 draws', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(randomId());
    expect(seen.size).toBe(10_000);
  });
});
