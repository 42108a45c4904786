import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { MessageType } from '../../protocol/message-type.js';
import type { AbortMessage, WampMessage } from '../../protocol/messages.js';
import type { Serializer } from '../../serializers/types.js';
import { releaseWrites } from '../../transport/write-batch.js';
import { decodeInbound } from './frame-decoder.js';
import { type Frame, SplitFrame } from './frame-encoder.js';
import type { LinkContext } from './link-context.js';
import { CLOSE_GRACE_MS, SocketPeerLink } from './socket-peer-link.js';
import { TransportEventCode } from './transport-log.js';
import { canWriteDirect, websocketFrame, websocketFrameHead } from './websocket-event-frame.js';

const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;

/**
 * One WebSocket connection as the router sees it: WebSocket framing on top of
 * {@link SocketPeerLink} (which does flow control, write batching, kill and close bookkeeping).
 *
 * A frame that does not deserialize never reaches the router: the link itself answers with ABORT
 * `wamp.error.protocol_violation`, closes with 3002 and reports `closed()` to the router.
 */
/** The link a `ws` socket belongs to, for the shared frame handlers below. */
const LINK = Symbol('wamp-contracts.link');
type LinkedWebSocket = WebSocket & { [LINK]: WebSocketPeerLink };

/** `ping` frame of any link: answered by its link (`autoPong` is off). */
function onPingFrame(this: WebSocket, data: Buffer): void {
  (this as LinkedWebSocket)[LINK].onPing(data);
}

/** `pong` frame of any link: the peer is alive. */
function onPongFrame(this: WebSocket): void {
  (this as LinkedWebSocket)[LINK].onPong();
}

export class WebSocketPeerLink extends SocketPeerLink {
  private readonly sendOptions: { binary: boolean };
  /** A pong was written and has not reached the kernel yet; pings meanwhile are not answered. */
  private pongPending = false;

  constructor(
    private readonly ws: WebSocket,
    socket: Socket,
    serializer: Serializer,
    ctx: LinkContext,
    peer: string,
  ) {
    super(socket, serializer, ctx, peer, 'websocket');
    // Frames are always bytes (encoded once per fan-out); this picks the text or binary opcode.
    this.sendOptions = serializer.binary ? BINARY : TEXT;
    this.open();
    ws.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    // Shared handlers that find the link through the socket: no closures per connection for
    // frames that idle connections rarely see.
    (ws as LinkedWebSocket)[LINK] = this;
    ws.on('ping', onPingFrame);
    ws.on('pong', onPongFrame);
    ws.on('close', () => this.finish());
    ws.on('error', (error) => this.onError(error));
  }

  /** Bytes written but not yet flushed to the kernel (ws sender plus socket buffer). */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /**
   * One WebSocket message per WAMP message; EVENTs as one prebuilt frame shared by the fan-out, and
   * a split passthrough frame as its parts, so the payload is written from where it arrived.
   */
  protected writeMessage(message: WampMessage, frame: Frame): boolean {
    this.batchWrites();
    // Straight to the socket only when ws's sender is provably idle (see websocket-event-frame.ts).
    const direct = canWriteDirect(this.ws);
    if (direct && message[0] === MessageType.EVENT) {
      this.socket.write(websocketFrame(message, frame, this.serializer));
    } else if (frame instanceof SplitFrame) {
      if (direct) {
        this.socket.write(websocketFrameHead(frame, this.serializer));
        this.socket.write(frame.payload);
        if (frame.end.length > 0) this.socket.write(frame.end);
      } else {
        this.ws.send(frame.join(), this.sendOptions);
      }
    } else {
      this.ws.send(frame, this.sendOptions);
    }
    this.flushIfFull();
    return true;
  }

  protected sendAbort(abort: AbortMessage): void {
    this.ws.send(this.serializer.serialize(abort));
  }

  /** A keep-alive ping frame. */
  protected sendPing(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  protected pauseInput(): void {
    this.ws.pause();
  }

  protected resumeInput(): void {
    this.ws.resume();
  }

  /** Close frame with `code`; a peer that never completes the close handshake is cut off later. */
  protected closeSocket(code: number, reason: string): void {
    // What the router sent before closing (ABORT, GOODBYE) leaves now, ahead of the close frame.
    releaseWrites(this);
    const ws = this.ws;
    if (ws.readyState === ws.CLOSED) return;
    if (ws.readyState === ws.OPEN) {
      ws.close(validCloseCode(code), truncateReason(reason));
    }
    // A peer that stopped reading never completes the close handshake; do not hold its buffer long.
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** One WebSocket message: deserialize (a failure is a violation) and hand it to the router. */
  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.done) return;
    this.heard = true;
    const serializer = this.serializer;
    let value: unknown;
    try {
      value = decodeInbound(
        serializer,
        data,
        serializer.binary || isBinary ? undefined : data.toString('utf8'),
      );
    } catch (error) {
      this.undecodable(error);
      return;
    }
    const flow = this.ctx.flow;
    // Whatever the router sends while handling this message is attributed to this peer.
    flow.beginInbound(this);
    try {
      this.deliver(value);
    } finally {
      flow.endInbound();
    }
  }

  /** @internal A pong frame: the peer is alive. */
  onPong(): void {
    this.heard = true;
  }

  /**
   * Answers a ping (`ws` runs with `autoPong: false`), at most one pong at a time: while the
   * previous pong has not reached the kernel, further pings get no answer, so a peer that pings
   * and never reads cannot grow the output queue. The pong counts for flow control. @internal
   */
  onPing(data: Buffer): void {
    this.heard = true;
    if (this.done || this.pongPending || this.ws.readyState !== this.ws.OPEN) return;
    this.pongPending = true;
    this.ws.pong(data, false, () => {
      this.pongPending = false;
    });
    this.ctx.flow.afterSend(this, data.length + 2);
  }

  private onError(error: Error & { code?: string }): void {
    // ws closes the connection itself after these (1009 for maxPayload, 1002 for bad frames).
    const code =
      error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? TransportEventCode.MESSAGE_TOO_LARGE
        : TransportEventCode.SOCKET_ERROR;
    this.ctx.reporter.report(code, this.peer, error.message);
  }
}

/** Codes `ws` accepts in a close frame; anything else becomes 1000. */
function validCloseCode(code: number): number {
  const ok =
    (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  return ok ? code : 1000;
}

/** Close reasons are limited to 123 bytes of UTF-8. */
function truncateReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}...`;
}
