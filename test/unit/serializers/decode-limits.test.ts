/**
 * What a hostile frame can cost, for all three decoders: nesting is bounded by the encoders'
 * limit, invalid UTF-8 is a violation, and a decoded value never has more nodes than its frame
 * has bytes (so the CBOR shared-reference bomb, and anything like it, is refused).
 */
import { Decoder as CborXDecoder } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Serializer } from '../../../runtime/serializers/index.js';
import {
  cborSerializer,
  decodeFrame,
  jsonSerializer,
  MAX_ENCODE_DEPTH,
  msgpackSerializer,
} from '../../../runtime/serializers/index.js';
import {
  bytes,
  cborSharedReferenceBomb,
  countNodes,
  failure,
  INVALID_UTF8,
} from '../../helpers/serializer-frames.js';

const ALL: readonly Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

function violationOf(serializer: Serializer, frame: string | Uint8Array): string {
  const result = decodeFrame(serializer, frame);
  return result.ok ? 'ok' : result.violation.code;
}

function frameLength(frame: string | Uint8Array): number {
  return typeof frame === 'string' ? frame.length : frame.length;
}

/** Leaves of a value that may share sub-values (a DAG), counted without walking it out. */
function leafCount(value: unknown, memo = new Map<object, number>()): number {
  if (!Array.isArray(value)) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  const n = value.reduce((sum: number, item) => sum + leafCount(item, memo), 0);
  memo.set(value, n);
  return n;
}

/** A frame nesting `levels` lists, the innermost empty, in each serializer's own bytes. */
const NESTED_LISTS: Readonly<Record<string, (levels: number) => string | Uint8Array>> = {
  json: (levels) => `${'['.repeat(levels)}${']'.repeat(levels)}`,
  msgpack: (levels) => bytes(`${'91'.repeat(levels - 1)}90`),
  cbor: (levels) => bytes(`${'81'.repeat(levels - 1)}80`),
};

/** A frame nesting `levels` dicts `{"k": ...}`, the innermost empty. */
const NESTED_DICTS: Readonly<Record<string, (levels: number) => string | Uint8Array>> = {
  json: (levels) => `${'{"k":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`,
  msgpack: (levels) => bytes(`${'81a16b'.repeat(levels - 1)}80`),
  cbor: (levels) => bytes(`${'a1616b'.repeat(levels - 1)}a0`),
};

/** A frame holding the bytes [1] inside `containers` lists. */
const BYTES_INSIDE: Readonly<Record<string, (containers: number) => string | Uint8Array>> = {
  json: (containers) => `${'['.repeat(containers)}"\\u0000AQ=="${']'.repeat(containers)}`,
  msgpack: (containers) => bytes(`${'91'.repeat(containers)}c40101`),
  cbor: (containers) => bytes(`${'81'.repeat(containers)}4101`),
};

