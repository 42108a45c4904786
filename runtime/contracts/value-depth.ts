/**
 * The nesting limit of validated values. zod validates recursive schemas by recursion, so a deep
 * enough value (a 10,000-level tree) would overflow the stack; values are measured first and
 * refused beyond the limit the serializers use for encoding.
 */
import { MAX_ENCODE_DEPTH } from '../serializers/serialize-error.js';

/** The deepest nesting generated validators accept (arrays and objects; the payload itself is level 1). */
export const MAX_VALIDATE_DEPTH = MAX_ENCODE_DEPTH;

/**
 * True when `value` nests arrays/objects deeper than `limit`. The walk recurses at most `limit`
 * frames deep (it stops at the first excess), so it cannot overflow, and it allocates nothing.
 */
export function exceedsDepth(value: unknown, limit: number = MAX_VALIDATE_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  if (ArrayBuffer.isView(value) || value instanceof Date) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (exceedsDepth(value[i], limit - 1)) return true;
    return false;
  }
  const dict = value as Record<string, unknown>;
  for (const key in dict) if (exceedsDepth(dict[key], limit - 1)) return true;
  return false;
}
