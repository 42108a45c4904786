import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawSocketFrame } from '../../../runtime/serializers/index.js';
import {
  createRawSocketFrameReader,
  encodeRawSocketFrame,
  encodeRawSocketFrameHeader,
  encodeRawSocketHandshake,
  encodeRawSocketHandshakeError,
  isRawSocketFramingError,
  parseRawSocketFrameHeader,
  parseRawSocketHandshakeReply,
  parseRawSocketHandshakeRequest,
  RAWSOCKET_MAX_LENGTH,
  RawSocketHandshakeErrors,
  rawSocketLengthExponent,
  rawSocketMaxLength,
} from '../../../runtime/serializers/index.js';

/** The framing error code thrown by `fn`, or 'no error'. */
function framingCode(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    if (isRawSocketFramingError(err)) return err.code;
    throw err;
  }
}

describe('RawSocket handshake', () => {
  it('encodes a client request as 0x7F, (L<<4)|S, 0, 0', () => {
    expect(encodeRawSocketHandshake(2, 15)).toStrictEqual(Uint8Array.of(0x7f, 0xf2, 0, 0));
    expect(encodeRawSocketHandshake(1, 0)).toStrictEqual(Uint8Array.of(0x7f, 0x01, 0, 0));
  });

  it('maps L to 2^(9+L): 512 bytes up to 16 MiB', () => {
    expect(rawSocketMaxLength(0)).toBe(512);
    expect(rawSocketMaxLength(15)).toBe(16 * 1024 * 1024);
  });

  it('picks the largest L whose limit does not exceed the wanted size', () => {
    expect(rawSocketLengthExponent(100)).toBe(0);
    expect(rawSocketLengthExponent(1023)).toBe(0);
    expect(rawSocketLengthExponent(1024)).toBe(1);
    expect(rawSocketLengthExponent(1_000_000)).toBe(10);
    expect(rawSocketLengthExponent(2 ** 30)).toBe(15);
  });

  it('refuses L outside 0..15 and serializer ids outside 1..15', () => {
    expect(() => encodeRawSocketHandshake(1, 16)).toThrow(RangeError);
    expect(() => encodeRawSocketHandshake(0, 1)).toThrow(RangeError);
  });

  it('encodes a refusal as 0x7F, E<<4, 0, 0', () => {
    expect(encodeRawSocketHandshakeError(RawSocketHandshakeErrors.maxConnectionsReached)).toStrictEqual(
      Uint8Array.of(0x7f, 0x40, 0, 0),
    );
  });

  it('parses a client request on the router side', () => {
    expect(parseRawSocketHandshakeRequest(Uint8Array.of(0x7f, 0xa3, 0, 0))).toStrictEqual({
      ok: true,
      handshake: { serializerId: 3, lengthExponent: 10, maxLength: 2 ** 19 },
    });
  });

  it('tells the router to reply error 3 when reserved bytes are set', () => {
    const result = parseRawSocketHandshakeRequest(Uint8Array.of(0x7f, 0x12, 0, 1));
    expect(result).toMatchObject({ ok: false, code: 'reserved_bits', errorCode: 3 });
  });

  it('tells the router to reply error 1 for serializer id 0', () => {
    expect(parseRawSocketHandshakeRequest(Uint8Array.of(0x7f, 0xf0, 0, 0))).toMatchObject({
      ok: false,
      code: 'bad_serializer',
      errorCode: 1,
    });
  });

  it('reports bad_magic when the first byte is not 0x7F (e.g. an HTTP request)', () => {
    expect(parseRawSocketHandshakeRequest(new TextEncoder().encode('GET '))).toMatchObject({
      ok: false,
      code: 'bad_magic',
    });
  });

  it('parses an accepting reply on the client side', () => {
    expect(parseRawSocketHandshakeReply(Uint8Array.of(0x7f, 0x52, 0, 0))).toStrictEqual({
      ok: true,
      handshake: { serializerId: 2, lengthExponent: 5, maxLength: 2 ** 14 },
    });
  });

  it('parses a refusal on the client side with the router error code', () => {
    expect(parseRawSocketHandshakeReply(Uint8Array.of(0x7f, 0x20, 0, 0))).toMatchObject({
      ok: false,
      code: 'handshake_refused',
      errorCode: RawSocketHandshakeErrors.lengthUnacceptable,
    });
  });

  it('reports bad_length for fewer than 4 bytes', () => {
    expect(parseRawSocketHandshakeReply(Uint8Array.of(0x7f))).toMatchObject({
      ok: false,
      code: 'bad_length',
    });
  });
});

