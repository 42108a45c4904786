/**
 * Decodes inbound frames for the router's socket links and, for messages that carry a payload
 * routed to other peers, records where that payload sits in the frame (payload passthrough,
 * `serializers/payload-tail.ts`): a receiver with the same serializer then gets those bytes
 * copied, not a re-encoding of the decoded values. The frame is decoded in full either way, so
 * every decoder check (UTF-8, depth, tags, extensions, sizes) still runs on every byte.
 */
import { cborElementStart } from '../../serializers/cbor-decode.js';
import { jsonPayloadRange } from '../../serializers/json-passthrough.js';
import { msgpackElementStart } from '../../serializers/msgpack-decode.js';
import { keepPayloadTail, payloadIndex } from '../../serializers/payload-tail.js';
import type { Serializer } from '../../serializers/types.js';

/**
 * Payloads smaller than this are re-encoded: below it, finding and copying the bytes costs about
 * what encoding them does (bench/RESULTS.md, "Payload passthrough").
 */
export const MIN_PASSTHROUGH_BYTES = 256;

/**
 * Deserializes one frame (`text`: the frame already decoded as UTF-8 text, for JSON text frames);
 * throws what the serializer throws.
 */
export function decodeInbound(serializer: Serializer, frame: Uint8Array, text: string | undefined): unknown {
  const value = serializer.deserialize(text ?? frame);
  if (frame.length < MIN_PASSTHROUGH_BYTES || !Array.isArray(value)) return value;
  const at = payloadIndex(value[0]);
  if (at === 0 || value.length <= at) return value;
  const name = serializer.name;
  if (name === 'json') {
    const range = jsonPayloadRange(frame, at);
    if (range !== undefined) keepPayloadTail(name, value, at, frame, range[0], range[1]);
  } else {
    const start = name === 'msgpack' ? msgpackElementStart(at) : cborElementStart(at);
    if (start > 0) keepPayloadTail(name, value, at, frame, start, frame.length);
  }
  return value;
}
