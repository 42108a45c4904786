/**
 * Payload passthrough (router transports): a payload decoded from a frame and sent on to a peer of
 * the same serializer is copied from that frame, and the receiver must get what a full decode and
 * re-encode would have given it: byte for byte for the payload of JSON frames we encoded
 * ourselves, and the same values after decoding in every case (also for hostile JSON text: odd
 * whitespace and escapes, lone surrogates, duplicate keys, huge strings, deep nesting).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invocationMessage, resultMessage } from '../../../runtime/protocol/encode.js';
import type { WampMessage } from '../../../runtime/protocol/messages.js';
import { decodeInbound, MIN_PASSTHROUGH_BYTES } from '../../../runtime/router/transports/frame-decoder.js';
import {
  encodeFrame,
  type Frame,
  MIN_SPLIT_BYTES,
  SplitFrame,
} from '../../../runtime/router/transports/frame-encoder.js';
import { cborSerializer, encodeCbor } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { encodeMsgpack, msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import { payloadTailFor } from '../../../runtime/serializers/payload-tail.js';
import { isSerializeError } from '../../../runtime/serializers/serialize-error.js';
import type { Serializer } from '../../../runtime/serializers/types.js';

const SERIALIZERS = [jsonSerializer, msgpackSerializer, cborSerializer];
const PAD = 'p'.repeat(MIN_PASSTHROUGH_BYTES);
/** A payload element large enough that the outbound message is written in parts (a SplitFrame). */
const BIG_PAD = 'q'.repeat(MIN_SPLIT_BYTES);

/** The bytes a link writes for `frame`: a split frame's parts joined. */
function joined(frame: Frame): Uint8Array {
  return frame instanceof SplitFrame ? frame.join() : frame;
}

/**
 * Parses JSON with -0 read as 0: the one value where the paths legitimately differ (the sender's
 * `-0` arrives as written; `JSON.stringify(-0)` is `0`), equal under `===` anyway.
 */
function parseJson(frame: Uint8Array): unknown {
  return JSON.parse(Buffer.from(frame).toString('utf8'), (_key, v: unknown) => (Object.is(v, -0) ? 0 : v));
}

function bytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}

/** Decodes a frame as the router's link does (JSON text frames arrive as text too). */
function inbound(serializer: Serializer, frame: Uint8Array): unknown[] {
  const text = serializer.binary ? undefined : Buffer.from(frame).toString('utf8');
  return decodeInbound(serializer, frame, text) as unknown[];
}

/** The INVOCATION a CALL turns into, as passthrough encodes it and as a full re-encode does. */
function forward(serializer: Serializer, call: unknown[]) {
  const invocation = invocationMessage(7, 9, {}, call[4] as unknown[], call[5] as Record<string, unknown>);
  const frame = encodeFrame(serializer, invocation as WampMessage);
  return {
    used: payloadTailFor(serializer.name, invocation) !== undefined,
    split: frame instanceof SplitFrame ? frame : undefined,
    passthrough: joined(frame),
    full: bytes(serializer.serialize(invocation)),
  };
}

// Values of the WAMP data model that every serializer carries unchanged.
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 40 }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('dict')),
  list: fc.array(tie('node'), { maxLength: 5 }),
  dict: fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 }),
})).node;

