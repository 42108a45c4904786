import { describe, expect, it } from 'vitest';
import type { WampMessage } from '../../../runtime/protocol/messages.js';
import type { Serializer } from '../../../runtime/serializers/types.js';
import { encodeFrame } from '../../../runtime/router/transports/frame-encoder.js';

function countingSerializer(): Serializer & { calls: number } {
  const s = {
    name: 'json',
    subprotocol: 'wamp.2.json',
    rawSocketId: 1,
    binary: false,
    calls: 0,
    serialize(message: readonly unknown[]) {
      s.calls++;
      return JSON.stringify(message);
    },
    deserialize: (data: string | Uint8Array) => JSON.parse(String(data)) as unknown,
  } satisfies Serializer & { calls: number };
  return s;
}

describe('frame encoder', () => {
  it('serializes one EVENT once for a whole fan-out', () => {
    const s = countingSerializer();
    const event: WampMessage = [36, 1, 2, {}, ['x']];
    const frames = Array.from({ length: 10 }, () => encodeFrame(s, event));
    expect(s.calls).toBe(1);
    expect(new Set(frames).size).toBe(1);
    expect(Buffer.from(frames[0] as Uint8Array).toString()).toBe('[36,1,2,{},["x"]]');
  });

  it('serializes a new EVENT array again even when it is equal to the last', () => {
    const s = countingSerializer();
    encodeFrame(s, [36, 1, 2, {}, ['x']]);
    encodeFrame(s, [36, 1, 2, {}, ['x']]);
    expect(s.calls).toBe(2);
  });

  it('does not cache messages other than EVENT', () => {
    const s = countingSerializer();
    const result: WampMessage = [50, 1, {}, [42]];
    encodeFrame(s, result);
    encodeFrame(s, result);
    expect(s.calls).toBe(2);
  });
});
