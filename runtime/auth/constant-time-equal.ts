/** Comparison whose running time does not depend on where two secrets first differ. */
import { utf8 } from './webcrypto.js';

/**
 * True when `a` and `b` are equal, comparing every byte (time depends only on the lengths).
 * Strings are compared as UTF-8.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === 'string' ? utf8(a) : a;
  const y = typeof b === 'string' ? utf8(b) : b;
  const n = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