describe.each(ALL.map((s) => [s.name, s] as const))('%s decoder limits', (name, serializer) => {
  it(`reads lists and dicts nested ${MAX_ENCODE_DEPTH} levels deep, as deep as the encoders write`, () => {
    const lists = serializer.deserialize(NESTED_LISTS[name]!(MAX_ENCODE_DEPTH));
    expect(failure(() => serializer.serialize(lists as unknown[]))).toBe('ok');
    expect(failure(() => serializer.deserialize(NESTED_DICTS[name]!(MAX_ENCODE_DEPTH)))).toBe('ok');
    expect(failure(() => serializer.deserialize(BYTES_INSIDE[name]!(MAX_ENCODE_DEPTH - 1)))).toBe('ok');
  });

  it('refuses one level more with too_deep, which decodeFrame reports as a too_deep violation', () => {
    for (const frame of [
      NESTED_LISTS[name]!(MAX_ENCODE_DEPTH + 1),
      NESTED_DICTS[name]!(MAX_ENCODE_DEPTH + 1),
      // A Uint8Array counts as a level for the encoders, so it does for the decoders.
      BYTES_INSIDE[name]!(MAX_ENCODE_DEPTH),
    ]) {
      expect(failure(() => serializer.deserialize(frame))).toBe('too_deep');
      expect(violationOf(serializer, frame)).toBe('too_deep');
    }
  });

  it('refuses 100,000 levels with a too_deep violation', () => {
    expect(violationOf(serializer, NESTED_LISTS[name]!(100_000))).toBe('too_deep');
  });

  it('refuses invalid UTF-8 in a string value and in a dict key as a serialization violation', () => {
    for (const [, bad] of INVALID_UTF8) {
      const value = Buffer.from(bad, 'hex').toString('latin1');
      // Build each frame around marker strings of the same byte length, then patch the bytes in.
      const marker = 'Q'.repeat(bad.length / 2);
      for (const message of [
        [48, 1, {}, 'com.example.p', [marker]],
        [48, 1, {}, 'com.example.p', [], { [marker]: 1 }],
      ]) {
        const encoded = serializer.serialize(message);
        const frame = Buffer.from(encoded);
        const at = frame.indexOf(marker);
        frame.set(Buffer.from(value, 'latin1'), at);
        expect(failure(() => serializer.deserialize(new Uint8Array(frame)))).toBe('invalid_utf8');
        expect(violationOf(serializer, new Uint8Array(frame))).toBe('serialization');
      }
    }
  });

  it('never decodes a value with more nodes than its frame has bytes (property, encoded values)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 8 }), (args) => {
        const frame = serializer.serialize([48, 1, {}, 'p', JSON.parse(JSON.stringify(args))]);
        expect(countNodes(serializer.deserialize(frame))).toBeLessThanOrEqual(frameLength(frame));
      }),
      { numRuns: 300 },
    );
  });

  it('never decodes a value with more nodes than its frame has bytes (random bytes that decode)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (data) => {
        const input = serializer.binary ? data : Buffer.from(data).toString('latin1');
        let value: unknown;
        try {
          value = serializer.deserialize(input);
        } catch {
          return;
        }
        expect(countNodes(value)).toBeLessThanOrEqual(frameLength(input));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('dense frames decode to no more nodes than bytes', () => {
  it.each([
    ['json: 20,000 empty lists', jsonSerializer, `[${new Array(20_000).fill('[]').join(',')}]`],
    [
      'json: a dict of 5,000 short keys',
      jsonSerializer,
      JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`${i}`, 0]))),
    ],
    ['msgpack: 65,535 empty lists', msgpackSerializer, bytes(`dcffff${'90'.repeat(65_535)}`)],
    [
      'msgpack: 255 int keys to nil',
      msgpackSerializer,
      bytes(
        `de00ff${Array.from({ length: 255 }, (_, i) => `cc${i.toString(16).padStart(2, '0')}c0`).join('')}`,
      ),
    ],
    [
      'msgpack: undefined dict values (left out)',
      msgpackSerializer,
      bytes(`8f${Array.from({ length: 15 }, (_, i) => `${i.toString(16).padStart(2, '0')}d40000`).join('')}`),
    ],
    ['cbor: 65,535 empty lists', cborSerializer, bytes(`99ffff${'80'.repeat(65_535)}`)],
    [
      'cbor: an indefinite list of empty indefinite lists',
      cborSerializer,
      bytes(`9f${'9fff'.repeat(10_000)}ff`),
    ],
    [
      'cbor: 255 int keys to null',
      cborSerializer,
      bytes(
        `b8ff${Array.from({ length: 255 }, (_, i) => `18${i.toString(16).padStart(2, '0')}f6`).join('')}`,
      ),
    ],
    ['cbor: empty chunked strings', cborSerializer, bytes(`9f${'7fff5fff'.repeat(5000)}ff`)],
  ])('%s', (_what, serializer, frame) => {
    expect(countNodes(serializer.deserialize(frame))).toBeLessThanOrEqual(frameLength(frame));
  });
});

