import type { Socket } from 'node:net';
import { abortMessage } from '../../protocol/encode.js';
import { errorText } from '../../protocol/error-text.js';
import { MessageType } from '../../protocol/message-type.js';
import type { AbortMessage, Dict, WampMessage } from '../../protocol/messages.js';
import type { Serializer } from '../../serializers/types.js';
import type { PeerHandle, PeerLink, SendRefused } from '../../transport/peer-link.js';
import type { HeldWriter } from '../../transport/write-batch.js';
import { holdWrites, MAX_HELD_BYTES, releaseWrites } from '../../transport/write-batch.js';
import type { FlowFailure, FlowPeer } from './flow-control.js';
import { encodeFrame, type Frame } from './frame-encoder.js';
import type { LinkContext } from './link-context.js';
import {
  OPEN_TIMEOUT_REASON,
  PAYLOAD_SIZE_EXCEEDED,
  PROTOCOL_VIOLATION,
  startOpenTimer,
  TRANSPORT_KILL_REASON,
} from './link-context.js';
import { TransportEventCode } from './transport-log.js';

/** WebSocket close code "policy violation", used for flow-control limits and the open timeout. */
export const CLOSE_POLICY = 1008;
/** WebSocket close code "internal error". */
export const CLOSE_INTERNAL_ERROR = 1011;
/** WebSocket close code for a WAMP protocol violation (autobahn uses 3002 as well). */
export const CLOSE_PROTOCOL_VIOLATION = 3002;
/** How long a peer that does not read gets to take the close before its socket is destroyed. */
export const CLOSE_GRACE_MS = 5000;

/** The messages that carry a sender's payload: the router can answer the sender when one is refused. */
function isRouted(type: number): boolean {
  return (
    type === MessageType.EVENT ||
    type === MessageType.INVOCATION ||
    type === MessageType.RESULT ||
    type === MessageType.ERROR
  );
}

/** Default keep-alive pong deadline when the context does not set one. */
const DEFAULT_PING_TIMEOUT_MS = 10_000;

/** Timer callback (module-level: arming the keep-alive allocates no closure). */
function onKeepAlive(link: SocketPeerLink): void {
  link.keepAliveCheck();
}

/**
 * One router connection over a Node socket, whatever its framing: the part the WebSocket and
 * RawSocket links share. It encodes outbound messages (EVENTs once per fan-out), holds the
 * socket's writes until the end of the turn (write-batch.ts), reports each frame to flow control
 * and stops reading when told, times out the opening handshake, ends the session with ABORT on a
 * transport failure, and tells the router exactly once that the link is gone.
 *
 * A subclass does framing only: how a frame is written, how ABORT goes out, how the socket is
 * closed and read. It calls {@link SocketPeerLink.open} last in its constructor, once its own
 * framing state exists (the router may send or close from inside `attach`).
 */
export abstract class SocketPeerLink implements PeerLink, FlowPeer, HeldWriter {
  readonly transportDetails: Dict;
  /** Owned by write-batch: the socket is corked until the end of this event-loop turn. */
  writesHeld = false;
  /** Set once the link is closed: nothing is sent or delivered afterwards. */
  protected done = false;
  /** Unset only while `attach` runs (the router may close the link from inside it). */
  private handle: PeerHandle | undefined = undefined;
  /**
   * Largest encoded message this peer is sent: our own `maxMessageSize` (WebSocket), or the limit
   * a RawSocket peer announced in its handshake.
   */
  protected outboundLimit: number;
  /** Pending until the router sends WELCOME: a peer may not sit in the opening handshake for ever. */
  private openTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Set by the framing on any inbound bytes; keep-alive clears it at each check. */
  protected heard = false;
  /** Keep-alive: the next check (idle ping, or the pong deadline). */
  private keepAliveTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Keep-alive: a ping is out and unanswered; the backlog when it was sent. */
  private pinged = false;
  private bufferedAtPing = 0;

  protected constructor(
    readonly socket: Socket,
    protected readonly serializer: Serializer,
    protected readonly ctx: LinkContext,
    protected readonly peer: string,
    type: string,
  ) {
    this.transportDetails = { type, protocol: serializer.subprotocol, peer };
    this.outboundLimit = ctx.maxMessageSize;
  }

  /** Bytes written but not yet taken by the kernel; what flow control watches. */
  abstract get bufferedAmount(): number;

