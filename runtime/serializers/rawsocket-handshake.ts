/**
 * The RawSocket opening handshake: `0x7F, (L << 4) | S, 0, 0`, where the sender will *receive*
 * at most 2^(9+L) bytes per frame and S is the serializer id; a refusal is `0x7F, E << 4, 0, 0`.
 */
import type { RawSocketFramingErrorCode } from './rawsocket-error.js';

/** First byte of every handshake. */
export const RAWSOCKET_MAGIC = 0x7f;

/** Error codes a router puts in the high nibble of a refusal. */
export const RawSocketHandshakeErrors = {
  serializerUnsupported: 1,
  lengthUnacceptable: 2,
  reservedBitsUsed: 3,
  maxConnectionsReached: 4,
} as const;

/** A successfully parsed handshake (request or accepting reply). */
export interface RawSocketHandshake {
  readonly serializerId: number;
  /** L, 0..15. */
  readonly lengthExponent: number;
  /** 2^(9+L): the most this peer will receive in one frame. */
  readonly maxLength: number;
}

/** Result of parsing 4 handshake bytes. `errorCode` is the refusal code (sent or to send). */
export type RawSocketHandshakeResult =
  | { readonly ok: true; readonly handshake: RawSocketHandshake }
  | {
      readonly ok: false;
      readonly code: RawSocketFramingErrorCode;
      readonly message: string;
      readonly errorCode?: number;
    };

/** 2^(9+L) for L in 0..15. */
export function rawSocketMaxLength(lengthExponent: number): number {
  if (!Number.isInteger(lengthExponent) || lengthExponent < 0 || lengthExponent > 15) {
    throw new RangeError(`RawSocket length exponent must be 0..15, got ${lengthExponent}`);
  }
  return 2 ** (9 + lengthExponent);
}

/** The largest L whose 2^(9+L) does not exceed `maxLength` (0 below 512, 15 from 16 MiB up). */
export function rawSocketLengthExponent(maxLength: number): number {
  let l = 0;
  while (l < 15 && 2 ** (10 + l) <= maxLength) l++;
  return l;
}

/** Builds a client request or an accepting router reply: `0x7F, (L<<4)|S, 0, 0`. */
export function encodeRawSocketHandshake(serializerId: number, lengthExponent: number): Uint8Array {
  rawSocketMaxLength(lengthExponent);
  if (!Number.isInteger(serializerId) || serializerId < 1 || serializerId > 15) {
    throw new RangeError(`RawSocket serializer id must be 1..15, got ${serializerId}`);
  }
  return Uint8Array.of(RAWSOCKET_MAGIC, (lengthExponent << 4) | serializerId, 0, 0);
}

/** Builds a router refusal `0x7F, E<<4, 0, 0` (E from {@link RawSocketHandshakeErrors}). */
export function encodeRawSocketHandshakeError(errorCode: number): Uint8Array {
  if (!Number.isInteger(errorCode) || errorCode < 1 || errorCode > 15) {
    throw new RangeError(`RawSocket handshake error code must be 1..15, got ${errorCode}`);
  }
  return Uint8Array.of(RAWSOCKET_MAGIC, errorCode << 4, 0, 0);
}

/** Checks magic and reserved bytes shared by both handshake forms. */
function checkHandshakeFrame(bytes: Uint8Array): RawSocketHandshakeResult | undefined {
  if (bytes.length < 4) return { ok: false, code: 'bad_length', message: 'handshake needs 4 bytes' };
  if (bytes[0] !== RAWSOCKET_MAGIC) {
    return {
      ok: false,
      code: 'bad_magic',
      message: `handshake starts with 0x${bytes[0]!.toString(16)}, not 0x7f`,
    };
  }
  return undefined;
}

/** Parses a client's request on the router side; a failure carries the `errorCode` to reply with. */
export function parseRawSocketHandshakeRequest(bytes: Uint8Array): RawSocketHandshakeResult {
  const bad = checkHandshakeFrame(bytes);
  if (bad !== undefined) return bad;
  if (bytes[2] !== 0 || bytes[3] !== 0) {
    return {
      ok: false,
      code: 'reserved_bits',
      message: 'handshake reserved bytes are not zero',
      errorCode: 3,
    };
  }
  const serializerId = bytes[1]! & 0x0f;
  if (serializerId === 0) {
    return { ok: false, code: 'bad_serializer', message: 'serializer id 0 is illegal', errorCode: 1 };
  }
  const lengthExponent = bytes[1]! >> 4;
  return { ok: true, handshake: { serializerId, lengthExponent, maxLength: 2 ** (9 + lengthExponent) } };
}

/** Parses the router's reply on the client side; a refusal carries the router's `errorCode`. */
export function parseRawSocketHandshakeReply(bytes: Uint8Array): RawSocketHandshakeResult {
  const bad = checkHandshakeFrame(bytes);
  if (bad !== undefined) return bad;
  if (bytes[2] !== 0 || bytes[3] !== 0) {
    return { ok: false, code: 'reserved_bits', message: 'handshake reply reserved bytes are not zero' };
  }
  const serializerId = bytes[1]! & 0x0f;
  const high = bytes[1]! >> 4;
  if (serializerId === 0) {
    return {
      ok: false,
      code: 'handshake_refused',
      message: `router refused the handshake (error ${high})`,
      errorCode: high,
    };
  }
  return { ok: true, handshake: { serializerId, lengthExponent: high, maxLength: 2 ** (9 + high) } };
}
