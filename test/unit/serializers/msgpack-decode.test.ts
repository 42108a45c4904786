/**
 * The MessagePack decoder (runtime/serializers/msgpack-decode.ts), byte for byte: every format,
 * every refusal with its code, and agreement with @msgpack/msgpack (the decoder it replaces) on
 * everything our encoder writes.
 */
import { Decoder as MsgpackLibDecoder } from '@msgpack/msgpack';
import fc from 'fast-check';
import { pack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeMsgpack, encodeMsgpack } from '../../../runtime/serializers/index.js';
import { bytes, failure, failureMessage, INVALID_UTF8 } from '../../helpers/serializer-frames.js';

const decode = (hex: string): unknown => decodeMsgpack(bytes(hex));
const code = (hex: string): string => failure(() => decode(hex));
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** A str header for `n` bytes. */
function strHead(n: number): string {
  if (n < 32) return (0xa0 + n).toString(16);
  if (n < 256) return `d9${n.toString(16).padStart(2, '0')}`;
  return `da${n.toString(16).padStart(4, '0')}`;
}

describe('msgpack decoder: numbers', () => {
  it.each([
    ['00', 0],
    ['7f', 127],
    ['e0', -32],
    ['ff', -1],
    ['cc80', 128],
    ['ccff', 255],
    ['cdffff', 65535],
    ['ceffffffff', 2 ** 32 - 1],
    ['cf0000000100000000', 2 ** 32],
    ['cf0020000000000000', 2 ** 53],
    ['d080', -128],
    ['d0ff', -1],
    ['d18000', -32768],
    ['d280000000', -(2 ** 31)],
    ['d3ffffffff00000000', -(2 ** 32)],
    ['d3ffe0000000000000', -(2 ** 53)],
    ['d3ffffffffffffffff', -1],
    ['ca3fc00000', 1.5],
    ['cb3ff199999999999a', 1.1],
    ['cbc010666666666666', -4.1],
    ['cb7ff0000000000000', Number.POSITIVE_INFINITY],
  ])('reads %s as %d', (hex, value) => {
    expect(decode(hex)).toBe(value);
  });

  it('reads 64-bit integers beyond 2^53 as the nearest number, never as BigInt', () => {
    expect(decode('cf0020000000000001')).toBe(2 ** 53);
    expect(decode('cfffffffffffffffff')).toBe(2 ** 64);
    expect(decode('d38000000000000000')).toBe(-(2 ** 63));
  });

  it('reads negative zero and NaN', () => {
    expect(Object.is(decode('cb8000000000000000'), -0)).toBe(true);
    expect(decode('cb7ff8000000000000')).toBeNaN();
    expect(decode('ca7fc00000')).toBeNaN();
  });
});

describe('msgpack decoder: nil, booleans, str, bin', () => {
  it('reads nil, false and true', () => {
    expect(decode('93 c0 c2 c3')).toStrictEqual([null, false, true]);
  });

  it.each([
    ['', 'a0'],
    ['a', 'a161'],
    ['com.example.add', `af${utf8('com.example.add')}`],
    ['x'.repeat(32), `d920${utf8('x'.repeat(32))}`],
    ['y'.repeat(256), `da0100${utf8('y'.repeat(256))}`],
    ['hello', `db00000005${utf8('hello')}`],
    ['héllo', `a6${utf8('héllo')}`],
    ['😀', `a4${utf8('😀')}`],
    ['\ufeff', `a3${utf8('\ufeff')}`],
  ])('reads the str %j', (text, hex) => {
    expect(decode(hex)).toBe(text);
  });

  it('reads bin 8/16/32 as plain Uint8Array views into the frame', () => {
    const frame = bytes('93 c403010203 c50000 c600000001ff');
    const [three, empty, one] = decodeMsgpack(frame) as Uint8Array[];
    expect(three).toStrictEqual(Uint8Array.of(1, 2, 3));
    expect(three!.constructor).toBe(Uint8Array);
    expect(three!.buffer).toBe(frame.buffer);
    expect(empty).toStrictEqual(new Uint8Array(0));
    expect(one).toStrictEqual(Uint8Array.of(255));
  });
});