  /** Writes one encoded message; false when it was not sent (then the link reported why). */
  protected abstract writeMessage(message: WampMessage, frame: Frame): boolean;
  /** Queues an ABORT the transport itself decided on, ahead of closing. */
  protected abstract sendAbort(abort: AbortMessage): void;
  /** Closes the connection (a code where the framing has one), after flushing held writes. */
  protected abstract closeSocket(code: number, reason: string): void;
  /** Stops reading inbound bytes. */
  protected abstract pauseInput(): void;
  /** Reads inbound bytes again. */
  protected abstract resumeInput(): void;
  /** Sends a keep-alive ping (WebSocket ping frame, RawSocket PING). */
  protected abstract sendPing(): void;

  /** Joins flow control and the router, and starts the opening-handshake timer. */
  protected open(): void {
    const ctx = this.ctx;
    ctx.flow.add(this);
    this.handle = ctx.acceptor.attach(this);
    // Closed from inside attach (router shutting down): finish() could not tell it yet.
    if (this.done) this.handle.closed();
    else this.openTimer = startOpenTimer(ctx, (ms) => this.openTimedOut(ms));
    this.socket.on('drain', () => ctx.flow.drained(this));
    const interval = ctx.pingIntervalMs ?? 0;
    if (interval > 0 && !this.done) this.armKeepAlive(interval);
  }

  /** Keep-alive check: ping an idle peer; drop one that neither sent nor read since the ping. */
  keepAliveCheck(): void {
    this.keepAliveTimer = undefined;
    if (this.done) return;
    const interval = this.ctx.pingIntervalMs ?? 0;
    if (this.pinged) {
      this.pinged = false;
      // Any inbound byte, or the peer taking queued output, shows it is alive.
      if (!this.heard && this.bufferedAmount >= this.bufferedAtPing) {
        this.keepAliveFailed();
        return;
      }
      this.heard = false;
      this.armKeepAlive(interval);
      return;
    }
    if (this.heard) {
      this.heard = false;
      this.armKeepAlive(interval);
      return;
    }
    this.pinged = true;
    this.bufferedAtPing = this.bufferedAmount;
    this.sendPing();
    this.armKeepAlive(this.ctx.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS);
  }

  // ---- PeerLink ----

  /**
   * Encodes one message (once per fan-out for EVENTs), writes it, and reports it to flow control.
   * A routed message this peer cannot take (not encodable, or over {@link outboundLimit}) is
   * refused and the link stays open: the router answers its sender instead.
   */
  send(message: WampMessage): SendRefused | undefined {
    // After close the router may still route to us for a moment; those messages go nowhere.
    if (this.done) return undefined;
    if (this.openTimer !== undefined && message[0] === MessageType.WELCOME) this.clearOpenTimer();
    let frame: Frame;
    try {
      frame = encodeFrame(this.serializer, message);
    } catch (error) {
      return this.unencodable(message, errorText(error));
    }
    if (frame.length > this.outboundLimit) return this.tooLarge(message, frame.length);
    const event = message[0] === MessageType.EVENT;
    // A subscriber above high water misses events rather than holding its publisher back.
    if (event && this.ctx.flow.shed(this)) return undefined;
    if (this.writeMessage(message, frame)) this.ctx.flow.afterSend(this, frame.length, !event);
    return undefined;
  }

  /** The session is waiting for HELLO again (after GOODBYE): the opening-handshake timer restarts. */
  awaitHello(): void {
    if (this.done) return;
    this.clearOpenTimer();
    this.openTimer = startOpenTimer(this.ctx, (ms) => this.openTimedOut(ms));
  }

  /** Closes with the router's code and reason (after its ABORT/GOODBYE). */
  close(code: number, reason: string): void {
    if (this.done) return;
    this.closeSocket(code, reason);
    this.finish();
  }

  // ---- FlowPeer ----

  /** Flow control: stop reading this peer (TCP pushes back on it). */
  pauseReading(): void {
    this.pauseInput();
  }

  /** Flow control: read this peer again. */
  resumeReading(): void {
    if (!this.done) this.resumeInput();
  }

  /** Flow control gave up on this peer: ABORT `wamp.close.killed`, then close (1008). */
  failFlow(kind: FlowFailure, detail: string): void {
    if (this.done) return;
    const code = kind === 'overflow' ? TransportEventCode.QUEUE_OVERFLOW : TransportEventCode.SLOW_CONSUMER;
    this.ctx.reporter.report(code, this.peer, detail);
    // The ABORT queues behind what the peer has not read; it explains the close if it ever reads on.
    this.kill(TRANSPORT_KILL_REASON, detail);
  }

  // ---- for the framing subclasses ----

  /** Corks the socket until the end of the turn, so the frames of one turn leave in one writev. */
  protected batchWrites(): void {
    if (!this.writesHeld) holdWrites(this);
  }

