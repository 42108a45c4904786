import type { Dict, WampMessage } from '../protocol/messages.js';

/**
 * What a transport hands the router for one connection (WebSocket, RawSocket, in-memory).
 * The router never touches sockets directly; this is the seam.
 */
export interface PeerLink {
  /** Serializes and writes one message. */
  send(message: WampMessage): void;
  /** Closes the connection (after the router has sent ABORT/GOODBYE where due). */
  close(code: number, reason: string): void;
  /** Bytes written but not yet flushed to the peer; drives per-session backpressure. */
  readonly bufferedAmount: number;
  /** Reported as `transport` in session meta details, e.g. `{type: 'websocket', protocol: 'wamp.2.json'}`. */
  readonly transportDetails: Dict;
  /**
   * The session went back to waiting for HELLO (a client GOODBYE was answered): a transport with an
   * opening-handshake timeout restarts it, so an idle link cannot stay open for ever.
   */
  awaitHello?(): void;
}

/** What the router gives back for a connection: feed it inbound values, tell it when the link closes. */
export interface PeerHandle {
  /** One inbound value, deserialized but unchecked (the router decodes and validates it). */
  receive(value: unknown): void;
  /** The link closed or was lost. */
  closed(): void;
}

/** Anything that accepts connections: the router (and test doubles of it). */
export interface PeerAcceptor {
  /** Starts a session state machine for a new connection; the first inbound value must be HELLO. */
  attach(link: PeerLink): PeerHandle;
}