describe('payload passthrough: same values as decode + re-encode', () => {
  for (const [serializer, pad] of SERIALIZERS.flatMap((s) => [[s, PAD] as const, [s, BIG_PAD] as const])) {
    const size = pad === PAD ? 'copied' : 'split';
    it(`${serializer.name}, ${size}: CALL -> INVOCATION gives the receiver the values a re-encode gives`, () => {
      fc.assert(
        fc.property(
          fc.array(value, { maxLength: 6 }),
          fc.option(fc.dictionary(fc.string(), value)),
          (args, kwargs) => {
            const call =
              kwargs === null
                ? [48, 1, {}, 'com.example.p', [pad, ...args]]
                : [48, 1, {}, 'com.example.p', [pad, ...args], kwargs];
            const frame = bytes(serializer.serialize(call));
            const decoded = inbound(serializer, frame);
            const out = forward(serializer, decoded);
            const kwargsOnWire = kwargs !== null && Object.keys(kwargs).length > 0;
            // An empty ArgumentsKw is dropped by the builders, so those bytes cannot be reused.
            expect(out.used).toBe(kwargs === null || kwargsOnWire);
            // A large passthrough payload is written from the inbound frame itself: a view, not a copy.
            expect(out.split !== undefined).toBe(out.used && pad === BIG_PAD);
            if (out.split !== undefined) expect(out.split.payload.buffer).toBe(frame.buffer);
            expect(serializer.deserialize(out.passthrough)).toEqual(serializer.deserialize(out.full));
            // Frames we encode ourselves come out byte for byte the same either way.
            expect(Buffer.from(out.passthrough).equals(Buffer.from(out.full))).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    }, 60_000);
  }

  it('JSON: the payload bytes of the sender reach the receiver verbatim (whitespace, escapes)', () => {
    const payload = ` [ "\\u00e9t\\u00E9" , "\\/path" ,\t"${PAD}" , 1.50 , -0 , 1E3 ]\n,\r{ "k" : [ true ,false, null ] }  `;
    const frame = Buffer.from(`[48 , 1 , { "timeout" : 0 } , "com.example.p" ,${payload}]`);
    const out = forward(jsonSerializer, inbound(jsonSerializer, frame));
    expect(out.used).toBe(true);
    expect(Buffer.from(out.passthrough).toString('utf8')).toBe(`[68,7,9,{},${payload.trim()}]`);
    expect(parseJson(out.passthrough)).toEqual(parseJson(out.full));
  });

  it('JSON: hostile text decodes to the same values by either path', () => {
    // Text fragments that JSON.parse accepts: escapes of every kind, lone surrogates, non-ASCII.
    // A string that starts with U+0000 is WAMP's JSON form of binary and must be base64 after it;
    // one that is not is refused at decode (tested with the binary cases), so none is generated here.
    const fragment = fc.oneof(
      fc
        .string({ unit: 'binary', maxLength: 20 })
        .filter((s) => !s.startsWith('\u0000'))
        .map((s) => JSON.stringify(s)),
      fc.constantFrom(
        '"\\ud800"',
        '"\\udfff\\ud800"',
        '"\\u0041\\"\\\\\\/\\b\\f\\n\\r\\t"',
        '"é€𝄞"',
        '1e-7',
        '-0.0',
      ),
      fc.constantFrom('{"a":1,"a":2}', '{"__proto__":{"x":1},"b":[]}', '{"dup":{"k":1},"dup":[1,2]}'),
      fc.integer({ min: 1, max: 20_000 }).map((n) => JSON.stringify('s'.repeat(n))),
    );
    const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(space, fragment, space), { minLength: 1, maxLength: 8 }), (parts) => {
        const args = `[${JSON.stringify(PAD)},${parts.map(([a, f, b]) => a + f + b).join(',')}]`;
        const frame = Buffer.from(`[48,1,{},"com.example.p",${args}]`);
        const out = forward(jsonSerializer, inbound(jsonSerializer, frame));
        expect(out.used).toBe(true);
        const received = parseJson(out.passthrough) as unknown[];
        expect(received).toEqual(parseJson(out.full));
        // Duplicate keys: the receiver keeps the last, as the router's own decode did.
        expect(received[4]).toEqual(parseJson(Buffer.from(args)));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('a payload nested deeper than the limit is refused at decode on both paths (too_deep)', () => {
    const deep = `${'['.repeat(127)}1${']'.repeat(127)}`;
    const frame = Buffer.from(`[48,1,{},"com.example.p",[${JSON.stringify(PAD)},${deep}]]`);
    let error: unknown;
    try {
      inbound(jsonSerializer, frame);
    } catch (e) {
      error = e;
    }
    expect(isSerializeError(error) && error.code).toBe('too_deep');
    // One level less is the deepest payload there is, and it passes through intact.
    const ok = `${'['.repeat(125)}1${']'.repeat(125)}`;
    const okFrame = Buffer.from(`[48,1,{},"com.example.p",[${JSON.stringify(PAD)},${ok}]]`);
    const out = forward(jsonSerializer, inbound(jsonSerializer, okFrame));
    expect(out.used).toBe(true);
    expect(JSON.parse(Buffer.from(out.passthrough).toString())).toEqual(
      JSON.parse(Buffer.from(out.full).toString()),
    );
  });

  it('CBOR tags and msgpack extensions are re-encoded, never copied (the receiver gets plain values)', () => {
    // [48, 1, {}, "u", [tag 64 (h'0102'), PAD]]
    const pad = Buffer.from(encodeCbor(PAD));
    const cbor = Buffer.concat([
      Buffer.from([0x85, 0x18, 48, 0x01, 0xa0, 0x61, 0x75, 0x82, 0xd8, 0x40, 0x42, 1, 2]),
      pad,
    ]);
    const out = forward(cborSerializer, inbound(cborSerializer, cbor));
    expect(out.used).toBe(false);
    expect(Buffer.from(out.passthrough).includes(Buffer.from([0xd8, 0x40]))).toBe(false);
    // msgpack: {"a": undefined-extension} inside the payload.
    const mpad = Buffer.from(encodeMsgpack(PAD));
    const msgpack = Buffer.concat([
      Buffer.from([0x95, 48, 0x01, 0x80, 0xa1, 0x75, 0x92, 0x81, 0xa1, 0x61, 0xd4, 0x00, 0x00]),
      mpad,
    ]);
    const m = forward(msgpackSerializer, inbound(msgpackSerializer, msgpack));
    expect(m.used).toBe(false);
    expect(msgpackSerializer.deserialize(m.passthrough)).toEqual([68, 7, 9, {}, [{}, PAD]]);
  });

  it('JSON: a number beyond the double range reaches a JSON receiver as written (it reads Infinity)', () => {
    const frame = Buffer.from(`[48,1,{},"com.example.p",[${JSON.stringify(PAD)},1e400]]`);
    const decoded = inbound(jsonSerializer, frame);
    const invocation = invocationMessage(7, 9, {}, decoded[4] as unknown[]);
    // A re-encode refuses it (the router then answered the caller invalid_argument).
    expect(() => jsonSerializer.serialize(invocation)).toThrow(/Infinity/);
    const passthrough = joined(encodeFrame(jsonSerializer, invocation));
    expect(Buffer.from(passthrough).toString()).toContain(',1e400]');
    expect((parseJson(passthrough) as unknown[][])[4]?.[1]).toBe(Number.POSITIVE_INFINITY);
    // msgpack receivers get it as a float64 Infinity, as before: the JSON path now matches them.
    expect(
      msgpackSerializer.deserialize(
        joined(encodeFrame(msgpackSerializer, invocationMessage(7, 9, {}, decoded[4] as unknown[]))),
      ),
    ).toEqual([68, 7, 9, {}, [PAD, Number.POSITIVE_INFINITY]]);
  });

  it('a large payload in a much larger inbound buffer is copied, not split (queued memory stays bounded)', () => {
    const call = bytes(jsonSerializer.serialize([48, 1, {}, 'com.example.p', [BIG_PAD]]));
    // The frame as a view into a buffer four times its size (one TCP read holding other data too).
    const shared = new Uint8Array(call.length * 4);
    shared.set(call, call.length);
    const frame = shared.subarray(call.length, call.length * 2);
    const inside = forward(jsonSerializer, inbound(jsonSerializer, frame));
    expect(inside.used).toBe(true);
    expect(inside.split).toBeUndefined();
    expect(Buffer.from(inside.passthrough).equals(Buffer.from(inside.full))).toBe(true);
    // The same frame in a buffer of its own is split.
    expect(forward(jsonSerializer, inbound(jsonSerializer, Uint8Array.from(call))).split).toBeDefined();
  });

  it('a RESULT carries the YIELD bytes, and a small payload is re-encoded', () => {
    const yieldFrame = Buffer.from(`[70,3,{},[${JSON.stringify(PAD)}],{"n":1}]`);
    const y = inbound(jsonSerializer, yieldFrame);
    const result = resultMessage(5, {}, y[3] as unknown[], y[4] as Record<string, unknown>);
    expect(Buffer.from(joined(encodeFrame(jsonSerializer, result))).toString()).toBe(
      `[50,5,{},[${JSON.stringify(PAD)}],{"n":1}]`,
    );
    const small = inbound(jsonSerializer, Buffer.from('[70,3,{},[1,  2]]'));
    expect(payloadTailFor('json', resultMessage(5, {}, small[3] as unknown[]))).toBeUndefined();
  });

  it('another serializer gets a re-encoding of the decoded values', () => {
    const frame = Buffer.from(`[48,1,{},"com.example.p",[${JSON.stringify(PAD)}, 1.5]]`);
    const decoded = inbound(jsonSerializer, frame);
    const invocation = invocationMessage(7, 9, {}, decoded[4] as unknown[]);
    expect(payloadTailFor('msgpack', invocation)).toBeUndefined();
    expect(msgpackSerializer.deserialize(joined(encodeFrame(msgpackSerializer, invocation)))).toEqual([
      68,
      7,
      9,
      {},
      [PAD, 1.5],
    ]);
  });
});
