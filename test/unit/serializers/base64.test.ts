import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../runtime/serializers/index.js';

describe('base64', () => {
  it('matches RFC 4648 test vectors', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(encodeBase64(new TextEncoder().encode(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toStrictEqual(new TextEncoder().encode(plain));
    }
  });

  it('round-trips random bytes and agrees with Node (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toStrictEqual(Uint8Array.from(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes from an offset (after the JSON U+0000 marker)', () => {
    expect(decodeBase64('\u0000AQI=', 1)).toStrictEqual(Uint8Array.of(1, 2));
  });

  it('returns a plain Uint8Array, not a Buffer', () => {
    expect(decodeBase64('AQI=')?.constructor).toBe(Uint8Array);
  });

  it('rejects wrong lengths, foreign characters and misplaced padding', () => {
    for (const bad of ['A', 'AQI', 'AQ=I', 'A===', 'AQ-_', 'AQ I', '=AQI']) {
      expect(decodeBase64(bad)).toBeUndefined();
    }
  });
});
