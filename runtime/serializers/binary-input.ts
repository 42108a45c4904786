/**
 * Normalizes decoder input: a Node `Buffer` (a Uint8Array subclass) becomes a plain Uint8Array
 * view of the same memory, so the byte strings decoders slice out of it are plain Uint8Arrays too.
 */
export function asPlainBytes(data: string | Uint8Array, serializer: string): Uint8Array {
  if (typeof data === 'string') throw new TypeError(`${serializer} frames must be bytes, not text`);
  if (data.constructor === Uint8Array) return data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
