import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeRouterMessage, MAX_ID, MessageType } from '../../../runtime/protocol/index.js';
import { validMessages } from './valid-messages.js';

/**
 * The decoder's contract: a result with a boolean `ok`, the same array on success, no throw. These
 * values hold no getters or proxies, so the decoder's catch-all ('serialization') must not fire.
 */
function isWellBehaved(value: unknown): boolean {
  const r = decodeMessage(value);
  if (r.ok) return r.message === value;
  return r.ok === false && r.violation.code !== 'serialization' && typeof r.violation.message === 'string';
}

const edgeNumbers = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  MAX_ID,
  MAX_ID + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 32,
);
const typeCodes = fc.constantFrom(...Object.values(MessageType), 0, 7, 255, 1023, -1);
const trickyKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'roles',
  'caller',
  'features',
  'match',
  'invoke',
  'mode',
  'timeout',
  'exclude',
  'eligible_authid',
  'acknowledge',
  'topic',
  'procedure',
  'publisher',
  'subscription',
  'registration',
  'ppt_scheme',
);
const anything = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  key: fc.oneof(fc.string(), trickyKeys),
  values: [fc.string(), fc.boolean(), fc.integer(), fc.double(), edgeNumbers, fc.constant(null)],
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
// JSON.parse turns "__proto__" into an own key, unlike object literals.
const parsedJson = fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown);
const deep = fc.nat({ max: 2000 }).map((depth) => {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { nested: v };
  return v;
});
const messageShaped = fc
  .tuple(typeCodes, fc.array(fc.oneof(anything, parsedJson, edgeNumbers, deep), { maxLength: 8 }))
  .map(([code, rest]) => [code, ...rest]);

describe('decodeMessage on arbitrary values', () => {
  it('never throws and always returns ok true/false (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(anything, parsedJson, messageShaped, messageShaped, deep), isWellBehaved),
      { numRuns: 10_000 },
    );
  });
});

/** Applies one random edit to a fresh valid message: replace, drop or insert an element, or set/delete a key. */
const mutated = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('replace', 'drop', 'insert', 'setKey', 'deleteKey'),
    fc.nat(),
    fc.oneof(anything, edgeNumbers, typeCodes),
    fc.oneof(trickyKeys, fc.string()),
  )
  .map(([pick, edit, at, value, key]) => {
    const all = validMessages();
    const m = (all[pick % all.length] as [string, unknown[]])[1];
    const i = at % (m.length + 1);
    if (edit === 'replace') m[Math.min(i, m.length - 1)] = value;
    else if (edit === 'drop') m.splice(Math.min(i, m.length - 1), 1);
    else if (edit === 'insert') m.splice(i, 0, value);
    else {
      const dicts = m.filter(
        (e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e),
      );
      const target = dicts[at % Math.max(1, dicts.length)];
      if (target !== undefined && edit === 'setKey') target[key] = value;
      if (target !== undefined && edit === 'deleteKey') delete target[key];
    }
    return m;
  });

