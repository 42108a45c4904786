/**
 * The CBOR decoder (runtime/serializers/cbor-decode.ts), byte for byte: what it reads, what it
 * refuses and with which code, and that it agrees with an independent decoder (cbor-x) on
 * everything our encoder writes.
 */
import { Decoder as CborXDecoder, Encoder as CborXEncoder } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../../runtime/serializers/index.js';
import { bytes, concat, failure, failureMessage, INVALID_UTF8 } from '../../helpers/serializer-frames.js';

const decode = (hex: string): unknown => decodeCbor(bytes(hex));
const code = (hex: string): string => failure(() => decode(hex));
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** A text string head for `n` bytes. */
function textHead(n: number): string {
  if (n < 24) return (0x60 + n).toString(16);
  if (n < 256) return `78${n.toString(16).padStart(2, '0')}`;
  return `79${n.toString(16).padStart(4, '0')}`;
}

describe('cbor decoder: integers (major types 0 and 1)', () => {
  it.each([
    ['00', 0],
    ['17', 23],
    ['1818', 24],
    ['18ff', 255],
    ['190100', 256],
    ['19ffff', 65535],
    ['1a00010000', 65536],
    ['1affffffff', 2 ** 32 - 1],
    ['1b0000000100000000', 2 ** 32],
    ['1b001fffffffffffff', 2 ** 53 - 1],
    ['1b0020000000000000', 2 ** 53],
    ['20', -1],
    ['37', -24],
    ['3818', -25],
    ['3903e7', -1000],
    ['3a7fffffff', -(2 ** 31)],
    ['3b001fffffffffffff', -(2 ** 53)],
  ])('reads %s as %d', (hex, value) => {
    expect(decode(hex)).toBe(value);
  });

  it('reads 64-bit integers beyond 2^53 as the nearest number, never as BigInt', () => {
    expect(decode('1b0020000000000001')).toBe(2 ** 53);
    expect(decode('1bffffffffffffffff')).toBe(2 ** 64);
    expect(decode('3bffffffffffffffff')).toBe(-(2 ** 64));
    expect(typeof decode('1bffffffffffffffff')).toBe('number');
  });
});

describe('cbor decoder: byte strings (major type 2)', () => {
  it('reads definite byte strings as plain Uint8Array views into the frame', () => {
    const frame = bytes('82 40 43 010203');
    const [empty, three] = decodeCbor(frame) as [Uint8Array, Uint8Array];
    expect(empty).toStrictEqual(new Uint8Array(0));
    expect(three).toStrictEqual(Uint8Array.of(1, 2, 3));
    expect(three.constructor).toBe(Uint8Array);
    expect(three.buffer).toBe(frame.buffer);
  });

  it('reads byte strings from a Node Buffer as plain Uint8Array too', () => {
    const value = decodeCbor(Buffer.from('43010203', 'hex')) as Uint8Array;
    expect(value.constructor).toBe(Uint8Array);
    expect(value).toStrictEqual(Uint8Array.of(1, 2, 3));
  });

  it('joins the chunks of an indefinite-length byte string', () => {
    expect(decode('5f 42 0102 40 41 03 ff')).toStrictEqual(Uint8Array.of(1, 2, 3));
    expect(decode('5f ff')).toStrictEqual(new Uint8Array(0));
  });

  it('reads tag 64 on a byte string (how cbor-x, and so wampy.js, writes a Uint8Array) as the plain bytes', () => {
    const frame = bytes('82 d840 43 010203 d840 5f 41 04 ff');
    const [tagged, chunked] = decodeCbor(frame) as [Uint8Array, Uint8Array];
    expect(tagged).toStrictEqual(Uint8Array.of(1, 2, 3));
    expect(tagged.constructor).toBe(Uint8Array);
    expect(tagged.buffer).toBe(frame.buffer);
    expect(chunked).toStrictEqual(Uint8Array.of(4));
    expect(decode(`a1 61${utf8('b')} d840 41 05`)).toStrictEqual({ b: Uint8Array.of(5) });
  });
});

