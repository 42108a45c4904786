import type { WampMessage } from '../../protocol/messages.js';
import type { Serializer } from '../../serializers/types.js';

interface Slot {
  message: WampMessage | undefined;
  frame: Uint8Array;
}

const slots = new Map<Serializer, Slot>();

/**
 * Serializes a message to bytes. The broker sends one EVENT array to every subscriber of a
 * subscription, so the last EVENT per serializer is remembered by identity and encoded once for
 * the whole fan-out. Throws what the serializer throws.
 */
export function encodeFrame(serializer: Serializer, message: WampMessage): Uint8Array {
  if (message[0] !== 36) return toBytes(serializer.serialize(message));
  let slot = slots.get(serializer);
  if (slot !== undefined && slot.message === message) return slot.frame;
  const frame = toBytes(serializer.serialize(message));
  if (slot === undefined) {
    slot = { message, frame };
    slots.set(serializer, slot);
  } else {
    slot.message = message;
    slot.frame = frame;
  }
  return frame;
}

function toBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}
