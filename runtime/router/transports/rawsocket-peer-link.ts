import type { Socket } from 'node:net';
import type { AbortMessage, WampMessage } from '../../protocol/messages.js';
import type { RawSocketFrameReader, RawSocketFrameType } from '../../serializers/rawsocket-framing.js';
import {
  createRawSocketFrameReader,
  encodeRawSocketFrameHeader,
  isRawSocketFramingError,
  RawSocketFrameTypes,
} from '../../serializers/rawsocket-framing.js';
import type { Serializer } from '../../serializers/types.js';
import { releaseWrites } from '../../transport/write-batch.js';
import { errorText } from '../../protocol/error-text.js';
import { decodeInbound } from './frame-decoder.js';
import { type Frame, SplitFrame } from './frame-encoder.js';
import type { LinkContext } from './link-context.js';
import { PAYLOAD_SIZE_EXCEEDED, PROTOCOL_VIOLATION } from './link-context.js';
import { CLOSE_GRACE_MS, SocketPeerLink } from './socket-peer-link.js';
import { TransportEventCode } from './transport-log.js';

/**
 * One RawSocket connection after a successful handshake: length-prefixed frames, PING/PONG and
 * per-direction limits (inbound: our `maxMessageSize`; outbound: the limit the peer announced) on
 * top of {@link SocketPeerLink} (flow control, write batching, kill and close bookkeeping).
 *
 * An inbound frame over the limit, a bad header or an undeserializable payload gets ABORT and the
 * connection is closed. An outbound message over the peer's limit is not sent: a routed message
 * (EVENT, INVOCATION, RESULT, ERROR) is refused to the router, which answers its sender; anything
 * else closes the session.
 * RawSocket has no close codes: the ABORT or GOODBYE before the close says why.
 */
export class RawSocketPeerLink extends SocketPeerLink {
  private readonly reader: RawSocketFrameReader;
  /** A PONG was written and has not reached the kernel yet; PINGs meanwhile are not answered. */
  private pongPending = false;
  private readonly pongWritten = (): void => {
    this.pongPending = false;
  };

  constructor(
    socket: Socket,
    serializer: Serializer,
    private readonly peerMaxLength: number,
    ctx: LinkContext,
    peer: string,
  ) {
    super(socket, serializer, ctx, peer, 'rawsocket');
    // What we send is bounded by the limit the peer announced, not by ours.
    this.outboundLimit = peerMaxLength;
    this.reader = createRawSocketFrameReader({ maxLength: ctx.maxMessageSize });
    this.open();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.finish());
  }

  /** Bytes written to the socket and not yet taken by the kernel. */
  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  /** Feeds bytes that arrived together with the handshake. */
  feed(chunk: Buffer): void {
    if (chunk.length > 0) this.onData(chunk);
  }

  /** One message frame (the base class already refused frames over the peer's announced limit). */
  protected writeMessage(_message: WampMessage, frame: Frame): boolean {
    this.writeFrame(RawSocketFrameTypes.message, frame);
    return true;
  }

  /** ABORT goes out only when it fits the peer's limit. */
  protected sendAbort(abort: AbortMessage): void {
    const frame = toBytes(this.serializer.serialize(abort));
    if (frame.length <= this.peerMaxLength) this.writeFrame(RawSocketFrameTypes.message, frame);
  }

  /** A keep-alive PING with an empty payload. */
  protected sendPing(): void {
    this.writeFrame(RawSocketFrameTypes.ping, EMPTY);
  }

  protected pauseInput(): void {
    this.socket.pause();
  }

  protected resumeInput(): void {
    this.socket.resume();
  }

  /** Half-closes, then destroys after a grace period in case the peer never reads. */
  protected closeSocket(_code: number, _reason: string): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    releaseWrites(this);
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Splits a TCP chunk into frames; any framing error ends the session before routing. */
  private onData(chunk: Buffer): void {
    if (this.done) return;
    this.heard = true;
    let frames: ReturnType<RawSocketFrameReader['push']>;
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      const message = errorText(error);
      const tooLarge = isRawSocketFramingError(error) && error.code === 'too_large';
      const code = tooLarge ? TransportEventCode.MESSAGE_TOO_LARGE : TransportEventCode.RAWSOCKET_PROTOCOL;
      this.ctx.reporter.report(code, this.peer, message);
      this.kill(tooLarge ? PAYLOAD_SIZE_EXCEEDED : PROTOCOL_VIOLATION, message);
      return;
    }
    const flow = this.ctx.flow;
    // Whatever the router sends while handling these frames is attributed to this peer.
    flow.beginInbound(this);
    try {
      for (let i = 0; i < frames.length && !this.done; i++) {
        const frame = frames[i]!;
        if (frame.type === RawSocketFrameTypes.message) this.onMessage(frame.payload);
        else if (frame.type === RawSocketFrameTypes.ping) this.pong(frame.payload);
      }
    } finally {
      flow.endInbound();
    }
  }

  /** Deserializes one WAMP message and hands it to the router. */
  private onMessage(payload: Uint8Array): void {
    const serializer = this.serializer;
    let value: unknown;
    try {
      value = decodeInbound(serializer, payload, serializer.binary ? undefined : utf8.decode(payload));
    } catch (error) {
      this.undecodable(error);
      return;
    }
    this.deliver(value);
  }

  /**
   * Answers a PING, at most one PONG at a time: while the previous PONG has not reached the kernel
   * (a peer that pings and never reads) further PINGs get no answer, so a PING flood cannot grow
   * the output queue. The PONG counts for flow control like any frame.
   */
  private pong(payload: Uint8Array): void {
    if (this.pongPending || this.socket.destroyed) return;
    this.pongPending = true;
    this.writeFrame(RawSocketFrameTypes.pong, payload, this.pongWritten);
    if (!this.done) this.ctx.flow.afterSend(this, payload.length + 4);
  }

  /**
   * Header and payload as writes in one batch, with no copy of the payload: a split passthrough
   * frame goes out as its head, the inbound payload bytes and its end. `written` follows the payload.
   */
  private writeFrame(type: RawSocketFrameType, payload: Frame, written?: () => void): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    this.batchWrites();
    socket.write(encodeRawSocketFrameHeader(type, payload.length));
    if (payload instanceof SplitFrame) {
      socket.write(payload.head);
      if (payload.end.length === 0) {
        socket.write(payload.payload, written);
      } else {
        socket.write(payload.payload);
        socket.write(payload.end, written);
      }
    } else {
      socket.write(payload, written);
    }
    this.flushIfFull();
  }
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function toBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}
