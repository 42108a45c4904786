/**
 * decodeFrame on hostile input: random bytes and text, and valid frames after bit flips,
 * truncations, insertions and spliced-in huge length headers. It must return a message or a
 * violation every time and never throw. Inputs stay small so every run is fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../runtime/protocol/violation.js';
import type { Serializer } from '../../../runtime/serializers/index.js';
import {
  cborSerializer,
  decodeFrame,
  jsonSerializer,
  msgpackSerializer,
} from '../../../runtime/serializers/index.js';

const RUNS = 10_000;

const VIOLATION_CODES = new Set([
  'serialization',
  'not_a_list',
  'unknown_type',
  'bad_arity',
  'bad_id',
  'bad_integer',
  'bad_uri',
  'bad_string',
  'bad_dict',
  'bad_list',
  'bad_option',
  'too_large',
  'too_deep',
  'unexpected',
  'bad_request_id',
]);

/** Valid messages the mutations start from. */
const MESSAGES: readonly unknown[][] = [
  [1, 'realm1', { roles: { caller: {}, subscriber: { features: { pattern_based_subscription: true } } } }],
  [2, 2 ** 53, { roles: { dealer: {} }, authid: 'joe' }],
  [3, { message: 'bye' }, 'wamp.error.no_such_realm'],
  [8, 48, 7, {}, 'com.example.error', ['oops'], { code: 42 }],
  [
    16,
    1,
    { acknowledge: true, exclude: [2 ** 40] },
    'com.example.topic',
    [Uint8Array.of(1, 2, 3)],
    { k: 'v' },
  ],
  [36, 5512315355, 4429313566, {}, [{ id: 42, name: 'x' }]],
  [
    48,
    2 ** 32,
    { timeout: 1000 },
    'com.example.proc',
    [1, -2, 3.5, 'héllo', null, true],
    { b: Uint8Array.of(255) },
  ],
  [50, 9, { progress: true }, [[[[1]]]]],
  [68, 1, 2, { caller: 3 }, [], { deep: { deeper: { list: [1, 2, 3] } } }],
];

/** Length headers that claim far more data than the frame holds, per serializer. */
const HUGE_HEADERS: Readonly<Record<string, readonly Uint8Array[]>> = {
  msgpack: [
    Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff), // array32
    Uint8Array.of(0xdf, 0xff, 0xff, 0xff, 0xff), // map32
    Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff), // str32
    Uint8Array.of(0xc6, 0xff, 0xff, 0xff, 0xff), // bin32
    Uint8Array.of(0xc9, 0xff, 0xff, 0xff, 0xff, 0x01), // ext32
    Uint8Array.of(0xdc, 0xff, 0xff), // array16
  ],
  cbor: [
    Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), // array, 64-bit count
    Uint8Array.of(0xbb, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00), // map, 2^32 pairs
    Uint8Array.of(0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), // byte string
    Uint8Array.of(0x7a, 0xff, 0xff, 0xff, 0xff), // text string
    Uint8Array.of(0x9f, 0x9f, 0x9f, 0x9f), // indefinite arrays, never closed
    Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), // 64-bit tag
  ],
  json: [
    new TextEncoder().encode('[[[[[[[[[[[[[[[['),
    new TextEncoder().encode('"\\u0000'),
    new TextEncoder().encode('99999999999999999999999999e999'),
    new TextEncoder().encode('{"a":'),
  ],
};

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'huge'; at: number; which: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), which: fc.nat() }),
);

function mutate(frame: Uint8Array, m: Mutation, serializer: Serializer): Uint8Array {
  const at = frame.length === 0 ? 0 : m.at % (frame.length + 1);
  switch (m.kind) {
    case 'flip': {
      if (frame.length === 0) return frame;
      const out = frame.slice();
      const i = m.at % frame.length;
      out[i] = out[i]! ^ (1 << m.bit);
      return out;
    }
    case 'truncate':
      return frame.slice(0, at);
    case 'insert':
      return Uint8Array.from([...frame.subarray(0, at), ...m.bytes, ...frame.subarray(at)]);
    case 'huge': {
      const headers = HUGE_HEADERS[serializer.name]!;
      const header = headers[m.which % headers.length]!;
      // Overwrite from `at` on, so the claimed length sits where a real header was.
      return Uint8Array.from([...frame.subarray(0, at), ...header, ...frame.subarray(at + 1)]);
    }
  }
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** The result is a well-formed DecodeResult. */
function expectWellFormed(result: DecodeResult): void {
  if (result.ok) {
    expect(Array.isArray(result.message)).toBe(true);
  } else {
    expect(VIOLATION_CODES.has(result.violation.code)).toBe(true);
    expect(typeof result.violation.message).toBe('string');
  }
}

describe.each([jsonSerializer, msgpackSerializer, cborSerializer].map((s) => [s.name, s] as const))(
  '%s decodeFrame fuzz',
  (_name, serializer) => {
    const frames = MESSAGES.map((m) => toBytes(serializer.serialize(m)));

    it(`returns a result for ${RUNS} random inputs and never throws`, () => {
      const input: fc.Arbitrary<string | Uint8Array> = serializer.binary
        ? fc.uint8Array({ maxLength: 256 })
        : fc.oneof(fc.string({ maxLength: 128, unit: 'binary' }), fc.uint8Array({ maxLength: 256 }));
      fc.assert(
        fc.property(input, (data) => expectWellFormed(decodeFrame(serializer, data))),
        { numRuns: RUNS },
      );
    });

    it(`returns a result for ${RUNS} mutated valid frames and never throws`, () => {
      fc.assert(
        fc.property(
          fc.nat({ max: frames.length - 1 }),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          (index, mutations) => {
            let frame = frames[index]!;
            for (const m of mutations) frame = mutate(frame, m, serializer);
            expectWellFormed(decodeFrame(serializer, frame));
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('decodes every unmutated frame to its message', () => {
      for (let i = 0; i < frames.length; i++) {
        expect(decodeFrame(serializer, frames[i]!)).toStrictEqual({ ok: true, message: MESSAGES[i] });
      }
    });
  },
);
