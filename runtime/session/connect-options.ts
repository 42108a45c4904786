/**
 * Options of `connect()`: where to connect, how to authenticate, and how to behave when the link
 * drops. Every option but `realm` (and `url` or `transport`) has a default.
 */
import type { Dict, MessageDirection, WampMessage } from '../protocol/messages.js';

export type { MessageDirection };
import type { Serializer, SerializerName } from '../serializers/types.js';
import type { CloseInfo, PingOptions, TlsOptions, TransportFactory } from '../transport/types.js';

export type { PingOptions, TlsOptions };
import type { ErrorRegistry } from './error-registry.js';

/** What an `onChallenge` escape hatch returns: the signature, or the signature plus extra. */
export type ChallengeAnswer = string | { signature: string; extra?: Dict };

/** Computes the AUTHENTICATE answer for a CHALLENGE; used for methods we do not compute. */
export type ChallengeHandler = (method: string, extra: Dict) => ChallengeAnswer | Promise<ChallengeAnswer>;

/** Fields every auth method may carry. */
interface AuthCommon {
  authid?: string;
  authrole?: string;
  authextra?: Dict;
  /** Overrides the computed answer (or answers methods this runtime does not compute). */
  onChallenge?: ChallengeHandler;
}

/** How the session authenticates. */
export type AuthOptions =
  | (AuthCommon & { method: 'anonymous' })
  | (AuthCommon & { method: 'ticket'; authid: string; ticket: string })
  | (AuthCommon & { method: 'wampcra'; authid: string; secret: string })
  | (AuthCommon & { method: 'cryptosign'; privateKey: string })
  | (AuthCommon & { method: 'custom'; authmethods: string[]; onChallenge: ChallengeHandler });

/** Reconnect policy: exponential backoff with full jitter, bounded by `maxAttempts`. */
export interface ReconnectOptions {
  /** Attempts per outage before giving up (default 10; `Infinity` for no limit). */
  maxAttempts?: number;
  /** Delay before the first retry, ms (default 250). */
  initialDelay?: number;
  /** Upper bound of one delay, ms (default 10_000). */
  maxDelay?: number;
  /** Growth factor per attempt (default 2). */
  factor?: number;
  /** Fraction of each delay that is randomised, 0..1 (default 0.5). */
  jitter?: number;
}

/**
 * Retrying a registration or subscription the router refuses while restoring it after a
 * reconnect (on a cluster the old node may still hold it: `wamp.error.procedure_already_exists`).
 */
export interface RestoreRetryOptions {
  /** How long to keep retrying before giving up, ms from the first refusal (default 30_000; 0: never retry). */
  period?: number;
  /** Delay before the first retry, ms (default 500); it doubles per retry. */
  initialDelay?: number;
  /** Upper bound of one delay, ms (default 5_000). */
  maxDelay?: number;
}

/** A refused restore that will be tried again, given to `onRestoreRetry`/`'restore-retry'` listeners. */
export interface RestoreRetryInfo {
  readonly kind: 'registration' | 'subscription';
  /** The procedure or topic. */
  readonly uri: string;
  /** 1 for the first retry. */
  readonly attempt: number;
  /** ms until the retry. */
  readonly delay: number;
  /** The refusal (a `WampError`, e.g. `wamp.error.procedure_already_exists`). */
  readonly error: unknown;
}

/** A restore given up for good, given to `onRestoreFailed`/`'restore-failed'` listeners. */
export interface RestoreFailedInfo {
  readonly kind: 'registration' | 'subscription';
  readonly uri: string;
  /** Requests the router refused, the first one included. */
  readonly attempts: number;
  /** The last refusal. */
  readonly error: unknown;
}

/** Observes every inbound (after decoding) and outbound message; must not mutate it. */
export type MessageHook = (direction: MessageDirection, message: WampMessage) => void;

/** A debug log line: an event name and its data. */
export type DebugLogger = (event: string, data?: Dict) => void;

/** Details of a join, given to `onJoin`/`'join'` listeners. */
export interface JoinInfo {
  readonly sessionId: number;
  readonly realm: string;
  readonly authid?: string;
  readonly authrole?: string;
  readonly authmethod?: string;
  /** WELCOME.Details as received (router roles and features included). */
  readonly details: Dict;
  /** True when this join follows a reconnect (registrations and subscriptions were restored). */
  readonly reconnected: boolean;
}

/** Details of a transport loss, given to `onDisconnect`/`'disconnect'` listeners. */
export interface DisconnectInfo extends CloseInfo {
  /** True when the session will try to reconnect. */
  readonly willReconnect: boolean;
}

