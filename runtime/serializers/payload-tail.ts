/**
 * Payload passthrough: the bytes of a decoded message's Arguments and ArgumentsKw, kept beside the
 * decoded values so that a router can forward them to a receiver of the same serializer without
 * encoding them again.
 *
 * The frame is always decoded in full first (the decoder is the validator: UTF-8, depth, tags,
 * sizes), so the payload values exist and every other receiver, an in-memory one or one with
 * another serializer, is served from them exactly as before. What this module adds is a record,
 * keyed by the decoded Arguments list, of where those elements sit in the frame. An encoder that
 * meets the same Arguments list (by identity) and the same ArgumentsKw in an outbound message of
 * the same serializer writes the message head and copies the recorded bytes behind it.
 */
import type { SerializerName } from './types.js';

/** The encoded Arguments (and ArgumentsKw) of one decoded message. */
export interface PayloadTail {
  readonly serializer: SerializerName;
  /** The encoded elements, `Arguments` or `Arguments, ArgumentsKw` (JSON: with the comma between). */
  readonly bytes: Uint8Array;
  /** How many elements `bytes` holds: 1 (Arguments) or 2 (and ArgumentsKw). */
  readonly count: number;
  /** The decoded ArgumentsKw the bytes hold, or undefined when `count` is 1. */
  readonly kwargs: unknown;
}

const tails = new WeakMap<object, PayloadTail>();

/**
 * The index of Arguments in a message of type `type` that carries a payload routed between peers
 * (ERROR 5; PUBLISH, EVENT, CALL, INVOCATION 4; RESULT, YIELD 3), else 0.
 */
export function payloadIndex(type: unknown): number {
  switch (type) {
    case 48:
    case 68:
    case 16:
    case 36:
      return 4;
    case 70:
    case 50:
      return 3;
    case 8:
      return 5;
    default:
      return 0;
  }
}

/**
 * Records that elements `at..` of the decoded `message` are the bytes `frame[start, end)`.
 * Does nothing unless `message[at]` is a list and the message ends with its payload.
 */
export function keepPayloadTail(
  serializer: SerializerName,
  message: readonly unknown[],
  at: number,
  frame: Uint8Array,
  start: number,
  end: number,
): void {
  const args = message[at];
  const count = message.length - at;
  if (!Array.isArray(args) || count < 1 || count > 2 || start < 0 || end <= start) return;
  tails.set(args, { serializer, bytes: frame.subarray(start, end), count, kwargs: message[at + 1] });
}

/**
 * The recorded bytes for the payload of the outbound `message` in `serializer`, when its Arguments
 * list is one a frame of that serializer was decoded into and its ArgumentsKw is that frame's too;
 * else undefined (then the message is encoded as usual).
 */
export function payloadTailFor(
  serializer: SerializerName,
  message: readonly unknown[],
): PayloadTail | undefined {
  const at = payloadIndex(message[0]);
  if (at === 0 || message.length <= at) return undefined;
  const args = message[at];
  if (typeof args !== 'object' || args === null) return undefined;
  const tail = tails.get(args);
  if (tail === undefined || tail.serializer !== serializer) return undefined;
  if (message.length - at !== tail.count || (tail.count === 2 && message[at + 1] !== tail.kwargs))
    return undefined;
  return tail;
}
