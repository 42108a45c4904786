import type { WampMessage } from '../protocol/messages.js';
import type { Serializer } from '../serializers/types.js';

/** Why a transport closed. */
export interface CloseInfo {
  /** WebSocket close code, or 1006 for an abnormal drop. */
  readonly code: number;
  readonly reason: string;
  /** True when the transport was closed on purpose (by either side) rather than lost. */
  readonly wasClean: boolean;
}

/**
 * The client side of a connection: sends and receives whole WAMP messages.
 *
 * Implementations: WebSocket (`ws` in Node, the global `WebSocket` in browsers), RawSocket,
 * and an in-memory pair joined directly to the embedded router.
 */
export interface Transport {
  /** The serializer agreed for this connection (in-memory transports may report `json`). */
  readonly serializer: Serializer;
  /** Sends one message. Throws if the transport is closed or the message cannot be encoded. */
  send(message: WampMessage): void;
  /** Closes the transport; `onClose` fires once. */
  close(code?: number, reason?: string): void;
  /** Called with each inbound value, already deserialized but not yet checked. */
  onMessage: (value: unknown) => void;
  /** Called once when the transport closes for any reason. */
  onClose: (info: CloseInfo) => void;
  /**
   * Optional keep-alive support: sends one transport-level ping (a WebSocket ping frame, a
   * RawSocket PING) and calls `onPong` when the answer arrives. The session's `ping` option
   * applies to every transport that has it, custom ones included; a transport without it (the
   * browser `WebSocket`, which cannot send pings) gets no keep-alive.
   */
  ping?(): void;
  /** Set by the keep-alive before the first `ping()`; the transport calls it on each pong. */
  onPong?: (() => void) | undefined;
  /**
   * Optional: drops the connection at once, without a closing handshake (a dead peer would never
   * answer one); `onClose` follows with code 1006 and `reason`. Without it the keep-alive calls
   * `close()`.
   */
  terminate?(reason: string): void;
}

/**
 * Opens a transport; resolves once it is ready to carry HELLO. The session passes a `signal`
 * that aborts when it stops waiting (connect timeout, close()); factories should then give up
 * and release what they opened.
 */
export type TransportFactory = (signal?: AbortSignal) => Promise<Transport>;

/** Keep-alive: a transport-level ping every `interval` ms; no pong in `timeout` ms = the link is dead. */
export interface PingOptions {
  interval: number;
  timeout: number;
}

/** TLS settings passed through to `ws` / `node:tls` for `wss://` (Node only). */
export interface TlsOptions {
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  cert?: string | Uint8Array;
  key?: string | Uint8Array;
  passphrase?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}
