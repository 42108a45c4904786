import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import { SplitFrame } from '../../../runtime/router/transports/frame-encoder.js';
import {
  canWriteDirect,
  websocketFrame,
  websocketFrameHead,
} from '../../../runtime/router/transports/websocket-event-frame.js';

interface SenderStatic {
  frame(data: Buffer, options: Record<string, unknown>): Buffer[];
}
// The CommonJS entry exposes ws's own frame builder (the ESM wrapper's default export does not).
const Sender = (createRequire(import.meta.url)('ws') as { Sender: SenderStatic }).Sender;

/** The bytes ws itself would put on the wire for an unmasked final frame. */
function wsFrame(payload: Buffer, opcode: number): Buffer {
  return Buffer.concat(
    Sender.frame(payload, { fin: true, opcode, mask: false, readOnly: false, rsv1: false }),
  );
}

describe('websocketFrame', () => {
  for (const length of [0, 1, 125, 126, 65535, 65536, 70000]) {
    it(`matches the frame ws builds for a ${length}-byte text payload`, () => {
      const payload = Buffer.alloc(length, 0x61);
      expect(websocketFrame([36], payload, jsonSerializer).equals(wsFrame(payload, 1))).toBe(true);
    });
  }

  it('uses the binary opcode for binary serializers', () => {
    const payload = Buffer.from([1, 2, 3]);
    expect(websocketFrame([36], payload, msgpackSerializer).equals(wsFrame(payload, 2))).toBe(true);
  });

  it('returns the same buffer for the same message and serializer', () => {
    const message = [36, 1, 2, {}];
    const payload = Buffer.from('[36,1,2,{}]');
    expect(websocketFrame(message, payload, jsonSerializer)).toBe(
      websocketFrame(message, payload, jsonSerializer),
    );
  });

  it('keeps one frame per serializer for the same message', () => {
    const message = [36, 1, 2, {}];
    const a = websocketFrame(message, Buffer.from([0xa1]), msgpackSerializer);
    const b = websocketFrame(message, Buffer.from([0xb2]), cborSerializer);
    expect(a.at(-1)).toBe(0xa1);
    expect(b.at(-1)).toBe(0xb2);
    expect(websocketFrame(message, Buffer.from([0xa1]), msgpackSerializer)).toBe(a);
  });
});

describe('websocketFrameHead (a split frame written in parts)', () => {
  for (const length of [1, 125, 126, 65535, 65536, 70000]) {
    it(`head + payload + end is the frame ws builds for a ${length}-byte message`, () => {
      const whole = Buffer.alloc(length);
      for (let i = 0; i < length; i++) whole[i] = (i * 7) & 0xff;
      const headLength = Math.min(5, length - 1);
      const split = new SplitFrame(
        whole.subarray(0, headLength),
        whole.subarray(headLength, length - 1),
        whole.subarray(length - 1),
      );
      for (const [serializer, opcode] of [
        [jsonSerializer, 1],
        [msgpackSerializer, 2],
      ] as const) {
        const wire = Buffer.concat([websocketFrameHead(split, serializer), split.payload, split.end]);
        expect(wire.equals(wsFrame(whole, opcode))).toBe(true);
      }
      // The joined form (an EVENT fan-out, or a busy sender) is the same message, joined once.
      expect(Buffer.from(split.join()).equals(whole)).toBe(true);
      expect(split.join()).toBe(split.join());
    });
  }
});

describe('canWriteDirect', () => {
  it('is false for a WebSocket that is not open', () => {
    const ws = new WebSocket(null as unknown as string, undefined, { autoPong: true });
    expect(canWriteDirect(ws)).toBe(false);
  });
});