describe('cbor decoder: text strings (major type 3)', () => {
  it.each([
    ['', '60'],
    ['a', '6161'],
    ['com.example.add', `6f${utf8('com.example.add')}`],
    ['sixteen chars!!!', `70${utf8('sixteen chars!!!')}`],
    ['x'.repeat(24), `7818${utf8('x'.repeat(24))}`],
    ['héllo', `66${utf8('héllo')}`],
    ['日本語', `69${utf8('日本語')}`],
    ['😀', `64${utf8('😀')}`],
  ])('reads %j', (text, hex) => {
    expect(decode(hex)).toBe(text);
  });

  it('keeps a leading U+FEFF as text (it is not a byte order mark here)', () => {
    expect(decode(`63${utf8('\ufeff')}`)).toBe('\ufeff');
    const long = `\ufeff${'y'.repeat(30)}`;
    expect(decode(`${textHead(33)}${utf8(long)}`)).toBe(long);
  });

  it('joins the chunks of an indefinite-length text string', () => {
    expect(decode(`7f 62${utf8('he')} 63${utf8('llo')} 60 ff`)).toBe('hello');
    expect(decode('7f ff')).toBe('');
  });

  it('reads the same short string twice as equal strings (the short-string cache)', () => {
    expect(decode(`82 63${utf8('abc')} 63${utf8('abc')}`)).toStrictEqual(['abc', 'abc']);
    expect(decode(`82 63${utf8('abc')} 63${utf8('abd')}`)).toStrictEqual(['abc', 'abd']);
  });
});

describe('cbor decoder: arrays and maps (major types 4 and 5)', () => {
  it('reads definite and indefinite arrays', () => {
    expect(decode('80')).toStrictEqual([]);
    expect(decode('83 01 02 03')).toStrictEqual([1, 2, 3]);
    expect(decode(`98 19 ${'01'.repeat(25)}`)).toStrictEqual(new Array(25).fill(1));
    expect(decode('9f ff')).toStrictEqual([]);
    expect(decode('9f 01 82 02 03 9f ff ff')).toStrictEqual([1, [2, 3], []]);
    expect(decode('82 9f 01 ff 80')).toStrictEqual([[1], []]);
  });

  it('reads definite and indefinite maps as plain objects', () => {
    expect(decode('a0')).toStrictEqual({});
    const dict = decode(`a2 61${utf8('a')} 01 61${utf8('b')} 82 02 03`);
    expect(dict).toStrictEqual({ a: 1, b: [2, 3] });
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(decode(`bf 61${utf8('a')} 01 ff`)).toStrictEqual({ a: 1 });
    expect(decode('bf ff')).toStrictEqual({});
  });

  it('reads long, non-ASCII and chunked text keys', () => {
    const long = 'k'.repeat(30);
    expect(decode(`a1 ${textHead(30)}${utf8(long)} 01`)).toStrictEqual({ [long]: 1 });
    expect(decode(`a1 68${utf8('ключ')} 01`)).toStrictEqual({ ключ: 1 });
    expect(decode(`a1 7f 61${utf8('a')} 61${utf8('b')} ff 01`)).toStrictEqual({ ab: 1 });
  });

  it('reads integer keys as their decimal strings', () => {
    expect(decode(`a3 01 61${utf8('a')} 20 61${utf8('b')} 1b0000000100000000 f5`)).toStrictEqual({
      '1': 'a',
      '-1': 'b',
      '4294967296': true,
    });
  });

  it('keeps the last value of a repeated key, as JSON.parse does', () => {
    expect(decode(`a2 61${utf8('a')} 01 61${utf8('a')} 02`)).toStrictEqual({ a: 2 });
  });

  it('keeps a "__proto__" key as an own property and never changes the prototype', () => {
    const dict = decode(`a1 69${utf8('__proto__')} a1 61${utf8('x')} 01`) as object;
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(Object.keys(dict)).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(dict, '__proto__')?.value).toStrictEqual({ x: 1 });
    expect((dict as { x?: unknown }).x).toBeUndefined();
    expect(({} as { x?: unknown }).x).toBeUndefined();
  });
});

