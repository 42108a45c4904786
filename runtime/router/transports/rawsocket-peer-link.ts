import type { Socket } from 'node:net';
import { abortMessage } from '../../protocol/encode.js';
import type { Dict, WampMessage } from '../../protocol/messages.js';
import type { Serializer } from '../../serializers/types.js';
import type { PeerHandle, PeerLink } from '../../transport/peer-link.js';
import type { FlowFailure, FlowPeer } from './flow-control.js';
import type { LinkContext } from './link-context.js';
import {
  OPEN_TIMEOUT_REASON,
  PAYLOAD_SIZE_EXCEEDED,
  PROTOCOL_VIOLATION,
  startOpenTimer,
  TRANSPORT_KILL_REASON,
} from './link-context.js';
import type { RawSocketFrameReader, RawSocketFrameType } from '../../serializers/rawsocket-framing.js';
import {
  createRawSocketFrameReader,
  encodeRawSocketFrameHeader,
  isRawSocketFramingError,
  RawSocketFrameTypes,
} from '../../serializers/rawsocket-framing.js';
import { encodeFrame } from './frame-encoder.js';
import { TransportEventCode } from './transport-log.js';
import type { HeldWriter } from '../../transport/write-batch.js';
import { holdWrites, MAX_HELD_BYTES, releaseWrites } from '../../transport/write-batch.js';
import { errorText } from '../../protocol/error-text.js';

/** How long a peer that does not read gets before the socket is destroyed after a close. */
const CLOSE_GRACE_MS = 5000;

/**
 * One RawSocket connection after a successful handshake: frames, PING/PONG, per-direction limits
 * (inbound: our `maxMessageSize`; outbound: the limit the peer announced), flow control.
 *
 * An inbound frame over the limit, a bad header or an undeserializable payload gets ABORT and the
 * connection is closed. An outbound message over the peer's limit is not sent: an EVENT is skipped
 * (counted and reported), anything else closes the session, since a lost RESULT would hang a call.
 */
export class RawSocketPeerLink implements PeerLink, FlowPeer, HeldWriter {
  readonly transportDetails: Dict;
  /** Unset only while `attach` runs (the router may close the link from inside it). */
  private handle: PeerHandle | undefined;
  private readonly reader: RawSocketFrameReader;
  private done = false;
  /** Pending until the router sends WELCOME: a peer may not sit in the opening handshake for ever. */
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  /** Owned by write-batch: the socket is corked until the end of this event-loop turn. */
  writesHeld = false;

