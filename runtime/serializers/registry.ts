/** Looks serializers up by name, WebSocket subprotocol or RawSocket id. */
import { cborSerializer } from './cbor.js';
import { jsonSerializer } from './json.js';
import { msgpackSerializer } from './msgpack.js';
import type { Serializer, SerializerName } from './types.js';

/** All serializers by name, in our order of preference for negotiation. */
export const serializers: Readonly<Record<SerializerName, Serializer>> = {
  json: jsonSerializer,
  msgpack: msgpackSerializer,
  cbor: cborSerializer,
};

const bySubprotocol: ReadonlyMap<string, Serializer> = new Map(
  Object.values(serializers).map((s) => [s.subprotocol, s] as const),
);

/** The serializer for a WebSocket subprotocol such as `wamp.2.cbor`, or undefined. */
export function serializerForSubprotocol(subprotocol: string): Serializer | undefined {
  return bySubprotocol.get(subprotocol);
}

/** The serializer for a RawSocket serializer id (1 json, 2 msgpack, 3 cbor), or undefined. */
export function serializerForRawSocketId(id: number): Serializer | undefined {
  return id === 1 ? jsonSerializer : id === 2 ? msgpackSerializer : id === 3 ? cborSerializer : undefined;
}

/** The serializer named `name`; throws a TypeError for an unknown name. */
export function getSerializer(name: SerializerName): Serializer {
  const s = (serializers as Record<string, Serializer | undefined>)[name];
  if (s === undefined) throw new TypeError(`unknown serializer "${String(name)}"`);
  return s;
}
