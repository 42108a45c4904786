/**
 * `needsDepthWalk`: which validators measure a value's nesting before zod runs. Recursive schemas
 * and parts that accept anything do; a schema without a cycle does not, and a deep value then fails
 * on its shape or is stripped, never overflowing the stack.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { binary } from '../../../runtime/contracts/binary.js';
import { isoDate } from '../../../runtime/contracts/iso-date.js';
import { needsDepthWalk } from '../../../runtime/contracts/schema-depth.js';
import { MAX_VALIDATE_DEPTH } from '../../../runtime/contracts/value-depth.js';
import { decodeArguments, decodeValue, encodeValue } from '../../../runtime/contracts/wire-value.js';
import { isWampError } from '../../../runtime/protocol/wamp-error.js';
import { FolderSchema, JsonSchema, TreeNodeSchema } from '../../golden/default/out/recursive.js';
import { ForecastSchema, WeatherContract } from '../../../schemas/generated/weather.js';

/** `[[[...]]]`, `depth` arrays deep. */
function deepList(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('needsDepthWalk', () => {
  it('skips the walk for schemas without a cycle or an open part (the weather contract)', () => {
    expect(needsDepthWalk(ForecastSchema)).toBe(false);
    for (const procedure of WeatherContract.procedures) expect(needsDepthWalk(procedure.args)).toBe(false);
    expect(
      needsDepthWalk(
        z.object({
          a: z.optional(z.array(z.nullable(z.string()))),
          b: z.union([z.literal('x'), z.tuple([z.number()], z.boolean())]),
          c: z.record(z.string(), z.enum(['p', 'q'])),
          d: isoDate(),
          e: z.string().check(z.minLength(1)),
          f: z.lazy(() => z.number()),
        }),
      ),
    ).toBe(false);
  });

  it('walks for recursive schemas (object getters and z.lazy)', () => {
    expect(needsDepthWalk(TreeNodeSchema)).toBe(true);
    expect(needsDepthWalk(FolderSchema)).toBe(true);
    expect(needsDepthWalk(JsonSchema)).toBe(true);
    expect(needsDepthWalk(z.object({ tree: z.optional(TreeNodeSchema) }))).toBe(true);
  });

  it('walks for parts that accept anything or run code of their own on the value', () => {
    expect(needsDepthWalk(z.object({ extra: z.unknown() }))).toBe(true);
    expect(needsDepthWalk(z.array(z.any()))).toBe(true);
    expect(needsDepthWalk(z.looseObject({ a: z.string() }))).toBe(true);
    expect(needsDepthWalk(z.object({ bytes: binary() }))).toBe(true);
    expect(needsDepthWalk(z.string().check(z.refine(() => true)))).toBe(true);
  });

  it('walks when reading the schema throws (a binding not initialised yet)', () => {
    expect(
      needsDepthWalk(
        z.lazy(() => {
          throw new ReferenceError('not initialised');
        }),
      ),
    ).toBe(true);
  });
});

describe('validation of deep values without the walk', () => {
  const uri = 'wamp.error.invalid_argument';

  it('refuses a deep value where the schema wants a string on its shape, with no RangeError', () => {
    const deep = deepList(10_000);
    const error = (() => {
      try {
        decodeValue(
          ForecastSchema,
          { city: deep, tempC: 1, sky: 'sun', issuedAt: 'x' },
          true,
          false,
          uri,
          'result',
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isWampError(error) && error.uri).toBe(uri);
    expect(JSON.stringify((error as { kwargs: unknown }).kwargs)).toContain('invalid_type');
  });

  it('strips a deep value under a key the schema does not declare when encoding', () => {
    const value = {
      city: 'Oslo',
      tempC: 1,
      sky: 'sun',
      issuedAt: '2024-01-01T00:00:00Z',
      extra: deepList(10_000),
    };
    expect(encodeValue(ForecastSchema, value, true, false, uri, 'result')).toEqual({
      city: 'Oslo',
      tempC: 1,
      sky: 'sun',
      issuedAt: '2024-01-01T00:00:00Z',
    });
  });

  it('still refuses a too-deep value for a recursive schema as too_deep', () => {
    const error = (() => {
      try {
        decodeArguments(z.tuple([JsonSchema]), [deepList(MAX_VALIDATE_DEPTH + 5)], false, 'arguments');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isWampError(error) && error.uri).toBe(uri);
    expect(JSON.stringify((error as { kwargs: unknown }).kwargs)).toContain('too_deep');
  });
});
