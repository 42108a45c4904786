import type { Dict, WampMessage } from '../protocol/messages.js';

/**
 * What a transport hands the router for one connection (WebSocket, RawSocket, in-memory).
 * The router never touches sockets directly; this is the seam.
 */
export interface PeerLink {
  /**
   * Serializes and writes one message. A link may refuse one INVOCATION, RESULT, ERROR or EVENT it
   * cannot deliver (not encodable for this peer's serializer, or larger than the peer accepts) by
   * returning a {@link SendRefused} and staying open: the router then answers the message's sender.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: links that never refuse (in-memory, user code) keep returning void.
  send(message: WampMessage): SendRefused | undefined | void;
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

/** Why a link did not send one message; the link and its session stay as they were. */
export interface SendRefused {
  /** `too_large`: over the receiver's message size limit; `unencodable`: its serializer refused the value. */
  readonly kind: 'too_large' | 'unencodable';
  /** Says what failed, for the ERROR sent to the message's sender. */
  readonly message: string;
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
