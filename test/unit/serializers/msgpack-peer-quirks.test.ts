import { pack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';

describe('msgpack decoding of what other peers send', () => {
  it('reads msgpackr-encoded undefined (fixext 1, type 0) as an absent option, as wampy.js sends it', () => {
    const frame = pack([32, 1, { match: undefined, get_retained: true }, 'com.example.topic']);
    const decoded = msgpackSerializer.deserialize(frame) as [number, number, Record<string, unknown>, string];
    expect(decoded[2].match).toBeUndefined();
    expect(decoded[2].get_retained).toBe(true);
    expect(decoded[3]).toBe('com.example.topic');
  });

  it('still refuses every other extension type', () => {
    expect(() => msgpackSerializer.deserialize(new Uint8Array([0xd4, 0x05, 0x00]))).toThrow(
      /extension type 5/,
    );
    expect(() => msgpackSerializer.deserialize(new Uint8Array([0xd4, 0x00, 0x01]))).toThrow(
      /extension type 0/,
    );
  });
});
