import { describe, expect, it } from 'vitest';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { loadSerializer } from '../../../runtime/serializers/load-serializer.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import { serializers } from '../../../runtime/serializers/registry.js';
import type { Serializer, SerializerName } from '../../../runtime/serializers/types.js';

describe('loadSerializer', () => {
  it('loads each serializer by name as the same object the registry holds', async () => {
    for (const name of ['json', 'msgpack', 'cbor'] as const) {
      expect(await loadSerializer(name)).toBe(serializers[name]);
    }
  });

  it('returns a Serializer object given instead of a name unchanged', async () => {
    for (const s of [jsonSerializer, msgpackSerializer, cborSerializer])
      expect(await loadSerializer(s)).toBe(s);
  });

  it('rejects an unknown name with a TypeError naming it', async () => {
    await expect(loadSerializer('xml' as SerializerName)).rejects.toThrow(
      new TypeError('unknown serializer "xml"'),
    );
  });

  it('rejects an object without serialize and deserialize with a TypeError', async () => {
    await expect(loadSerializer({ name: 'json' } as unknown as Serializer)).rejects.toThrow(TypeError);
    await expect(loadSerializer(null as unknown as SerializerName)).rejects.toThrow(
      new TypeError('unknown serializer "null"'),
    );
  });
});
