import { ErrorUri } from '../protocol/uris.js';
import { WampError } from '../protocol/wamp-error.js';

/** Stable codes for why a session could not do what was asked. */
export type ConnectionErrorCode =
  | 'connection_lost' // the transport dropped while the request was in flight
  | 'connect_failed' // the transport could not be opened
  | 'connect_timeout' // opening and joining took longer than `connectTimeout`
  | 'not_joined' // the session is between connections (reconnecting) or closed
  | 'session_closed' // the session left on purpose (leave(), dispose, router GOODBYE)
  | 'protocol_violation'; // the peer broke the protocol; the session was aborted

/**
 * A request failed because of the connection, not because the peer answered ERROR.
 *
 * It is a {@link WampError} (uri `wamp.error.network_failure`, or `wamp.error.protocol_violation`
 * for `protocol_violation`) so one `catch` handles both; branch on `code`.
 */
export class ConnectionError extends WampError {
  /** What went wrong, as a stable code. */
  readonly code: ConnectionErrorCode;

  constructor(code: ConnectionErrorCode, message: string, options?: ErrorOptions) {
    const uri = code === 'protocol_violation' ? ErrorUri.PROTOCOL_VIOLATION : ErrorUri.NETWORK_FAILURE;
    super(uri, [message], {}, { code }, options);
    this.name = 'ConnectionError';
    this.code = code;
  }
}

/** True when `value` is a {@link ConnectionError} (checks `name` and `code`, not `instanceof`). */
export function isConnectionError(value: unknown): value is ConnectionError {
  return (
    value instanceof Error &&
    value.name === 'ConnectionError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