describe('cbor decoder: simple values and floats (major type 7)', () => {
  it('reads false, true and null', () => {
    expect(decode('83 f4 f5 f6')).toStrictEqual([false, true, null]);
  });

  it.each([
    ['f90000', 0],
    ['f93c00', 1],
    ['f93e00', 1.5],
    ['f97bff', 65504],
    ['f90001', 2 ** -24],
    ['f903ff', 1023 * 2 ** -24],
    ['f90400', 2 ** -14],
    ['f9c400', -4],
    ['f97c00', Number.POSITIVE_INFINITY],
    ['f9fc00', Number.NEGATIVE_INFINITY],
    ['fa47c35000', 100000],
    ['fa7f7fffff', 3.4028234663852886e38],
    ['fa3fc00000', 1.5],
    ['fb3ff199999999999a', 1.1],
    ['fbc010666666666666', -4.1],
    ['fb7ff0000000000000', Number.POSITIVE_INFINITY],
  ])('reads the float %s as %d', (hex, value) => {
    expect(decode(hex)).toBe(value);
  });

  it('reads negative zero and NaN in every float size', () => {
    expect(Object.is(decode('f98000'), -0)).toBe(true);
    expect(Object.is(decode('fa80000000'), -0)).toBe(true);
    expect(Object.is(decode('fb8000000000000000'), -0)).toBe(true);
    expect(decode('f97e00')).toBeNaN();
    expect(decode('fa7fc00000')).toBeNaN();
    expect(decode('fb7ff8000000000000')).toBeNaN();
  });

  it('reads undefined as a map value as an absent entry (as the msgpack decoder reads wampy.js)', () => {
    const dict = decode(`a2 65${utf8('match')} f7 61${utf8('b')} 01`) as object;
    expect(dict).toStrictEqual({ b: 1 });
    expect(Object.keys(dict)).toStrictEqual(['b']);
    expect(decode(`bf 61${utf8('a')} f7 ff`)).toStrictEqual({});
  });
});

