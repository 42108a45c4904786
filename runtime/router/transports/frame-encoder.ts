import type { WampMessage } from '../../protocol/messages.js';
import { encodeCborWithTail } from '../../serializers/cbor-encode.js';
import { encodeJsonWithTail } from '../../serializers/json-passthrough.js';
import { encodeMsgpackWithTail } from '../../serializers/msgpack-encode.js';
import { payloadIndex, payloadTailFor } from '../../serializers/payload-tail.js';
import type { Serializer } from '../../serializers/types.js';

interface Slot {
  message: WampMessage | undefined;
  frame: Uint8Array;
  /** What the serializer threw for `message` (then `frame` is empty). */
  error: unknown;
}

const EMPTY = new Uint8Array(0);

const slots = new Map<Serializer, Slot>();

/**
 * Serializes a message to bytes. The broker sends one EVENT array to every subscriber of a
 * subscription, so the last EVENT per serializer is remembered by identity and encoded once for
 * the whole fan-out; a failure is remembered the same way. Throws what the serializer throws.
 */
export function encodeFrame(serializer: Serializer, message: WampMessage): Uint8Array {
  if (message[0] !== 36) return serialize(serializer, message);
  let slot = slots.get(serializer);
  if (slot !== undefined && slot.message === message) {
    // One failed encode answers the whole fan-out of this serializer: no re-encode per subscriber.
    if (slot.error !== undefined) throw slot.error;
    return slot.frame;
  }
  if (slot === undefined) {
    slot = { message: undefined, frame: EMPTY, error: undefined };
    slots.set(serializer, slot);
  }
  let frame: Uint8Array;
  try {
    frame = serialize(serializer, message);
  } catch (error) {
    slot.message = message;
    slot.frame = EMPTY;
    slot.error = error ?? new Error('serializer failed');
    throw slot.error;
  }
  slot.message = message;
  slot.frame = frame;
  slot.error = undefined;
  return frame;
}

/**
 * Encodes `message`; a payload decoded from a frame of the same serializer is copied from that
 * frame instead of encoded again (payload passthrough, see frame-decoder.ts).
 */
function serialize(serializer: Serializer, message: WampMessage): Uint8Array {
  const name = serializer.name;
  const tail = payloadTailFor(name, message);
  if (tail === undefined) return toBytes(serializer.serialize(message));
  const head = message.slice(0, payloadIndex(message[0]));
  if (name === 'json') return encodeJsonWithTail(head, tail.bytes, Buffer.allocUnsafe);
  const encode = name === 'msgpack' ? encodeMsgpackWithTail : encodeCborWithTail;
  return encode(head, message.length, tail.bytes);
}

function toBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}
