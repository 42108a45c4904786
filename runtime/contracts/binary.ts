import * as z from 'zod/mini';
import './zod-messages.js';

/**
 * The validator generated for `Uint8Array` (WAMP binary). Like `z.instanceof(Uint8Array)`, but typed as
 * plain `Uint8Array`, so a Node `Buffer` or any `Uint8Array<ArrayBufferLike>` is accepted by the types too.
 */
export function binary() {
  return z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
    message: 'Invalid input: expected Uint8Array',
  });
}
