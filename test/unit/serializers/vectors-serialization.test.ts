/**
 * Serialization samples of the wamp-proto test suite (test/vectors/wamp-proto) through our
 * json, msgpack and cbor serializers: every variant must decode to the message of the first JSON
 * variant, and our encoder must reproduce at least one variant byte for byte.
 * The ubjson and flatbuffers variants are out of scope (we do not implement those serializers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cborSerializer,
  decodeFrame,
  jsonSerializer,
  msgpackSerializer,
} from '../../../runtime/serializers/index.js';
import type { Serializer } from '../../../runtime/serializers/index.js';

interface Variant {
  bytes?: string;
  bytes_hex?: string;
  note?: string;
}
interface Sample {
  description: string;
  serializers?: Record<string, Variant[]>;
}
interface VectorFile {
  samples: Sample[];
}

const ROOT = fileURLToPath(new URL('../../vectors/wamp-proto/singlemessage/', import.meta.url));
const SERIALIZERS: readonly Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

/** Every `*.json` file under `dir`, relative to ROOT. */
function listVectorFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listVectorFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Independent reference decoding: JSON.parse, then `"\u0000"+base64` strings become bytes. */
function mapBinary(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('\u0000')) {
    return new Uint8Array(Buffer.from(value.slice(1), 'base64'));
  }
  if (Array.isArray(value)) return value.map(mapBinary);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapBinary(v)]));
  }
  return value;
}

function variantBytes(variant: Variant): Uint8Array {
  return new Uint8Array(Buffer.from(variant.bytes_hex ?? '', 'hex'));
}

function variantText(variant: Variant): string {
  return variant.bytes ?? Buffer.from(variant.bytes_hex ?? '', 'hex').toString('utf8');
}

function hex(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('hex');
}

/**
 * The older autobahn E2EE layout puts a bare binary where `Arguments|list` belongs; a strict RFC
 * decoder rejects it (see test/vectors/README.md), so decodeFrame must report `bad_list` for these.
 */
function isLegacyE2ee(description: string): boolean {
  return description.includes('E2EE') || description.includes('transparent payload');
}

const files = listVectorFiles('.').sort();

describe('wamp-proto serialization vectors', () => {
  it('finds the vector files (copied into test/vectors/wamp-proto)', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    const vector = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as VectorFile;
    for (const sample of vector.samples) {
      const variants = sample.serializers;
      const first = variants?.json?.[0];
      if (variants === undefined || first === undefined) continue;
      const reference = mapBinary(JSON.parse(variantText(first)));

      for (const serializer of SERIALIZERS) {
        const list = variants[serializer.name] ?? [];
        if (list.length === 0) continue;

        it(`${file}: ${sample.description} [${serializer.name}] every variant decodes to the JSON reference`, () => {
          for (const variant of list) {
            const input = serializer.binary ? variantBytes(variant) : variantText(variant);
            expect(serializer.deserialize(input)).toStrictEqual(reference);
          }
        });

        // Every sample is reproduced: no exception list is needed (JSON matches the compact variant).
        it(`${file}: ${sample.description} [${serializer.name}] our encoding equals a variant byte for byte`, () => {
          const ours = hex(serializer.serialize(reference as unknown[]));
          const expected = list.map((v) => (serializer.binary ? (v.bytes_hex ?? '') : variantText(v)));
          expect(expected).toContain(ours);
        });

        it(`${file}: ${sample.description} [${serializer.name}] decodeFrame gives the message or the expected violation`, () => {
          for (const variant of list) {
            const result = decodeFrame(
              serializer,
              serializer.binary ? variantBytes(variant) : variantText(variant),
            );
            if (isLegacyE2ee(sample.description)) {
              expect(result.ok ? 'ok' : result.violation.code).toBe('bad_list');
            } else {
              expect(result).toStrictEqual({ ok: true, message: reference });
            }
          }
        });
      }
    }
  }
});