  constructor(
    readonly socket: Socket,
    private readonly serializer: Serializer,
    private readonly peerMaxLength: number,
    private readonly ctx: LinkContext,
    private readonly peer: string,
  ) {
    this.transportDetails = { type: 'rawsocket', protocol: serializer.subprotocol, peer };
    this.reader = createRawSocketFrameReader({ maxLength: ctx.maxMessageSize });
    ctx.flow.add(this);
    this.handle = ctx.acceptor.attach(this);
    // Closed from inside attach (router shutting down): finish() could not tell it yet.
    if (this.done) this.handle.closed();
    else this.openTimer = startOpenTimer(ctx, (ms) => this.openTimedOut(ms));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.finish());
    socket.on('drain', () => ctx.flow.drained(this));
  }

  /** Bytes written to the socket and not yet taken by the kernel. */
  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  /** Encodes and frames one message, then lets flow control look at the backlog. */
  send(message: WampMessage): void {
    // After close the router may still route to us for a moment; those messages go nowhere.
    if (this.done) return;
    if (this.openTimer !== undefined && message[0] === 2) this.clearOpenTimer();
    let frame: Uint8Array;
    try {
      frame = encodeFrame(this.serializer, message);
    } catch (error) {
      const detail = `could not serialize outbound message type ${message[0]}: ${errorText(error)}`;
      this.ctx.reporter.report(TransportEventCode.SERIALIZE_FAILED, this.peer, detail);
      if (message[0] !== 36) this.abort(TRANSPORT_KILL_REASON, detail);
      return;
    }
    if (frame.length > this.peerMaxLength) {
      const detail = `outbound message of ${frame.length} bytes exceeds the peer's limit of ${this.peerMaxLength}`;
      this.ctx.reporter.report(TransportEventCode.OUTBOUND_TOO_LARGE, this.peer, detail);
      if (message[0] !== 36) this.abort(PAYLOAD_SIZE_EXCEEDED, detail);
      return;
    }
    this.writeFrame(RawSocketFrameTypes.message, frame);
    this.ctx.flow.afterSend(this, frame.length);
  }

  /** RawSocket has no close codes: the router's ABORT/GOODBYE already said why. */
  close(_code: number, _reason: string): void {
    if (this.done) return;
    this.endSocket();
    this.finish();
  }

  /** Flow control: stop reading this peer (TCP pushes back on it). */
  pauseReading(): void {
    this.socket.pause();
  }

  /** Flow control: read this peer again. */
  resumeReading(): void {
    if (!this.done) this.socket.resume();
  }

  /** Flow control gave up on this peer: ABORT `wamp.close.killed` and close. */
  failFlow(kind: FlowFailure, detail: string): void {
    if (this.done) return;
    const code = kind === 'overflow' ? TransportEventCode.QUEUE_OVERFLOW : TransportEventCode.SLOW_CONSUMER;
    this.ctx.reporter.report(code, this.peer, detail);
    this.abort(TRANSPORT_KILL_REASON, detail);
  }

  /** Feeds bytes that arrived together with the handshake. */
  feed(chunk: Buffer): void {
    if (chunk.length > 0) this.onData(chunk);
  }

  /** Splits a TCP chunk into frames; any framing error ends the session before routing. */
  private onData(chunk: Buffer): void {
    if (this.done) return;
    let frames: ReturnType<RawSocketFrameReader['push']>;
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      const message = errorText(error);
      const tooLarge = isRawSocketFramingError(error) && error.code === 'too_large';
      const code = tooLarge ? TransportEventCode.MESSAGE_TOO_LARGE : TransportEventCode.RAWSOCKET_PROTOCOL;
      this.ctx.reporter.report(code, this.peer, message);
      this.abort(tooLarge ? PAYLOAD_SIZE_EXCEEDED : PROTOCOL_VIOLATION, message);
      return;
    }
    const flow = this.ctx.flow;
    // Whatever the router sends while handling these frames is attributed to this peer.
    flow.beginInbound(this);
    try {
      for (let i = 0; i < frames.length && !this.done; i++) {
        const frame = frames[i]!;
        if (frame.type === RawSocketFrameTypes.message) this.onMessage(frame.payload);
        else if (frame.type === RawSocketFrameTypes.ping)
          this.writeFrame(RawSocketFrameTypes.pong, frame.payload);
      }
    } finally {
      flow.endInbound();
    }
  }

  private clearOpenTimer(): void {
    if (this.openTimer !== undefined) clearTimeout(this.openTimer);
    this.openTimer = undefined;
  }

  /** The opening handshake took too long: ABORT `wamp.error.timeout` and close. */
  private openTimedOut(ms: number): void {
    this.openTimer = undefined;
    if (this.done) return;
    const message = `no WELCOME within ${ms} ms of connecting`;
    this.ctx.reporter.report(TransportEventCode.OPEN_TIMEOUT, this.peer, message);
    this.abort(OPEN_TIMEOUT_REASON, message);
  }

  /** Deserializes one WAMP message and hands it to the router. */
  private onMessage(payload: Uint8Array): void {
    let value: unknown;
    try {
      value = this.serializer.deserialize(this.serializer.binary ? payload : utf8.decode(payload));
    } catch (error) {
      const message = `could not deserialize ${this.serializer.name} frame: ${errorText(error)}`;
      this.ctx.reporter.report(TransportEventCode.DESERIALIZE_FAILED, this.peer, message);
      this.abort(PROTOCOL_VIOLATION, message);
      return;
    }
    try {
      this.handle?.receive(value);
    } catch (error) {
      // A router bug must cost this connection only, never the process.
      this.ctx.reporter.report(TransportEventCode.INTERNAL_ERROR, this.peer, errorText(error));
      this.endSocket();
      this.finish();
    }
  }

  /** Header and payload as two writes in one batch (no copy of the payload). */
  private writeFrame(type: RawSocketFrameType, payload: Uint8Array): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    // Held until the end of the turn, so the frames of one turn leave in one writev.
    if (!this.writesHeld) holdWrites(this);
    socket.write(encodeRawSocketFrameHeader(type, payload.length));
    socket.write(payload);
    if (socket.writableLength > MAX_HELD_BYTES) releaseWrites(this);
  }

  /** Sends ABORT (when it fits the peer's limit), ends the socket and the session. */
  private abort(reason: string, message: string): void {
    if (this.done) return;
    const frame = toBytes(this.serializer.serialize(abortMessage(reason, message)));
    if (frame.length <= this.peerMaxLength) this.writeFrame(RawSocketFrameTypes.message, frame);
    this.endSocket();
    this.finish();
  }

  /** Half-closes, then destroys after a grace period in case the peer never reads. */
  private endSocket(): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    releaseWrites(this);
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Runs once: leaves flow control and tells the router the link is gone. */
  private finish(): void {
    if (this.done) return;
    this.done = true;
    releaseWrites(this);
    this.clearOpenTimer();
    this.ctx.flow.remove(this);
    this.handle?.closed();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function toBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}
