import { describe, expect, it } from 'vitest';
import type { Serializer } from '../../../runtime/serializers/index.js';
import {
  cborSerializer,
  decodeFrame,
  jsonSerializer,
  msgpackSerializer,
} from '../../../runtime/serializers/index.js';

function codeOf(result: ReturnType<typeof decodeFrame>): string {
  return result.ok ? 'ok' : result.violation.code;
}

describe('decodeFrame', () => {
  it('returns the checked message for a valid frame', () => {
    expect(decodeFrame(jsonSerializer, '[67,788923562]')).toStrictEqual({
      ok: true,
      message: [67, 788923562],
    });
  });

  it('reports malformed JSON as a serialization violation', () => {
    expect(codeOf(decodeFrame(jsonSerializer, '[67,'))).toBe('serialization');
  });

  it('reports bad "\\u0000" base64 as a serialization violation', () => {
    expect(codeOf(decodeFrame(jsonSerializer, '[50,1,{},["\\u0000***"]]'))).toBe('serialization');
  });

  it('reports truncated msgpack as a serialization violation', () => {
    expect(codeOf(decodeFrame(msgpackSerializer, Uint8Array.of(0x92, 0x43)))).toBe('serialization');
  });

  it('reports trailing bytes after a msgpack value as a serialization violation', () => {
    expect(codeOf(decodeFrame(msgpackSerializer, Uint8Array.of(0x92, 0x43, 0x05, 0x00)))).toBe(
      'serialization',
    );
  });

  it('reports trailing bytes after a CBOR value as a serialization violation', () => {
    expect(codeOf(decodeFrame(cborSerializer, Uint8Array.of(0x82, 0x18, 0x43, 0x05, 0x00)))).toBe(
      'serialization',
    );
  });

  it('refuses msgpack extension types, the timestamp included (WAMP uses none)', () => {
    expect(codeOf(decodeFrame(msgpackSerializer, Uint8Array.of(0x91, 0xd4, 0x05, 0x00)))).toBe(
      'serialization',
    );
    expect(codeOf(decodeFrame(msgpackSerializer, Uint8Array.of(0x91, 0xd6, 0xff, 0, 0, 0, 1)))).toBe(
      'serialization',
    );
  });

  it('reports a text frame on a binary serializer as a serialization violation', () => {
    expect(codeOf(decodeFrame(cborSerializer, '[67,1]'))).toBe('serialization');
  });

  it('reports nesting beyond the depth limit as too_deep', () => {
    expect(codeOf(decodeFrame(cborSerializer, new Uint8Array(200_000).fill(0x81)))).toBe('too_deep');
  });

  it('passes a deserialized non-message to decodeMessage (not_a_list)', () => {
    expect(codeOf(decodeFrame(msgpackSerializer, Uint8Array.of(0x80)))).toBe('not_a_list');
  });

  it('names the serializer in the violation message', () => {
    const result = decodeFrame(msgpackSerializer, Uint8Array.of(0xc1));
    expect(result.ok ? '' : result.violation.message).toMatch(/^msgpack frame did not deserialize/);
  });

  it('does not throw even when the deserializer throws an object whose toString throws', () => {
    const hostile: Serializer = {
      ...jsonSerializer,
      deserialize: () => {
        throw {
          toString() {
            throw new Error('no');
          },
        };
      },
    };
    expect(codeOf(decodeFrame(hostile, '[1]'))).toBe('serialization');
  });
});