describe('decodeMessage on mutated valid messages', () => {
  it('never throws and always returns ok true/false (10,000 runs)', () => {
    fc.assert(fc.property(mutated, isWellBehaved), { numRuns: 10_000 });
  });

  it('still accepts a valid message after adding any vendor key to its dicts', () => {
    const vendorKey = fc.stringMatching(/^(x|_)[a-z0-9_]{3,10}$/);
    fc.assert(
      fc.property(fc.nat(), vendorKey, anything, (pick, key, value) => {
        const all = validMessages();
        const m = (all[pick % all.length] as [string, unknown[]])[1];
        // Only Options/Details (element 1-3), not kwargs, and not HELLO/WELCOME roles nesting.
        for (let i = 1; i < Math.min(m.length, 4); i++) {
          const e = m[i];
          if (typeof e === 'object' && e !== null && !Array.isArray(e))
            (e as Record<string, unknown>)[key] = value;
        }
        return decodeMessage(m).ok;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeMessage on huge inputs', () => {
  it('accepts a CALL whose args hold a 100,000-deep nested array (payload is not walked)', () => {
    let v: unknown = [];
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(decodeMessage([48, 1, {}, 'a.b', [v]]).ok).toBe(true);
  });

  it('rejects a 100,000-deep nested array as a message without throwing', () => {
    let v: unknown = [];
    for (let i = 0; i < 100_000; i++) v = [v];
    const r = decodeMessage(v);
    expect(!r.ok && r.violation.code).toBe('not_a_list');
  });

  it('accepts an unknown option holding a 100,000-deep nested dict', () => {
    let v: unknown = {};
    for (let i = 0; i < 100_000; i++) v = { v };
    expect(decodeMessage([16, 1, { x_deep: v }, 'a.b']).ok).toBe(true);
  });

  it('accepts an EVENT with a 1,000,000-element args list', () => {
    const args = new Array<number>(1_000_000).fill(7);
    expect(decodeMessage([36, 1, 2, {}, args]).ok).toBe(true);
  });

  it('walks a 1,000,000-element PUBLISH.Options.exclude list and rejects a bad last item', () => {
    const exclude = new Array<unknown>(1_000_000).fill(5);
    expect(decodeMessage([16, 1, { exclude }, 'a.b']).ok).toBe(true);
    exclude[999_999] = 'x';
    expect(decodeMessage([16, 1, { exclude }, 'a.b']).ok).toBe(false);
  });

  it('rejects a 1,000,000-element message by arity', () => {
    const m = new Array<unknown>(1_000_000).fill(1);
    const r = decodeMessage(m);
    expect(!r.ok && r.violation.code).toBe('bad_arity');
  });
});

/** The message types a router sends, which the client decoder reads as `decodeMessage` does. */
const FROM_ROUTER = new Set<unknown>([2, 3, 4, 6, 8, 17, 33, 35, 36, 50, 65, 67, 68, 69]);
const KNOWN_TYPES = new Set<unknown>(Object.values(MessageType));

describe('decodeRouterMessage (the client decoder)', () => {
  it('decodes every router-sent valid message as decodeMessage does', () => {
    const routerSent = validMessages().filter(([, m]) => FROM_ROUTER.has(m[0]));
    expect(routerSent.length).toBeGreaterThan(15);
    for (const [name, m] of routerSent) expect(decodeRouterMessage(m), name).toEqual(decodeMessage(m));
  });

  it('refuses every client-sent valid message as unexpected, naming its type', () => {
    const clientSent = validMessages().filter(([, m]) => !FROM_ROUTER.has(m[0]));
    expect(clientSent.map(([, m]) => m[0])).toEqual(
      expect.arrayContaining([1, 5, 16, 32, 34, 48, 49, 64, 66, 70]),
    );
    for (const [name, m] of clientSent) {
      const r = decodeRouterMessage(m);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.violation.code).toBe('unexpected');
        expect(r.violation.message).toMatch(/^[A-Z_]+ is sent by clients, not by a router$/);
      }
    }
  });

  it('agrees with decodeMessage on arbitrary and mutated router messages (5,000 runs each)', () => {
    // A client-sent type is refused unread; anything else gets exactly decodeMessage's answer.
    const agrees = (m: unknown): boolean => {
      const client = decodeRouterMessage(m);
      if (Array.isArray(m) && KNOWN_TYPES.has(m[0]) && !FROM_ROUTER.has(m[0]))
        return !client.ok && client.violation.code === 'unexpected';
      const full = decodeMessage(m);
      if (client.ok || full.ok) return client.ok && full.ok && client.message === full.message;
      return isDeepStrictEqual(client.violation, full.violation);
    };
    fc.assert(fc.property(messageShaped, agrees), { numRuns: 5_000 });
    fc.assert(fc.property(mutated, agrees), { numRuns: 5_000 });
  });
});