describe('cbor decoder: refusals', () => {
  it.each([
    ['tag 0 (date/time string)', `c0 74${utf8('2013-03-21T20:04:00Z')}`],
    ['tag 1 (epoch date)', 'c1 1a514b67b0'],
    ['tag 2 (unsigned bignum)', 'c2 49 010000000000000000'],
    ['tag 3 (negative bignum)', 'c3 49 010000000000000000'],
    ['tag 24 (embedded CBOR)', 'd818 41 01'],
    ['tag 28 (shareable)', 'd81c 80'],
    ['tag 29 (shared reference)', 'd81d 00'],
    ['tag 64 on something other than a byte string', 'd840 01'],
    ['tag 64 on a list', 'd840 80'],
    ['tag 64 on tag 64', 'd840 d840 41 01'],
    ['tag 64 in a non-preferred head on a list', 'd90040 80'],
    ['tag 65 (uint16 typed array)', 'd841 42 0102'],
    ['tag 258 (set)', 'd90102 80'],
    ['tag 55799 (self-described CBOR)', 'd9d9f7 80'],
    ['a 32-bit tag', 'da00010000 f6'],
    ['a 64-bit tag', 'db0000000100000000 f6'],
    ['a tag inside a list', '82 01 c1 00'],
    ['a tag on a map value', `a1 61${utf8('a')} c1 00`],
    ['a tag on a map key', `a1 c0 61${utf8('a')} 01`],
    ['a tag at the end of the frame, with no item', 'd81c'],
  ])('refuses %s: cbor_tag_not_allowed', (_what, hex) => {
    expect(code(hex)).toBe('cbor_tag_not_allowed');
  });

  it('names the tag it refused', () => {
    expect(failureMessage(() => decode('d81c 80'))).toMatch(/CBOR tag 28 is not allowed/);
    expect(failureMessage(() => decode('d9d9f7 80'))).toMatch(/CBOR tag 55799 is not allowed/);
  });

  it('refuses undefined in a list or as the whole frame', () => {
    expect(code('81 f7')).toBe('undefined_in_list');
    expect(code('9f f7 ff')).toBe('undefined_in_list');
    expect(code('f7')).toBe('unsupported_value');
  });

  it('refuses simple values outside false, true, null and undefined', () => {
    expect(code('e0')).toBe('unsupported_value');
    expect(code('f3')).toBe('unsupported_value');
    expect(code('f820')).toBe('unsupported_value');
    expect(code('f8ff')).toBe('unsupported_value');
    expect(code('f818')).toBe('malformed');
  });

  it.each([
    ['a byte string', '40'],
    ['null', 'f6'],
    ['a boolean', 'f5'],
    ['a float', 'f93c00'],
    ['an array', '80'],
    ['a map', 'a0'],
    ['undefined', 'f7'],
    ['a tag-64 byte string', 'd840 41 01'],
  ])('refuses %s as a map key: invalid_map_key', (_what, key) => {
    expect(code(`a1 ${key} 01`)).toBe('invalid_map_key');
    expect(code(`bf ${key} 01 ff`)).toBe('invalid_map_key');
  });

  it.each([
    ['reserved additional information 28..30', '1c'],
    ['reserved additional information in a negative integer', '3d'],
    ['reserved additional information in a length', '5e'],
    ['reserved simple/float heads', 'fc'],
    ['reserved simple/float heads (fd)', 'fd'],
    ['reserved simple/float heads (fe)', 'fe'],
    ['an indefinite-length integer', '1f'],
    ['an indefinite-length negative integer', '3f'],
    ['a break outside any item', 'ff'],
    ['a break inside a definite array', '81 ff'],
    ['a break where a definite map key belongs', 'a1 ff 01'],
    ['a text chunk inside a byte string', `5f 61${utf8('a')} ff`],
    ['a byte chunk inside a text string', '7f 41 00 ff'],
    ['an indefinite chunk inside an indefinite string', '5f 5f ff ff'],
    ['a reserved tag head', 'dc 80'],
    ['an indefinite-length tag', 'df 80'],
  ])('refuses %s: malformed', (_what, hex) => {
    expect(code(hex)).toBe('malformed');
  });

  it.each([
    ['an empty frame', ''],
    ['a head without its argument', '19 01'],
    ['a text string shorter than its head says', `62${utf8('a')}`],
    ['a byte string shorter than its head says', '43 0102'],
    ['an array with missing items', '82 01'],
    ['a map with a missing value', `a1 61${utf8('a')}`],
    ['an unclosed indefinite array', '9f 01'],
    ['an unclosed indefinite map', `bf 61${utf8('a')} 01`],
    ['an unclosed indefinite string', `7f 61${utf8('a')}`],
    ['a half float cut short', 'f93c'],
    ['a double cut short', 'fb3ff1'],
    ['an array claiming 2^64-1 items', '9b ffffffffffffffff'],
    ['a map claiming 2^32-1 pairs', 'ba ffffffff'],
    ['a byte string claiming 2^63 bytes', '5b 7fffffffffffffff'],
    ['a text string claiming 4 GiB', '7a ffffffff'],
  ])('refuses %s: truncated', (_what, hex) => {
    expect(code(hex)).toBe('truncated');
  });

  it('refuses bytes after the value: trailing_bytes', () => {
    expect(code('01 00')).toBe('trailing_bytes');
    expect(code('80 80')).toBe('trailing_bytes');
    expect(code('82 1843 05 00')).toBe('trailing_bytes');
  });
});

describe('cbor decoder: strict UTF-8', () => {
  it.each(INVALID_UTF8)('refuses %s in a short string, a long string, a key and a chunk', (_what, bad) => {
    const long = `${utf8('a'.repeat(20))}${bad}`;
    const badLength = bad.length / 2;
    expect(code(`${textHead(badLength)}${bad}`)).toBe('invalid_utf8');
    expect(code(`${textHead(20 + badLength)}${long}`)).toBe('invalid_utf8');
    expect(code(`a1 ${textHead(badLength)}${bad} 01`)).toBe('invalid_utf8');
    expect(code(`a1 ${textHead(20 + badLength)}${long} 01`)).toBe('invalid_utf8');
    expect(code(`7f 61${utf8('a')} ${textHead(badLength)}${bad} ff`)).toBe('invalid_utf8');
  });

  it('refuses a character split across two chunks of an indefinite-length string', () => {
    // "é" is c3 a9: each chunk alone is not well-formed (RFC 8949 section 3.2.3).
    expect(code('7f 61c3 61a9 ff')).toBe('invalid_utf8');
  });
});

