/**
 * Loads a serializer by name on demand: JSON is imported statically, msgpack and CBOR with dynamic
 * `import()`, so a bundle that never selects them does not contain them (with code splitting they
 * become chunks loaded on first use). `registry.ts` is the eager counterpart for the router and
 * RawSocket, which accept every serializer.
 */
import { jsonSerializer } from './json.js';
import type { Serializer, SerializerName } from './types.js';

/**
 * The serializer named `name`, or `name` itself when it is already a `Serializer` object (an
 * explicit import, which bundlers keep without code splitting). Rejects with a TypeError for an
 * unknown name.
 *
 * @example
 * const serializer = await loadSerializer('cbor'); // imports cbor.ts on first use
 */
export async function loadSerializer(name: SerializerName | Serializer): Promise<Serializer> {
  if (typeof name === 'object' && name !== null) {
    if (typeof name.serialize !== 'function' || typeof name.deserialize !== 'function')
      throw new TypeError('`serializer` object lacks serialize()/deserialize()');
    return name;
  }
  switch (name) {
    case 'json':
      return jsonSerializer;
    case 'msgpack':
      return (await import('./msgpack.js')).msgpackSerializer;
    case 'cbor':
      return (await import('./cbor.js')).cborSerializer;
    default:
      throw new TypeError(`unknown serializer "${String(name)}"`);
  }
}
