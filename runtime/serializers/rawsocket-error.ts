/** Errors from RawSocket framing; every one means "fail the connection". */

/** Stable codes for framing failures; each one means "fail the connection". */
export type RawSocketFramingErrorCode =
  | 'bad_magic' // first handshake byte is not 0x7F (not RawSocket, or a shared HTTP port)
  | 'reserved_bits' // reserved handshake bytes or header RRRR bits are not zero
  | 'bad_serializer' // serializer id 0 in a request
  | 'handshake_refused' // the router answered with an error code
  | 'unknown_frame_type' // TTT is 3..7
  | 'bad_length' // X bit set with non-zero length bits
  | 'too_large'; // a frame longer than the reader's limit

/** Thrown by the frame reader and encoders; `code` is stable. */
export class RawSocketFramingError extends Error {
  override readonly name = 'RawSocketFramingError';
  readonly code: RawSocketFramingErrorCode;

  constructor(code: RawSocketFramingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a {@link RawSocketFramingError}, checked by `name`. */
export function isRawSocketFramingError(value: unknown): value is RawSocketFramingError {
  return value instanceof Error && value.name === 'RawSocketFramingError' && 'code' in value;
}
