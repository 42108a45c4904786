import type { WampMessage } from '../../protocol/messages.js';
import { encodeCborWithTail } from '../../serializers/cbor-encode.js';
import { encodeJsonWithTail } from '../../serializers/json-passthrough.js';
import { encodeMsgpackWithTail } from '../../serializers/msgpack-encode.js';
import { payloadIndex, payloadTailFor } from '../../serializers/payload-tail.js';
import type { Serializer } from '../../serializers/types.js';

/**
 * Passthrough payloads from this size on are not copied into the outbound message: it is written as
 * its head, the payload bytes where they arrived, and the end (see {@link SplitFrame}). Below it, one
 * copy costs less than the extra writes (bench/RESULTS.md, "Payload passthrough"). A payload whose
 * inbound buffer is more than twice its size is copied all the same (see `holdsMuchMore`).
 */
export const MIN_SPLIT_BYTES = 8 * 1024;

/**
 * An encoded message whose payload stays in the inbound frame it was decoded from: `head` (the
 * message up to its payload), `payload` (a view of the sender's bytes, never copied) and `end`
 * (JSON's closing bracket, else empty). Links write the three in one batch; the bytes are those of
 * the joined message.
 */
export class SplitFrame {
  readonly length: number;

  constructor(
    readonly head: Uint8Array,
    readonly payload: Uint8Array,
    readonly end: Uint8Array,
  ) {
    this.length = head.length + payload.length + end.length;
  }

  #joined: Uint8Array | undefined;

  /**
   * The whole message in one buffer, for a writer that needs one (a copy of the payload, made once:
   * an EVENT's frame is shared by its fan-out).
   */
  join(): Uint8Array {
    if (this.#joined !== undefined) return this.#joined;
    const out = Buffer.allocUnsafe(this.length);
    out.set(this.head, 0);
    out.set(this.payload, this.head.length);
    out.set(this.end, this.head.length + this.payload.length);
    this.#joined = out;
    return out;
  }
}

/** An encoded message: its bytes, or a {@link SplitFrame} for a large passthrough payload. */
export type Frame = Uint8Array | SplitFrame;

interface Slot {
  message: WampMessage | undefined;
  frame: Frame;
  /** What the serializer threw for `message` (then `frame` is empty). */
  error: unknown;
}

const EMPTY = new Uint8Array(0);
const CLOSE_LIST = Uint8Array.of(0x5d);

const slots = new Map<Serializer, Slot>();

/**
 * Serializes a message to bytes. The broker sends one EVENT array to every subscriber of a
 * subscription, so the last EVENT per serializer is remembered by identity and encoded once for
 * the whole fan-out; a failure is remembered the same way. Throws what the serializer throws.
 */
export function encodeFrame(serializer: Serializer, message: WampMessage): Frame {
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
  let frame: Frame;
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
 * Encodes `message`; a payload decoded from a frame of the same serializer is taken from that frame
 * instead of encoded again (payload passthrough, see frame-decoder.ts): copied behind the head, or,
 * from {@link MIN_SPLIT_BYTES} on, left where it is in a {@link SplitFrame}.
 */
function serialize(serializer: Serializer, message: WampMessage): Frame {
  const name = serializer.name;
  const tail = payloadTailFor(name, message);
  if (tail === undefined) return toBytes(serializer.serialize(message));
  const head = message.slice(0, payloadIndex(message[0]));
  const split = tail.bytes.length >= MIN_SPLIT_BYTES && !holdsMuchMore(tail.bytes);
  if (name === 'json') {
    if (!split) return encodeJsonWithTail(head, tail.bytes, Buffer.allocUnsafe);
    // `[head,]` with an empty tail: everything up to the payload, then the closing bracket.
    const joined = encodeJsonWithTail(head, EMPTY, Buffer.allocUnsafe);
    return new SplitFrame(joined.subarray(0, joined.length - 1), tail.bytes, CLOSE_LIST);
  }
  const encode = name === 'msgpack' ? encodeMsgpackWithTail : encodeCborWithTail;
  // The array header counts the payload elements, so an empty tail gives exactly the head's bytes.
  if (split) return new SplitFrame(encode(head, message.length, EMPTY), tail.bytes, EMPTY);
  return encode(head, message.length, tail.bytes);
}

/**
 * True when `view` is a small part of the memory it keeps alive (a message that arrived in one TCP
 * read with much else). A split frame holds the inbound buffer until the socket has written it,
 * while flow control counts only the message's bytes: such a payload is copied instead, so queued
 * frames never hold more than twice what is counted.
 */
function holdsMuchMore(view: Uint8Array): boolean {
  return view.buffer.byteLength > 2 * view.byteLength;
}

function toBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}