describe('msgpack decoder: arrays and maps', () => {
  it('reads fixarray, array16 and array32', () => {
    expect(decode('90')).toStrictEqual([]);
    expect(decode('93 01 02 03')).toStrictEqual([1, 2, 3]);
    expect(decode('dc0003 01 02 03')).toStrictEqual([1, 2, 3]);
    expect(decode('dd00000002 c0 90')).toStrictEqual([null, []]);
  });

  it('reads fixmap, map16 and map32 as plain objects', () => {
    expect(decode('80')).toStrictEqual({});
    const dict = decode(`82 a161 01 a162 92 02 03`);
    expect(dict).toStrictEqual({ a: 1, b: [2, 3] });
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(decode(`de0001 a161 01`)).toStrictEqual({ a: 1 });
    expect(decode(`df00000001 d901${utf8('k')} 01`)).toStrictEqual({ k: 1 });
  });

  it('reads integer keys as their decimal strings', () => {
    expect(decode(`85 01 a161 ff a162 cd0100 c3 d0c0 c2 cf0000000100000000 c0`)).toStrictEqual({
      '1': 'a',
      '-1': 'b',
      '256': true,
      '-64': false,
      '4294967296': null,
    });
  });

  it('keeps a "__proto__" key as an own property and never changes the prototype', () => {
    const dict = decode(`81 a9${utf8('__proto__')} 81 a178 01`) as object;
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(Object.keys(dict)).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(dict, '__proto__')?.value).toStrictEqual({ x: 1 });
    expect((dict as { x?: unknown }).x).toBeUndefined();
  });

  it("reads msgpackr's undefined (fixext 1, type 0) as an absent dict entry, as wampy.js sends options", () => {
    const frame = pack([32, 1, { match: undefined, get_retained: true }, 'com.example.topic']);
    const decoded = decodeMsgpack(frame) as [number, number, Record<string, unknown>, string];
    expect(Object.keys(decoded[2])).toStrictEqual(['get_retained']);
    expect(decode(`82 a161 d40000 a162 01`)).toStrictEqual({ b: 1 });
  });
});

describe('msgpack decoder: refusals', () => {
  it('refuses undefined in a list or as the whole frame', () => {
    expect(code('91 d40000')).toBe('undefined_in_list');
    expect(code('d40000')).toBe('unsupported_value');
  });

  it.each([
    ['fixext 1 of type 5', 'd40500'],
    ['fixext 1 of type 0 with data 1', 'd40001'],
    ['fixext 2', 'd5000000'],
    ['the timestamp (type -1) as fixext 4', 'd6ff00000001'],
    ['the timestamp (type -1) as fixext 8', 'd7ff0000000000000001'],
    ['fixext 16', `d801${'00'.repeat(16)}`],
    ['ext 8', 'c70205 0000'],
    ['ext 16', 'c8000105 00'],
    ['ext 32', 'c90000000105 00'],
    ['an extension inside a list', '91 d40500'],
  ])('refuses %s: msgpack_extension_not_allowed', (_what, hex) => {
    expect(code(hex)).toBe('msgpack_extension_not_allowed');
  });

  it('names the extension type it refused', () => {
    expect(failureMessage(() => decode('d40500'))).toMatch(/extension type 5/);
    expect(failureMessage(() => decode('d6ff00000001'))).toMatch(/extension type -1/);
  });

  it.each([
    ['nil', 'c0'],
    ['a boolean', 'c3'],
    ['a float32', 'ca3fc00000'],
    ['a float64', 'cb3ff8000000000000'],
    ['a bin', 'c40101'],
    ['an array', '90'],
    ['a map', '80'],
    ['undefined', 'd40000'],
  ])('refuses %s as a map key: invalid_map_key', (_what, key) => {
    expect(code(`81 ${key} 01`)).toBe('invalid_map_key');
  });

  it('refuses 0xc1, the byte MessagePack never uses: malformed', () => {
    expect(code('c1')).toBe('malformed');
    expect(code('91 c1')).toBe('malformed');
  });

  it.each([
    ['an empty frame', ''],
    ['uint8 without its byte', 'cc'],
    ['uint16 cut short', 'cd01'],
    ['float64 cut short', 'cb3ff1'],
    ['an array with a missing item', '92 01'],
    ['a map with a missing value', '81 a161'],
    ['a str shorter than its header says', 'd905 61'],
    ['a bin shorter than its header says', 'c405 01'],
    ['an extension cut short', 'd405'],
    ['an array32 claiming 2^32-1 items', 'ddffffffff'],
    ['a map32 claiming 2^32-1 pairs', 'dfffffffff'],
    ['a str32 claiming 4 GiB', 'dbffffffff'],
    ['a bin32 claiming 4 GiB', 'c6ffffffff'],
  ])('refuses %s: truncated', (_what, hex) => {
    expect(code(hex)).toBe('truncated');
  });

  it('refuses bytes after the value: trailing_bytes', () => {
    expect(code('01 00')).toBe('trailing_bytes');
    expect(code('92 43 05 00')).toBe('trailing_bytes');
  });
});