describe('random well-formed CBOR, indefinite lengths included, never has more nodes than bytes', () => {
  const hex2 = (n: number) => n.toString(16).padStart(2, '0');
  const uint = fc.oneof(
    fc.integer({ min: 0, max: 23 }).map(hex2),
    fc.integer({ min: 0, max: 255 }).map((n) => `18${hex2(n)}`),
    fc.integer({ min: 0, max: 0xffff }).map((n) => `19${n.toString(16).padStart(4, '0')}`),
    fc.nat().map((n) => `1a${n.toString(16).padStart(8, '0')}`),
    fc.nat().map((n) => `1b00000000${n.toString(16).padStart(8, '0')}`),
  );
  const head = (major: number, n: number) => (major * 32 + n).toString(16).padStart(2, '0');
  const ascii = fc.string({
    maxLength: 10,
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  });
  const text = ascii.map((s) => `${head(3, s.length)}${Buffer.from(s).toString('hex')}`);
  const chunkedText = fc.array(text, { maxLength: 3 }).map((chunks) => `7f${chunks.join('')}ff`);
  const byteString = fc
    .uint8Array({ maxLength: 10 })
    .map((b) => `${head(2, b.length)}${Buffer.from(b).toString('hex')}`);
  const chunkedBytes = fc.array(byteString, { maxLength: 3 }).map((chunks) => `5f${chunks.join('')}ff`);
  const leaf = fc.oneof(
    uint,
    uint.map((u) => `${(Number.parseInt(u.slice(0, 2), 16) + 32).toString(16)}${u.slice(2)}`),
    text,
    chunkedText,
    byteString,
    chunkedBytes,
    byteString.map((b) => `d840${b}`),
    fc.constantFrom('f4', 'f5', 'f6', 'f93c00', 'fa3fc00000', 'fb3ff199999999999a'),
  );
  const key = fc.oneof(text, chunkedText, fc.integer({ min: 0, max: 23 }).map(hex2));
  const { item } = fc.letrec<{ item: string }>((tie) => ({
    item: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('item'), { maxLength: 5 }).map((items) => `${head(4, items.length)}${items.join('')}`),
      fc.array(tie('item'), { maxLength: 5 }).map((items) => `9f${items.join('')}ff`),
      fc
        .array(fc.tuple(key, fc.oneof(tie('item'), fc.constant('f7'))), { maxLength: 5 })
        .map((pairs) => `${head(5, pairs.length)}${pairs.map(([k, v]) => k + v).join('')}`),
      fc
        .array(fc.tuple(key, fc.oneof(tie('item'), fc.constant('f7'))), { maxLength: 5 })
        .map((pairs) => `bf${pairs.map(([k, v]) => k + v).join('')}ff`),
    ),
  }));

  it('decodes and stays within its byte count (property)', () => {
    fc.assert(
      fc.property(item, (hex) => {
        const frame = bytes(hex);
        const value = cborSerializer.deserialize(frame);
        expect(countNodes(value)).toBeLessThanOrEqual(frame.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the CBOR shared-reference bomb', () => {
  const frame = cborSharedReferenceBomb(24, 'com.example.echo');

  it('is a frame of under 200 bytes that a tag-honouring decoder (cbor-x) reads as 2^24 leaves', () => {
    expect(frame.length).toBeLessThan(200);
    const cborX = new CborXDecoder({ useRecords: false, mapsAsObjects: true } as ConstructorParameters<
      typeof CborXDecoder
    >[0]);
    const value = cborX.decode(frame) as [number, number, {}, string, unknown[]];
    expect(value.slice(0, 4)).toStrictEqual([48, 1, {}, 'com.example.echo']);
    expect(leafCount(value[4][0])).toBe(2 ** 24);
  });

  it('is refused by our decoder: cbor_tag_not_allowed, a serialization violation', () => {
    expect(failure(() => cborSerializer.deserialize(frame))).toBe('cbor_tag_not_allowed');
    expect(violationOf(cborSerializer, frame)).toBe('serialization');
  });
});
