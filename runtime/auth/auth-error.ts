/** Stable codes for bad inputs to the credential computations. */
export type AuthComputationErrorCode =
  | 'invalid_hex' // not an even-length hex string
  | 'invalid_length' // a key, challenge, channel id or signature of the wrong size
  | 'invalid_argument' // e.g. an empty WAMP-CRA key, or iterations < 1
  | 'unsupported'; // WebCrypto (or its Ed25519) is not available in this runtime

/** Thrown by the auth helpers for unusable inputs; `code` is stable. Verification failures return false instead. */
export class AuthComputationError extends Error {
  override readonly name = 'AuthComputationError';
  readonly code: AuthComputationErrorCode;

  constructor(code: AuthComputationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for an {@link AuthComputationError}, checked by `name`. */
export function isAuthComputationError(value: unknown): value is AuthComputationError {
  return value instanceof Error && value.name === 'AuthComputationError' && 'code' in value;
}
