import type { WebSocket } from 'ws';
import type { Serializer } from '../../serializers/types.js';
import { type Frame, SplitFrame } from './frame-encoder.js';

/**
 * One complete WebSocket frame (header + payload) per EVENT, written as the same Buffer to every
 * subscriber's socket: `ws.send` would build a header, an options object and two socket writes
 * per subscriber. Server frames are unmasked (RFC 6455 5.1), so the bytes are identical for all.
 */

interface Slot {
  message: object | undefined;
  frame: Buffer;
}

// One slot per serializer: a fan-out to json, msgpack and cbor subscribers interleaves them.
const slots = new Map<Serializer, Slot>();

/**
 * The final, unmasked frame of `payload` (the `serializer` encoding of `message`), opcode 2 for
 * binary serializers and 1 for text. The last frame per serializer is cached by message identity,
 * like the encoder's EVENT cache.
 */
export function websocketFrame(message: object, payload: Frame, serializer: Serializer): Buffer {
  let slot = slots.get(serializer);
  if (slot !== undefined && slot.message === message) return slot.frame;
  const frame = buildFrame(
    payload instanceof SplitFrame ? payload.join() : payload,
    serializer.binary ? 2 : 1,
  );
  if (slot === undefined) {
    slot = { message, frame };
    slots.set(serializer, slot);
  } else {
    slot.message = message;
    slot.frame = frame;
  }
  return frame;
}

/** Header (RFC 6455 5.2, FIN set, no mask) and payload in one buffer. */
function buildFrame(payload: Uint8Array, opcode: number): Buffer {
  const frame = frameStart(payload.length, payload.length, opcode);
  frame.set(payload, frame.length - payload.length);
  return frame;
}

/**
 * The WebSocket header of the whole of `frame` followed by its head: what goes out before the
 * passthrough payload, which is then written from the inbound buffer (then `frame.end`).
 */
export function websocketFrameHead(frame: SplitFrame, serializer: Serializer): Buffer {
  const out = frameStart(frame.length, frame.head.length, serializer.binary ? 2 : 1);
  out.set(frame.head, out.length - frame.head.length);
  return out;
}

/** A buffer with the header of a `length`-byte message (FIN set, no mask) and room for `room` bytes after it. */
function frameStart(length: number, room: number, opcode: number): Buffer {
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + room);
  frame[0] = 0x80 | opcode;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  return frame;
}

/** The parts of ws's private sender this module relies on (checked, never assumed). */
interface SenderState {
  _state?: unknown;
  _queue?: { length: number };
  _firstFragment?: unknown;
}

/**
 * True when bytes written straight to the socket cannot interleave with a frame `ws` is still
 * building: the connection is open and its sender is idle (no deflate, blob read or fragment in
 * progress). Any other ws internals (another major version) give false: then `ws.send` is used.
 */
export function canWriteDirect(ws: WebSocket): boolean {
  if (ws.readyState !== 1) return false;
  const sender = (ws as unknown as { _sender?: SenderState | null })._sender;
  return (
    sender != null && sender._state === 0 && sender._queue?.length === 0 && sender._firstFragment === true
  );
}
