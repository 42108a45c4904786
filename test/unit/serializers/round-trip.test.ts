import fc from 'fast-check';
import { Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { Serializer } from '../../../runtime/serializers/index.js';
import { cborSerializer, jsonSerializer, msgpackSerializer } from '../../../runtime/serializers/index.js';

const ALL: readonly Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

/** JSON-like payloads; "__proto__" keys are excluded here and covered by their own tests. */
const payloads = fc
  .array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 })
  .map((args) => JSON.parse(JSON.stringify(args)) as unknown[])
  .filter((args) => !JSON.stringify(args).includes('"__proto__"'));

function roundTrip(serializer: Serializer, message: readonly unknown[]): unknown {
  return serializer.deserialize(serializer.serialize(message));
}

function hex(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('hex');
}

/** Expected wire form of one integer (the second element of `[48, n]`) per serializer. */
const INTEGER_WIRE: ReadonlyArray<readonly [number, string, string]> = [
  // value, msgpack, cbor
  [1, '01', '01'],
  [2 ** 31, 'ce80000000', '1a80000000'],
  [2 ** 32 - 1, 'ceffffffff', '1affffffff'],
  [2 ** 32, 'cf0000000100000000', '1b0000000100000000'],
  [2 ** 53 - 1, 'cf001fffffffffffff', '1b001fffffffffffff'],
  [2 ** 53, 'cf0020000000000000', '1b0020000000000000'],
  [-1, 'ff', '20'],
  [-33, 'd0df', '3820'],
  [-(2 ** 31), 'd280000000', '3a7fffffff'],
  [-(2 ** 32), 'd3ffffffff00000000', '3affffffff'],
  [-(2 ** 53), 'd3ffe0000000000000', '3b001fffffffffffff'],
];

describe.each(INTEGER_WIRE)('integer %d', (value, msgpackHex, cborHex) => {
  it('is written by msgpack in the smallest integer form, never as a float', () => {
    expect(hex(msgpackSerializer.serialize([48, value]))).toBe(`9230${msgpackHex}`);
  });

  it('is written by cbor in the shortest integer head, never as a float', () => {
    expect(hex(cborSerializer.serialize([48, value]))).toBe(`821830${cborHex}`);
  });

  it('is written by json as a plain integer literal', () => {
    expect(jsonSerializer.serialize([48, value])).toBe(`[48,${value}]`);
  });

  it.each(ALL.map((s) => [s.name, s] as const))(
    'comes back from %s as the same integer',
    (_name, serializer) => {
      const back = roundTrip(serializer, [48, value]) as unknown[];
      expect(back[1]).toBe(value);
      expect(Number.isInteger(back[1])).toBe(true);
    },
  );
});

