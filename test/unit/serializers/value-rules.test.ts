import { describe, expect, it } from 'vitest';
import type { Serializer, SerializeErrorCode } from '../../../runtime/serializers/index.js';
import {
  cborSerializer,
  isSerializeError,
  jsonSerializer,
  MAX_ENCODE_DEPTH,
  msgpackSerializer,
} from '../../../runtime/serializers/index.js';

const ALL: ReadonlyArray<readonly [string, Serializer]> = [
  jsonSerializer,
  msgpackSerializer,
  cborSerializer,
].map((s) => [s.name, s] as const);

/** The stable code `serialize` throws for `message`, or 'no error'. */
function codeOf(serializer: Serializer, message: readonly unknown[]): SerializeErrorCode | 'no error' {
  try {
    serializer.serialize(message);
    return 'no error';
  } catch (err) {
    if (isSerializeError(err)) return err.code;
    throw err;
  }
}

class Point {
  x = 1;
}

describe.each(ALL)('%s value rules', (_name, serializer) => {
  it('refuses undefined inside a list with undefined_in_list', () => {
    expect(codeOf(serializer, [48, 1, {}, 'p', [1, undefined]])).toBe('undefined_in_list');
  });

  it('refuses a hole in a sparse array with undefined_in_list', () => {
    const sparse: unknown[] = [];
    sparse[2] = 1;
    expect(codeOf(serializer, [48, 1, {}, 'p', sparse])).toBe('undefined_in_list');
  });

  it('omits dict keys whose value is undefined', () => {
    const back = serializer.deserialize(serializer.serialize([48, 1, { timeout: undefined, a: 1 }, 'p']));
    expect(back).toStrictEqual([48, 1, { a: 1 }, 'p']);
  });

  it('refuses functions with unsupported_value', () => {
    expect(codeOf(serializer, [48, 1, {}, 'p', [() => 1]])).toBe('unsupported_value');
  });

  it('refuses functions as dict values with unsupported_value', () => {
    expect(codeOf(serializer, [48, 1, {}, 'p', [], { f: () => 1 }])).toBe('unsupported_value');
  });

  it('refuses symbols with unsupported_value', () => {
    expect(codeOf(serializer, [48, 1, {}, 'p', [Symbol('s')]])).toBe('unsupported_value');
  });

  it('refuses Map, Set, Date and class instances with unsupported_value', () => {
    for (const value of [new Map(), new Set(), new Date(0), new Point(), new Uint16Array(2)]) {
      expect(codeOf(serializer, [48, 1, {}, 'p', [value]])).toBe('unsupported_value');
    }
  });

  it('accepts dicts without a prototype', () => {
    const dict = Object.create(null) as Record<string, unknown>;
    dict.a = 1;
    expect(serializer.deserialize(serializer.serialize([48, 1, dict, 'p']))).toStrictEqual([
      48,
      1,
      { a: 1 },
      'p',
    ]);
  });

  it('encodes BigInt within -2^53..2^53 as the integer', () => {
    const back = serializer.deserialize(serializer.serialize([48, 9007199254740992n, {}, 'p', [-5n]]));
    expect(back).toStrictEqual([48, 2 ** 53, {}, 'p', [-5]]);
  });

  it('refuses BigInt above 2^53 with integer_out_of_range', () => {
    expect(codeOf(serializer, [48, 9007199254740993n, {}, 'p'])).toBe('integer_out_of_range');
  });

  it('refuses BigInt below -2^53 with integer_out_of_range', () => {
    expect(codeOf(serializer, [48, 1, {}, 'p', [-9007199254740993n]])).toBe('integer_out_of_range');
  });

  it('refuses a cycle with too_deep', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(codeOf(serializer, [48, 1, {}, 'p', loop])).toBe('too_deep');
  });

  it(`accepts nesting up to the limit (${MAX_ENCODE_DEPTH}) and refuses one level more`, () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);
    // The message array itself is one level, so args may hold MAX - 1 nested lists.
    expect(codeOf(serializer, [48, 1, {}, 'p', nest(MAX_ENCODE_DEPTH - 1)])).toBe('no error');
    expect(codeOf(serializer, [48, 1, {}, 'p', nest(MAX_ENCODE_DEPTH)])).toBe('too_deep');
  });
});

describe('non-finite numbers', () => {
  it('json refuses NaN and Infinity with non_finite_number', () => {
    expect(codeOf(jsonSerializer, [48, 1, {}, 'p', [Number.NaN]])).toBe('non_finite_number');
    expect(codeOf(jsonSerializer, [48, 1, {}, 'p', [Number.POSITIVE_INFINITY]])).toBe('non_finite_number');
  });

  it.each([
    ['msgpack', msgpackSerializer],
    ['cbor', cborSerializer],
  ] as const)('%s carries NaN and Infinity as float64', (_name, serializer) => {
    const back = serializer.deserialize(
      serializer.serialize([48, 1, {}, 'p', [Number.NaN, Number.NEGATIVE_INFINITY]]),
    ) as unknown[];
    expect(back[4]).toStrictEqual([Number.NaN, Number.NEGATIVE_INFINITY]);
  });
});