describe('RawSocket frame header', () => {
  it('encodes a message frame as type 0 with a 24-bit big-endian length', () => {
    expect(encodeRawSocketFrameHeader(0, 0x010203)).toStrictEqual(Uint8Array.of(0x00, 0x01, 0x02, 0x03));
  });

  it('encodes ping and pong as types 1 and 2', () => {
    expect(encodeRawSocketFrameHeader(1, 4)[0]).toBe(1);
    expect(encodeRawSocketFrameHeader(2, 4)[0]).toBe(2);
  });

  it('encodes exactly 2^24 with the X bit and zero length bits', () => {
    expect(encodeRawSocketFrameHeader(0, RAWSOCKET_MAX_LENGTH)).toStrictEqual(Uint8Array.of(0x08, 0, 0, 0));
  });

  it('encodes 2^24 - 1 without the X bit', () => {
    expect(encodeRawSocketFrameHeader(0, RAWSOCKET_MAX_LENGTH - 1)).toStrictEqual(
      Uint8Array.of(0x00, 0xff, 0xff, 0xff),
    );
  });

  it('refuses lengths above 2^24 with too_large', () => {
    expect(framingCode(() => encodeRawSocketFrameHeader(0, RAWSOCKET_MAX_LENGTH + 1))).toBe('too_large');
  });

  it('parses the X bit back to 2^24', () => {
    expect(parseRawSocketFrameHeader(Uint8Array.of(0x08, 0, 0, 0))).toStrictEqual({
      type: 0,
      length: RAWSOCKET_MAX_LENGTH,
    });
  });

  it('rejects the X bit with non-zero length bits as bad_length', () => {
    expect(framingCode(() => parseRawSocketFrameHeader(Uint8Array.of(0x08, 0, 0, 1)))).toBe('bad_length');
  });

  it('rejects reserved RRRR bits', () => {
    expect(framingCode(() => parseRawSocketFrameHeader(Uint8Array.of(0x10, 0, 0, 1)))).toBe('reserved_bits');
  });

  it('rejects frame types 3..7', () => {
    for (let t = 3; t <= 7; t++) {
      expect(framingCode(() => parseRawSocketFrameHeader(Uint8Array.of(t, 0, 0, 1)))).toBe(
        'unknown_frame_type',
      );
    }
  });

  it('round-trips every type and length (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.integer({ min: 0, max: RAWSOCKET_MAX_LENGTH }),
        (type, length) => {
          const header = encodeRawSocketFrameHeader(type as 0 | 1 | 2, length);
          expect(parseRawSocketFrameHeader(header)).toStrictEqual({ type, length });
        },
      ),
    );
  });
});

/** Feeds `bytes` to a new reader in the given chunk sizes and collects every frame. */
function readInChunks(bytes: Uint8Array, sizes: readonly number[], maxLength = 1 << 20): RawSocketFrame[] {
  const reader = createRawSocketFrameReader({ maxLength });
  const frames: RawSocketFrame[] = [];
  let offset = 0;
  let i = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, sizes[i++ % Math.max(1, sizes.length)] ?? 1);
    frames.push(...reader.push(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  return frames;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('RawSocket frame reader', () => {
  it('returns several frames from one chunk in order', () => {
    const stream = concat([
      encodeRawSocketFrame(0, Uint8Array.of(1, 2)),
      encodeRawSocketFrame(1, Uint8Array.of(3)),
    ]);
    const frames = createRawSocketFrameReader({ maxLength: 1024 }).push(stream);
    expect(frames.map((f) => [f.type, [...f.payload]])).toStrictEqual([
      [0, [1, 2]],
      [1, [3]],
    ]);
  });

  it('returns an empty-payload frame', () => {
    const frames = createRawSocketFrameReader({ maxLength: 1024 }).push(
      encodeRawSocketFrame(2, new Uint8Array(0)),
    );
    expect(frames).toHaveLength(1);
    expect(frames[0]?.payload.length).toBe(0);
  });

  it('reassembles frames split at every byte', () => {
    const payload = Uint8Array.from({ length: 300 }, (_, i) => i & 255);
    const frames = readInChunks(
      concat([encodeRawSocketFrame(0, payload), encodeRawSocketFrame(1, payload)]),
      [1],
    );
    expect(frames.map((f) => f.type)).toStrictEqual([0, 1]);
    expect(frames.every((f) => Buffer.compare(f.payload, payload) === 0)).toBe(true);
  });

  it('reassembles any stream cut into any chunk sizes (property)', () => {
    const frameArb = fc.record({
      type: fc.constantFrom(0, 1, 2),
      payload: fc.uint8Array({ maxLength: 600 }),
    });
    fc.assert(
      fc.property(
        fc.array(frameArb, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 700 })),
        (list, sizes) => {
          const stream = concat(list.map((f) => encodeRawSocketFrame(f.type as 0 | 1 | 2, f.payload)));
          const frames = readInChunks(stream, sizes);
          expect(frames.map((f) => [f.type, [...f.payload]])).toStrictEqual(
            list.map((f) => [f.type, [...f.payload]]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails with too_large as soon as a header declares more than the limit', () => {
    const reader = createRawSocketFrameReader({ maxLength: 512 });
    expect(framingCode(() => reader.push(Uint8Array.of(0, 0, 0x02, 0x01)))).toBe('too_large');
  });

  it('accepts a frame of exactly the limit', () => {
    const frames = createRawSocketFrameReader({ maxLength: 512 }).push(
      encodeRawSocketFrame(0, new Uint8Array(512)),
    );
    expect(frames[0]?.payload.length).toBe(512);
  });

  it('stays failed after an error', () => {
    const reader = createRawSocketFrameReader({ maxLength: 512 });
    expect(framingCode(() => reader.push(Uint8Array.of(0x07, 0, 0, 0)))).toBe('unknown_frame_type');
    expect(framingCode(() => reader.push(encodeRawSocketFrame(0, Uint8Array.of(1))))).toBe(
      'unknown_frame_type',
    );
  });

  it('collects the handshake first when asked, even split across chunks', () => {
    const reader = createRawSocketFrameReader({ maxLength: 1024, expectHandshake: true });
    expect(reader.push(Uint8Array.of(0x7f, 0x12))).toStrictEqual([]);
    expect(reader.handshake).toBeUndefined();
    const rest = concat([Uint8Array.of(0, 0), encodeRawSocketFrame(0, Uint8Array.of(9))]);
    const frames = reader.push(rest);
    expect(reader.handshake).toStrictEqual(Uint8Array.of(0x7f, 0x12, 0, 0));
    expect(frames.map((f) => [...f.payload])).toStrictEqual([[9]]);
  });

  it('reports the bytes held for an incomplete frame', () => {
    const reader = createRawSocketFrameReader({ maxLength: 1024 });
    reader.push(encodeRawSocketFrame(0, new Uint8Array(10)).subarray(0, 7));
    expect(reader.buffered).toBe(3);
  });
});