describe('cbor decoder: nesting', () => {
  const nested = (levels: number, inner = '80'): string => `${'81'.repeat(levels - 1)}${inner}`;

  it('reads lists and maps nested as deep as the encoder writes (128 levels)', () => {
    expect(decode(nested(128))).toStrictEqual(
      JSON.parse(`${'['.repeat(128)}${']'.repeat(128)}`) as unknown[],
    );
    expect(failure(() => decodeCbor(encodeCbor(decode(nested(128)))))).toBe('ok');
    const maps = `${`a1 61${utf8('k')}`.repeat(127)} a0`;
    expect(failure(() => decode(maps))).toBe('ok');
  });

  it('refuses one level more: too_deep, for lists, maps, indefinite lists and byte strings', () => {
    expect(code(nested(129))).toBe('too_deep');
    expect(code(`${`a1 61${utf8('k')}`.repeat(128)} a0`)).toBe('too_deep');
    expect(code(`${'9f'.repeat(129)}${'ff'.repeat(129)}`)).toBe('too_deep');
    // The encoders count a Uint8Array as a level too.
    expect(code(`${'81'.repeat(128)} 41 01`)).toBe('too_deep');
    expect(code(`${'81'.repeat(128)} d840 41 01`)).toBe('too_deep');
    expect(failure(() => decode(`${'81'.repeat(127)} 41 01`))).toBe('ok');
  });

  it('refuses 200,000 levels with too_deep, not a stack overflow', () => {
    expect(failure(() => decodeCbor(new Uint8Array(200_000).fill(0x81)))).toBe('too_deep');
  });
});

describe('cbor decoder: agreement with cbor-x on what our encoder writes', () => {
  // The options the runtime used with cbor-x before it had its own decoder.
  const reference = new CborXDecoder({
    useRecords: false,
    mapsAsObjects: true,
    int64AsNumber: true,
  } as ConstructorParameters<typeof CborXDecoder>[0]);

  const key = fc.string({ maxLength: 20, unit: 'binary' }).filter((k) => k !== '__proto__');
  const leaf = fc.oneof(
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 32, -(2 ** 32) - 1, 2 ** 60),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 40 }),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 6 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    ),
  }));

  it('decodes every encoded value exactly as cbor-x does (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (args) => {
        const frame = encodeCbor([48, 2 ** 53, {}, 'com.example.p', args]);
        expect(decodeCbor(frame)).toStrictEqual(reference.decode(frame));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes what cbor-x encodes with wampy.js options (tagged Uint8Array, float forms) as cbor-x does (property)', () => {
    // wampy.js's CborSerializer options.
    const wampy = new CborXEncoder({
      useRecords: false,
      mapsAsObjects: true,
      int64AsNumber: true,
      largeBigIntToFloat: true,
    } as ConstructorParameters<typeof CborXEncoder>[0]);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (args) => {
        const frame = wampy.encode([48, 7, {}, 'com.example.p', args]);
        expect(decodeCbor(frame)).toStrictEqual(reference.decode(frame));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes a long string and a 64 KiB byte string exactly as cbor-x does', () => {
    const frame = encodeCbor(['ü'.repeat(40_000), new Uint8Array(65_536).fill(9), 'x'.repeat(70_000)]);
    expect(decodeCbor(frame)).toStrictEqual(reference.decode(frame));
  });
});

describe('cbor decoder: input handling', () => {
  it('refuses text input with a TypeError (frames must be bytes)', () => {
    expect(() => decodeCbor('[1]')).toThrow(TypeError);
  });

  it('decodes a frame inside a larger buffer without reading outside it', () => {
    const backing = concat(bytes('ffff'), bytes('82 01 02'), bytes('ffff'));
    expect(decodeCbor(backing.subarray(2, 5))).toStrictEqual([1, 2]);
    expect(failure(() => decodeCbor(backing.subarray(2, 4)))).toBe('truncated');
  });

  it('recovers after a failed frame: the next frame decodes normally', () => {
    expect(code('82 01')).toBe('truncated');
    expect(decode('82 01 02')).toStrictEqual([1, 2]);
  });
});
