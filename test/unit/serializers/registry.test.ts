import { describe, expect, it } from 'vitest';
import {
  cborSerializer,
  getSerializer,
  jsonSerializer,
  msgpackSerializer,
  serializerForRawSocketId,
  serializerForSubprotocol,
  serializers,
} from '../../../runtime/serializers/index.js';
import type { SerializerName } from '../../../runtime/serializers/index.js';

describe('serializer registry', () => {
  it('describes json as wamp.2.json, RawSocket id 1, text frames', () => {
    expect(jsonSerializer).toMatchObject({
      name: 'json',
      subprotocol: 'wamp.2.json',
      rawSocketId: 1,
      binary: false,
    });
  });

  it('describes msgpack as wamp.2.msgpack, RawSocket id 2, binary frames', () => {
    expect(msgpackSerializer).toMatchObject({
      name: 'msgpack',
      subprotocol: 'wamp.2.msgpack',
      rawSocketId: 2,
      binary: true,
    });
  });

  it('describes cbor as wamp.2.cbor, RawSocket id 3, binary frames', () => {
    expect(cborSerializer).toMatchObject({
      name: 'cbor',
      subprotocol: 'wamp.2.cbor',
      rawSocketId: 3,
      binary: true,
    });
  });

  it('finds each serializer by name, subprotocol and RawSocket id', () => {
    for (const s of Object.values(serializers)) {
      expect(getSerializer(s.name)).toBe(s);
      expect(serializerForSubprotocol(s.subprotocol)).toBe(s);
      expect(serializerForRawSocketId(s.rawSocketId)).toBe(s);
    }
  });

  it('returns undefined for unknown subprotocols and ids', () => {
    expect(serializerForSubprotocol('wamp.2.ubjson')).toBeUndefined();
    expect(serializerForSubprotocol('wamp.2.json.batched')).toBeUndefined();
    expect(serializerForRawSocketId(4)).toBeUndefined();
  });

  it('throws a TypeError for an unknown name', () => {
    expect(() => getSerializer('xml' as SerializerName)).toThrow(TypeError);
  });

  it('makes binary serializers refuse text input', () => {
    expect(() => msgpackSerializer.deserialize('[1]')).toThrow(TypeError);
    expect(() => cborSerializer.deserialize('[1]')).toThrow(TypeError);
  });

  it('makes json produce a string and the binary serializers a plain Uint8Array', () => {
    expect(typeof jsonSerializer.serialize([67, 1])).toBe('string');
    expect(msgpackSerializer.serialize([67, 1]).constructor).toBe(Uint8Array);
    expect(cborSerializer.serialize([67, 1]).constructor).toBe(Uint8Array);
  });
});
