/** Serializer names and their WebSocket subprotocols and RawSocket ids. */
export type SerializerName = 'json' | 'msgpack' | 'cbor';

/**
 * Turns WAMP messages (arrays) into frames and back.
 *
 * `deserialize` may throw on malformed input; use `decodeFrame` from `./decode-frame.js`
 * (which never throws) on untrusted data.
 */
export interface Serializer {
  readonly name: SerializerName;
  /** `wamp.2.json`, `wamp.2.msgpack` or `wamp.2.cbor`. */
  readonly subprotocol: string;
  /** The RawSocket serializer id: 1 json, 2 msgpack, 3 cbor. */
  readonly rawSocketId: number;
  /** True when frames are binary (WebSocket binary messages); JSON uses text frames. */
  readonly binary: boolean;
  /** Encodes one message. JSON returns a string, the binary serializers a `Uint8Array`. */
  serialize(message: readonly unknown[]): string | Uint8Array;
  /** Decodes one frame to a plain value (not yet checked as a WAMP message). */
  deserialize(data: string | Uint8Array): unknown;
}