describe.each(ALL.map((s) => [s.name, s] as const))('%s round trip', (_name, serializer) => {
  it('keeps IDs 1, 2^31, 2^32, 2^53-1 and 2^53 in a CALL', () => {
    const ids = [1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53];
    for (const id of ids) {
      expect(roundTrip(serializer, [48, id, {}, 'com.example.proc', [id]])).toStrictEqual([
        48,
        id,
        {},
        'com.example.proc',
        [id],
      ]);
    }
  });

  it('keeps bytes nested in args and kwargs as plain Uint8Array', () => {
    const b = (n: number) => new Uint8Array(n).map((_, i) => (i * 37) & 255);
    const message = [
      48,
      7,
      {},
      'p',
      [b(0), b(1), [b(2), { k: b(3) }]],
      { a: b(300), deep: { list: [b(23)] } },
    ];
    const back = roundTrip(serializer, message) as unknown[];
    expect(back).toStrictEqual(message);
    const first = (back[4] as unknown[])[1] as Uint8Array;
    expect(first.constructor).toBe(Uint8Array);
  });

  it('keeps bytes across every length header (255, 256, 65535, 65536 bytes)', () => {
    for (const n of [23, 24, 255, 256, 65535, 65536]) {
      const bytes = new Uint8Array(n).map((_, i) => i & 255);
      const back = roundTrip(serializer, [50, 1, {}, [bytes]]) as [number, number, {}, Uint8Array[]];
      // Byte comparison: deep equality over 64 K elements is slow.
      expect(Buffer.compare(back[3][0]!, bytes)).toBe(0);
    }
  });

  it('decodes a frame that is a Buffer view at an offset inside a larger buffer (as RawSocket hands out)', () => {
    const message = [36, 2 ** 53, 5512315355, { x: 1.5 }, [Uint8Array.of(1, 2, 3), 'héllo']];
    const encoded = serializer.serialize(message);
    const bytes = typeof encoded === 'string' ? new TextEncoder().encode(encoded) : encoded;
    const backing = new Uint8Array(bytes.length + 13).fill(0xee);
    backing.set(bytes, 7);
    expect(serializer.deserialize(Buffer.from(backing.buffer, 7, bytes.length))).toStrictEqual(message);
  });

  it('encodes a Node Buffer exactly like the Uint8Array with the same bytes', () => {
    const bytes = [1, 2, 250];
    expect(serializer.serialize([50, 1, {}, [Buffer.from(bytes)]])).toStrictEqual(
      serializer.serialize([50, 1, {}, [Uint8Array.from(bytes)]]),
    );
  });

  it('keeps unicode text: accents, CJK, emoji, and long strings', () => {
    const texts = ['héllo', '€', '日本語', '😀 grin', 'ü'.repeat(40), '😀'.repeat(100), 'x'.repeat(70000)];
    expect(roundTrip(serializer, [48, 1, {}, 'p', texts, { ключ: '值' }])).toStrictEqual([
      48,
      1,
      {},
      'p',
      texts,
      { ключ: '值' },
    ]);
  });

  it('keeps strings around every length-header boundary', () => {
    const lengths = [0, 1, 23, 24, 31, 32, 255, 256, 65535, 65536];
    const texts = lengths.map((n) => 'a'.repeat(n));
    expect(roundTrip(serializer, [16, 1, {}, 't', texts])).toStrictEqual([16, 1, {}, 't', texts]);
  });

  it('keeps empty containers and empty strings', () => {
    const message = [16, 1, {}, 't', [[], {}, '', [[]], { e: {} }], {}];
    expect(roundTrip(serializer, message)).toStrictEqual(message);
  });

  it('keeps arrays and dicts across every size header', () => {
    for (const n of [15, 16, 65535, 65536]) {
      const list = Array.from({ length: n }, (_, i) => i);
      const dict = Object.fromEntries(list.slice(0, Math.min(n, 20000)).map((i) => [`k${i}`, i]));
      expect(roundTrip(serializer, [16, 1, {}, 't', list, dict])).toStrictEqual([16, 1, {}, 't', list, dict]);
    }
  });

  it('keeps floats, negative numbers, booleans and null', () => {
    const message = [16, 1, {}, 't', [1.5, -0.25, 1e300, -7, true, false, null, 2 ** 60]];
    expect(roundTrip(serializer, message)).toStrictEqual(message);
  });

  it('keeps arbitrary JSON-like payloads (property)', () => {
    fc.assert(
      // JSON.parse(JSON.stringify()) in `payloads` turns -0 into 0, as every serializer does.
      fc.property(payloads, (normalized) => {
        expect(roundTrip(serializer, [48, 1, {}, 'p', normalized])).toStrictEqual([
          48,
          1,
          {},
          'p',
          normalized,
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('serializes a message that grows the output buffer past 1 MiB, then a small one', () => {
    const bytes = new Uint8Array(1_500_000).fill(7);
    const text = 'y'.repeat(600_000);
    const back = roundTrip(serializer, [16, 1, {}, 't', [bytes, text]]) as [
      number,
      number,
      {},
      string,
      unknown[],
    ];
    // Compare big values directly: deep equality on 1.5 M elements takes seconds.
    expect(Buffer.compare(back[4][0] as Uint8Array, bytes)).toBe(0);
    expect(back[4][1] === text).toBe(true);
    expect(roundTrip(serializer, [6, {}, 'wamp.close.normal'])).toStrictEqual([6, {}, 'wamp.close.normal']);
  });

  it('serializes correctly when a getter serializes re-entrantly', () => {
    let inner: string | Uint8Array = '';
    const kwargs = {
      get nested() {
        inner = serializer.serialize([67, 5]);
        return 'value';
      },
    };
    const outer = serializer.serialize([50, 1, {}, [], kwargs]);
    expect(serializer.deserialize(outer)).toStrictEqual([50, 1, {}, [], { nested: 'value' }]);
    expect(serializer.deserialize(inner)).toStrictEqual([67, 5]);
  });
});

describe('binary encoders agree with an independent decoder', () => {
  it('msgpack output decodes identically with msgpackr (property)', () => {
    const other = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });
    fc.assert(
      fc.property(payloads, (normalized) => {
        expect(
          other.unpack(msgpackSerializer.serialize([48, 2 ** 53, {}, 'p', normalized]) as Uint8Array),
        ).toStrictEqual([48, 2 ** 53, {}, 'p', normalized]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a "__proto__" dict key from a peer', () => {
  const withProto = JSON.parse('[50,1,{},[],{"__proto__":{"x":1}}]') as unknown[];

  it('json keeps it as an own property without touching the prototype', () => {
    const back = jsonSerializer.deserialize(jsonSerializer.serialize(withProto)) as [0, 0, {}, [], object];
    expect(Object.getPrototypeOf(back[4])).toBe(Object.prototype);
    expect(Object.keys(back[4])).toStrictEqual(['__proto__']);
  });

  it('msgpack keeps it as an own property without touching the prototype, as json does', () => {
    const back = msgpackSerializer.deserialize(msgpackSerializer.serialize(withProto)) as [
      0,
      0,
      {},
      [],
      object,
    ];
    expect(Object.getPrototypeOf(back[4])).toBe(Object.prototype);
    expect(Object.keys(back[4])).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(back[4], '__proto__')?.value).toStrictEqual({ x: 1 });
  });

  it('cbor keeps it as an own property without touching the prototype, as json does', () => {
    const back = cborSerializer.deserialize(cborSerializer.serialize(withProto)) as [0, 0, {}, [], object];
    expect(Object.getPrototypeOf(back[4])).toBe(Object.prototype);
    expect(Object.keys(back[4])).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(back[4], '__proto__')?.value).toStrictEqual({ x: 1 });
  });
});