  /** Lets held writes go at once when they pass the cap (see write-batch.ts). */
  protected flushIfFull(): void {
    if (this.socket.writableLength > MAX_HELD_BYTES) releaseWrites(this);
  }

  /**
   * Ends the session from the transport: ABORT with `reason` and `message`, close (with `code` and
   * `closeReason` where the framing has close codes), tell the router.
   */
  protected kill(reason: string, message: string, code = CLOSE_POLICY, closeReason = message): void {
    if (this.done) return;
    this.sendAbort(abortMessage(reason, message));
    this.closeSocket(code, closeReason);
    this.finish();
  }

  /** A frame that did not deserialize never reaches the router: ABORT protocol_violation, close. */
  protected undecodable(error: unknown): void {
    const message = `could not deserialize ${this.serializer.name} frame: ${errorText(error)}`;
    this.ctx.reporter.report(TransportEventCode.DESERIALIZE_FAILED, this.peer, message);
    this.kill(PROTOCOL_VIOLATION, message, CLOSE_PROTOCOL_VIOLATION, 'protocol violation');
  }

  /** Hands one deserialized value to the router; a router bug costs this connection only. */
  protected deliver(value: unknown): void {
    try {
      this.handle?.receive(value);
    } catch (error) {
      this.ctx.reporter.report(TransportEventCode.INTERNAL_ERROR, this.peer, errorText(error));
      this.closeSocket(CLOSE_INTERNAL_ERROR, 'internal error');
      this.finish();
    }
  }

  /** Runs once: leaves flow control and tells the router the link is gone. */
  protected finish(): void {
    if (this.done) return;
    this.done = true;
    releaseWrites(this);
    this.clearOpenTimer();
    if (this.keepAliveTimer !== undefined) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    this.ctx.flow.remove(this);
    this.handle?.closed();
  }

  // ---- internals ----

  /**
   * A routed message (INVOCATION, RESULT, ERROR, EVENT) that cannot be encoded is refused: the
   * router answers its sender. Anything else (the router's own messages) ends the session.
   */
  private unencodable(message: WampMessage, why: string): SendRefused | undefined {
    const detail = `could not serialize outbound message type ${message[0]} as ${this.serializer.name}: ${why}`;
    this.ctx.reporter.report(TransportEventCode.SERIALIZE_FAILED, this.peer, detail);
    if (isRouted(message[0])) {
      return {
        kind: 'unencodable',
        message: `the receiver's serializer ${this.serializer.name} refused it: ${why}`,
      };
    }
    this.kill(
      TRANSPORT_KILL_REASON,
      detail,
      CLOSE_INTERNAL_ERROR,
      'outbound message could not be serialized',
    );
    return undefined;
  }

  /** Over the receiver's limit: a routed message is refused, anything else ends the session. */
  private tooLarge(message: WampMessage, bytes: number): SendRefused | undefined {
    const detail = `outbound message of ${bytes} bytes exceeds the receiver's limit of ${this.outboundLimit}`;
    this.ctx.reporter.report(TransportEventCode.OUTBOUND_TOO_LARGE, this.peer, detail);
    if (isRouted(message[0])) return { kind: 'too_large', message: detail };
    this.kill(PAYLOAD_SIZE_EXCEEDED, detail);
    return undefined;
  }

  private armKeepAlive(ms: number): void {
    this.keepAliveTimer = setTimeout(onKeepAlive, ms, this);
    this.keepAliveTimer.unref();
  }

  /** No sign of life within pingTimeoutMs of a ping: ABORT `wamp.close.killed`, close. */
  private keepAliveFailed(): void {
    const ms = this.ctx.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
    const message = `no answer to a keep-alive ping within ${ms} ms`;
    this.ctx.reporter.report(TransportEventCode.KEEPALIVE_TIMEOUT, this.peer, message);
    this.kill(TRANSPORT_KILL_REASON, message);
  }

  private clearOpenTimer(): void {
    if (this.openTimer !== undefined) clearTimeout(this.openTimer);
    this.openTimer = undefined;
  }

  /** The opening handshake took too long: ABORT `wamp.error.timeout` and close. */
  private openTimedOut(ms: number): void {
    this.openTimer = undefined;
    if (this.done) return;
    const message = `no WELCOME within ${ms} ms of connecting (or of the last GOODBYE)`;
    this.ctx.reporter.report(TransportEventCode.OPEN_TIMEOUT, this.peer, message);
    this.kill(OPEN_TIMEOUT_REASON, message, CLOSE_POLICY, 'opening handshake timeout');
  }
}
