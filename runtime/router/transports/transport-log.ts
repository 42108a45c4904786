/**
 * Diagnostics emitted by the router's transports: every closed-on-purpose connection and every
 * dropped frame produces one event, so nothing is lost silently.
 */

/** Stable codes of transport diagnostics. */
export const TransportEventCode = {
  /** A frame did not deserialize; the session got ABORT `wamp.error.protocol_violation`. */
  DESERIALIZE_FAILED: 'transport.deserialize_failed',
  /** An inbound frame exceeded `maxMessageSize`; the connection was closed. */
  MESSAGE_TOO_LARGE: 'transport.message_too_large',
  /** An outbound message could not be serialized (an EVENT is skipped, else the session ends). */
  SERIALIZE_FAILED: 'transport.serialize_failed',
  /** An outbound message exceeded the peer's RawSocket limit and was not sent. */
  OUTBOUND_TOO_LARGE: 'transport.outbound_too_large',
  /** The outbound queue passed `maxQueueBytes`; the connection was closed. */
  QUEUE_OVERFLOW: 'transport.queue_overflow',
  /** A congested connection drained nothing for `slowConsumerTimeoutMs`; it was closed. */
  SLOW_CONSUMER: 'transport.slow_consumer',
  /** No WELCOME within `openTimeoutMs` of connecting; the connection was closed. */
  OPEN_TIMEOUT: 'transport.open_timeout',
  /** A RawSocket handshake or frame header was invalid. */
  RAWSOCKET_PROTOCOL: 'transport.rawsocket_protocol',
  /** A connection was refused because `maxConnections` or `maxConnectionsPerIp` was reached. */
  CONNECTION_REFUSED: 'transport.connection_refused',
  /** No complete WebSocket upgrade request or RawSocket handshake within `handshakeTimeoutMs`. */
  HANDSHAKE_TIMEOUT: 'transport.handshake_timeout',
  /** A peer did not answer a keep-alive ping within `pingTimeoutMs`; the connection was closed. */
  KEEPALIVE_TIMEOUT: 'transport.keepalive_timeout',
  /** A WebSocket upgrade was refused (path or subprotocol). */
  UPGRADE_REFUSED: 'transport.upgrade_refused',
  /** The router threw while handling an inbound message (a bug); the connection was closed. */
  INTERNAL_ERROR: 'transport.internal_error',
  /** A socket reported an error. */
  SOCKET_ERROR: 'transport.socket_error',
} as const;

/** One of {@link TransportEventCode}'s values. */
export type TransportEventCodeValue = (typeof TransportEventCode)[keyof typeof TransportEventCode];

/** One diagnostic event. */
export interface TransportEvent {
  readonly code: TransportEventCodeValue;
  /** The remote address, `host:port`, when known. */
  readonly peer: string;
  readonly message: string;
}

/** Receives diagnostics; the default discards them after counting. */
export type TransportLog = (event: TransportEvent) => void;

/** Counters per event code, kept whether or not a log function is set. */
export type TransportCounters = Record<TransportEventCodeValue, number>;

/** Creates zeroed counters. */
export function createTransportCounters(): TransportCounters {
  const counters = {} as TransportCounters;
  for (const code of Object.values(TransportEventCode)) counters[code] = 0;
  return counters;
}

/** Something that counts and optionally logs transport events. */
export interface TransportReporter {
  readonly counters: TransportCounters;
  report(code: TransportEventCodeValue, peer: string, message: string): void;
}

/** Creates a reporter that counts every event and forwards it to `log` when given. */
export function createTransportReporter(log?: TransportLog): TransportReporter {
  const counters = createTransportCounters();
  return {
    counters,
    report(code, peer, message) {
      counters[code]++;
      log?.({ code, peer, message });
    },
  };
}
