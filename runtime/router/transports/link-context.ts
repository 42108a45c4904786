import type { PeerAcceptor } from '../../transport/peer-link.js';
import type { ConnectionGate } from './connection-gate.js';
import type { FlowControl } from './flow-control.js';
import type { TransportReporter } from './transport-log.js';

/** What every listener shares with the connections it creates. */
export interface LinkContext {
  /** The router (or a test double) that gets one PeerLink per connection. */
  readonly acceptor: PeerAcceptor;
  readonly flow: FlowControl;
  readonly reporter: TransportReporter;
  /** Largest inbound message in bytes; larger ones close the connection. */
  readonly maxMessageSize: number;
  /** A connection not sent WELCOME within this many ms is closed (0: never; default 30 s). */
  readonly openTimeoutMs?: number;
  /** Total and per-address connection caps (absent: no caps). */
  readonly gate?: ConnectionGate;
  /**
   * A WebSocket upgrade request or RawSocket handshake not complete this many ms after the TCP
   * connection opened is dropped (default 10 s).
   */
  readonly handshakeTimeoutMs?: number;
  /** Keep-alive: ping a connection idle this long, in ms (0 or absent: off). */
  readonly pingIntervalMs?: number;
  /** Keep-alive: close a pinged connection that sends nothing for this long, in ms (default 10 s). */
  readonly pingTimeoutMs?: number;
  /** TCP keep-alive initial delay on accepted sockets, in ms (0 or absent: off). */
  readonly tcpKeepAliveMs?: number;
}

/** Default of {@link LinkContext.handshakeTimeoutMs}. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Default of {@link LinkContext.openTimeoutMs}. */
export const DEFAULT_OPEN_TIMEOUT_MS = 30_000;
/** ABORT reason when the opening handshake takes too long. */
export const OPEN_TIMEOUT_REASON = 'wamp.error.timeout';

/** Starts the opening-handshake timer of a link, or returns undefined when it is disabled. */
export function startOpenTimer(
  ctx: LinkContext,
  onTimeout: (ms: number) => void,
): ReturnType<typeof setTimeout> | undefined {
  const ms = ctx.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
  if (ms <= 0) return undefined;
  const timer = setTimeout(onTimeout, ms, ms);
  timer.unref();
  return timer;
}

/** ABORT reason used when the transport itself ends a session for a limit. */
export const TRANSPORT_KILL_REASON = 'wamp.close.killed';
/** ABORT reason for frames that do not deserialize. */
export const PROTOCOL_VIOLATION = 'wamp.error.protocol_violation';
/** ABORT reason for inbound frames over the size limit (checklist C.2). */
export const PAYLOAD_SIZE_EXCEEDED = 'wamp.error.payload_size_exceeded';

/** Formats a remote address as `host:port` (IPv6 hosts in brackets). */
export function formatPeer(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return 'unknown';
  const host = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}
