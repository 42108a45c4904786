/**
 * WAMP ID rules (checklist B.6): every ID is an integer in 1..2^53.
 *
 * Global-scope ids (session, publication) are drawn uniformly at random; request ids come from
 * one counter per session and direction that starts at 1 and wraps to 1 after 2^53.
 */

/** The largest WAMP ID, 2^53 (one above `Number.MAX_SAFE_INTEGER`, still exact in a double). */
export const MAX_ID = 2 ** 53;

/** True when `x` is a number that is an integer in 1..2^53. */
export function isId(x: unknown): x is number {
  // NaN fails both comparisons, so no separate check is needed.
  return typeof x === 'number' && x >= 1 && x <= MAX_ID && Math.floor(x) === x;
}

// getRandomValues costs microseconds per call, so draw 256 ids' worth of words at a time.
const POOL_WORDS = 512;
const pool = new Uint32Array(POOL_WORDS);
let poolAt = POOL_WORDS;
const HIGH_MASK = 0x1fffff; // 21 bits: with the 32 low bits that makes 53 random bits

/**
 * A uniformly random global-scope id in 1..2^53, from `crypto.getRandomValues` (Node and browsers).
 */
export function randomId(): number {
  if (poolAt === POOL_WORDS) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const high = (pool[poolAt] as number) & HIGH_MASK;
  const low = pool[poolAt + 1] as number;
  poolAt += 2;
  // 53 uniform bits give 0..2^53-1; +1 shifts that onto 1..2^53 exactly.
  return high * 0x1_0000_0000 + low + 1;
}

/** The request id that follows `previous` in a session's sequence (wraps 2^53 -> 1). */
export function nextRequestId(previous: number): number {
  return previous >= MAX_ID ? 1 : previous + 1;
}

/** Hands out one session direction's request ids: 1, 2, 3, ... 2^53, 1, ... */
export interface RequestIdGenerator {
  /** Returns the next request id. */
  next(): number;
  /** The id most recently returned by `next()`, or 0 before the first call. */
  readonly last: number;
}

class Counter implements RequestIdGenerator {
  last: number;
  constructor(first: number) {
    this.last = first - 1;
  }
  next(): number {
    this.last = nextRequestId(this.last);
    return this.last;
  }
}

/**
 * Creates a per-session request id counter. `first` (default 1, must be an ID) exists so tests
 * can start near 2^53 and observe the wrap.
 */
export function createRequestIdGenerator(first = 1): RequestIdGenerator {
  if (!isId(first)) throw new RangeError(`first request id must be an integer in 1..2^53, got ${first}`);
  return new Counter(first);
}