describe('msgpack decoder: strict UTF-8', () => {
  it.each(INVALID_UTF8)('refuses %s in a short str, a long str and a key', (_what, bad) => {
    const badLength = bad.length / 2;
    const long = `${utf8('a'.repeat(40))}${bad}`;
    expect(code(`${strHead(badLength)}${bad}`)).toBe('invalid_utf8');
    expect(code(`${strHead(40 + badLength)}${long}`)).toBe('invalid_utf8');
    expect(code(`81 ${strHead(badLength)}${bad} 01`)).toBe('invalid_utf8');
    expect(code(`81 ${strHead(40 + badLength)}${long} 01`)).toBe('invalid_utf8');
  });
});

describe('msgpack decoder: nesting', () => {
  it('reads lists and maps nested as deep as the encoder writes (128 levels)', () => {
    const deepest = decode(`${'91'.repeat(127)}90`);
    expect(failure(() => encodeMsgpack(deepest))).toBe('ok');
    expect(failure(() => decode(`${'81a16b'.repeat(127)}80`))).toBe('ok');
    expect(failure(() => decode(`${'91'.repeat(127)}c40101`))).toBe('ok');
  });

  it('refuses one level more: too_deep, for lists, maps, long headers and bin', () => {
    expect(code(`${'91'.repeat(128)}90`)).toBe('too_deep');
    expect(code(`${'81a16b'.repeat(128)}80`)).toBe('too_deep');
    expect(code(`${'dc0001'.repeat(128)}90`)).toBe('too_deep');
    expect(code(`${'de0001a16b'.repeat(128)}80`)).toBe('too_deep');
    // The encoders count a Uint8Array as a level too.
    expect(code(`${'91'.repeat(128)}c40101`)).toBe('too_deep');
  });

  it('refuses 200,000 levels with too_deep', () => {
    expect(failure(() => decodeMsgpack(new Uint8Array(200_000).fill(0x91)))).toBe('too_deep');
  });
});

describe('msgpack decoder: agreement with @msgpack/msgpack on what our encoder writes', () => {
  const reference = new MsgpackLibDecoder();
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

  it('decodes every encoded value exactly as @msgpack/msgpack does (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (args) => {
        const frame = encodeMsgpack([48, 2 ** 53, {}, 'com.example.p', args]);
        expect(decodeMsgpack(frame)).toStrictEqual(reference.decode(frame));
      }),
      { numRuns: 500 },
    );
  });

  it('recovers after a failed frame: the next frame decodes normally', () => {
    expect(code('92 01')).toBe('truncated');
    expect(decode('92 01 02')).toStrictEqual([1, 2]);
  });
});