/** Lifecycle events, named after autobahn's onconnect/onchallenge/onjoin/onleave/ondisconnect. */
export interface SessionEvents {
  /** The transport opened (HELLO goes out next). */
  connect: () => void;
  /** The router sent CHALLENGE for `method`. */
  challenge: (method: string, extra: Dict) => void;
  /** The session joined (after a reconnect: once everything was restored). */
  join: (info: JoinInfo) => void;
  /** The session ended (GOODBYE either way, ABORT, or a protocol violation). */
  leave: (reason: string, message: string) => void;
  /** The transport closed. */
  disconnect: (info: DisconnectInfo) => void;
  /** Joined again after a lost link, with everything restored (fires right after `join`). */
  reconnect: (info: JoinInfo) => void;
  /** A reconnect attempt is scheduled after `delay` ms. */
  reconnecting: (attempt: number, delay: number) => void;
  /** The session gave up for good (left, or reconnect attempts exhausted). */
  close: (error?: Error) => void;
  /** A handler threw, or restoring a registration/subscription failed; the session keeps running. */
  error: (error: unknown, where: string) => void;
  /** After a reconnect the router refused a registration/subscription; it is tried again after `delay`. */
  'restore-retry': (info: RestoreRetryInfo) => void;
  /** A refused restore was given up after the retry period; the entry is gone (`error` fires too). */
  'restore-failed': (info: RestoreFailedInfo) => void;
}

/** Options of `connect()`. */
export interface ConnectOptions {
  /**
   * `ws://`, `wss://`, `ws+unix:///path.sock:/`, `tcp://host:port` or `rs://host:port` (RawSocket),
   * or a list of them (the nodes of a cluster): each attempt tries them in order from the current
   * one, and after a lost link the session starts with the next one (failover).
   */
  url?: string | readonly string[];
  realm: string;
  auth?: AuthOptions;
  /**
   * Default `json`. A name loads msgpack or CBOR with dynamic `import()` on connect (a separate
   * chunk in a code-splitting bundle); a `Serializer` object (`msgpackSerializer` from
   * `wamp-contracts/serializers`) is used as given and bundled like any static import.
   */
  serializer?: SerializerName | Serializer;
  /**
   * Opens the transport (overrides `url`); used for in-memory links and custom transports. A list
   * rotates like a list of URLs.
   */
  transport?: TransportFactory | readonly TransportFactory[];
  /** `true` for the default policy; `false` or absent: no reconnect. */
  reconnect?: boolean | ReconnectOptions;
  /** Limit for opening the transport plus joining, ms (default 10_000). */
  connectTimeout?: number;
  /** How long `leave()` waits for the GOODBYE reply, ms (default 2_000). */
  goodbyeTimeout?: number;
  /**
   * Keep-alive pings for every transport that can ping: Node WebSocket, RawSocket, in-memory, and
   * custom transports that implement `Transport.ping` (a custom `transport` factory included).
   * The browser `WebSocket` cannot send pings: there it does nothing. Off by default.
   */
  ping?: PingOptions;
  /** TLS settings for `wss://` in Node. */
  tls?: TlsOptions;
  /** Extra options for the `ws` client constructor (Node). */
  wsOptions?: Dict;
  /** Observes every message in both directions. */
  onMessage?: MessageHook;
  /** `true` logs to `console.debug`; a function receives each line. Off by default. */
  debug?: boolean | DebugLogger;
  /** Error classes for inbound ERRORs and thrown errors (default: the shared registry). */
  errors?: ErrorRegistry;
  /**
   * Accept `null` where Arguments/ArgumentsKw belong instead of treating it as a protocol
   * violation (fox-wamp sends a RESULT whose ArgumentsKw is `null`). Default false: strict.
   */
  lenientPayload?: boolean;
  /**
   * After a reconnect, a registration or subscription the router refuses is retried with backoff
   * for a period (default `true`: 30 s); `false` gives it up at once.
   */
  restoreRetry?: boolean | RestoreRetryOptions;
  /** Sent as HELLO.Details.agent. */
  agent?: string;
  onConnect?: SessionEvents['connect'];
  onChallenge?: SessionEvents['challenge'];
  onJoin?: SessionEvents['join'];
  onLeave?: SessionEvents['leave'];
  onDisconnect?: SessionEvents['disconnect'];
  onReconnecting?: SessionEvents['reconnecting'];
  onReconnect?: SessionEvents['reconnect'];
  onClose?: SessionEvents['close'];
  onError?: SessionEvents['error'];
  onRestoreRetry?: SessionEvents['restore-retry'];
  onRestoreFailed?: SessionEvents['restore-failed'];
}
