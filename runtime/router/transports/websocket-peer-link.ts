import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { abortMessage } from '../../protocol/encode.js';
import type { Dict, WampMessage } from '../../protocol/messages.js';
import type { Serializer } from '../../serializers/types.js';
import type { PeerHandle, PeerLink } from '../../transport/peer-link.js';
import type { FlowFailure, FlowPeer } from './flow-control.js';
import { encodeFrame } from './frame-encoder.js';
import type { LinkContext } from './link-context.js';
import {
  OPEN_TIMEOUT_REASON,
  PROTOCOL_VIOLATION,
  startOpenTimer,
  TRANSPORT_KILL_REASON,
} from './link-context.js';
import { TransportEventCode } from './transport-log.js';
import { canWriteDirect, websocketFrame } from './websocket-event-frame.js';
import type { HeldWriter } from '../../transport/write-batch.js';
import { holdWrites, MAX_HELD_BYTES, releaseWrites } from '../../transport/write-batch.js';
import { errorText } from '../../protocol/error-text.js';

const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;
/** WebSocket close code for a WAMP protocol violation (autobahn uses 3002 as well). */
const CLOSE_PROTOCOL_VIOLATION = 3002;
/** WebSocket close code "policy violation", used for flow-control limits. */
const CLOSE_POLICY = 1008;
/** How long a peer that does not read gets to take the close frame before the socket is destroyed. */
const CLOSE_GRACE_MS = 5000;

/**
 * One WebSocket connection as the router sees it: serializes outbound messages, deserializes
 * inbound frames, and takes part in flow control.
 *
 * A frame that does not deserialize never reaches the router: the link itself answers with ABORT
 * `wamp.error.protocol_violation`, closes with 3002 and reports `closed()` to the router.
 */
export class WebSocketPeerLink implements PeerLink, FlowPeer, HeldWriter {
  readonly transportDetails: Dict;
  /** Unset only while `attach` runs (the router may close the link from inside it). */
  private handle: PeerHandle | undefined;
  private readonly sendOptions: { binary: boolean };
  private done = false;
  /** Pending until the router sends WELCOME: a peer may not sit in the opening handshake for ever. */
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  /** Owned by write-batch: the socket is corked until the end of this event-loop turn. */
  writesHeld = false;

  constructor(
    private readonly ws: WebSocket,
    readonly socket: Socket,
    private readonly serializer: Serializer,
    private readonly ctx: LinkContext,
    private readonly peer: string,
  ) {
    this.transportDetails = { type: 'websocket', protocol: serializer.subprotocol, peer };
    // Frames are always bytes (encoded once per fan-out); this picks the text or binary opcode.
    this.sendOptions = serializer.binary ? BINARY : TEXT;
    ctx.flow.add(this);
    this.handle = ctx.acceptor.attach(this);
    // Closed from inside attach (router shutting down): finish() could not tell it yet.
    if (this.done) this.handle.closed();
    else this.openTimer = startOpenTimer(ctx, (ms) => this.openTimedOut(ms));
    ws.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    ws.on('close', () => this.finish());
    ws.on('error', (error) => this.onError(error));
    socket.on('drain', () => ctx.flow.drained(this));
  }

  /** Bytes written but not yet flushed to the kernel (ws sender plus socket buffer). */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Encodes one message (once per fan-out for EVENTs), sends it, and checks the backlog. */
  send(message: WampMessage): void {
    // After close the router may still route to us for a moment; those messages go nowhere.
    if (this.done) return;
    if (this.openTimer !== undefined && message[0] === 2) this.clearOpenTimer();
    let frame: Uint8Array;
    try {
      frame = encodeFrame(this.serializer, message);
    } catch (error) {
      this.unencodable(message, errorText(error));
      return;
    }
    // Frames of one turn leave together in one writev (see write-batch.ts).
    if (!this.writesHeld) holdWrites(this);
    // EVENT fan-out: one prebuilt frame for all subscribers, when ws's sender is provably idle.
    if (message[0] === 36 && canWriteDirect(this.ws))
      this.socket.write(websocketFrame(message, frame, this.serializer));
    else this.ws.send(frame, this.sendOptions);
    if (this.socket.writableLength > MAX_HELD_BYTES) releaseWrites(this);
    this.ctx.flow.afterSend(this, frame.length);
  }

  /** Closes with the router's code and reason (after its ABORT/GOODBYE). */
  close(code: number, reason: string): void {
    if (this.done) return;
    this.closeSocket(code, reason);
    this.finish();
  }

  /** Flow control: stop reading this peer (TCP pushes back on it). */
  pauseReading(): void {
    this.ws.pause();
  }

  /** Flow control: read this peer again. */
  resumeReading(): void {
    if (!this.done) this.ws.resume();
  }

  /** Flow control gave up on this peer: ABORT `wamp.close.killed`, then close 1008. */
  failFlow(kind: FlowFailure, detail: string): void {
    if (this.done) return;
    const code = kind === 'overflow' ? TransportEventCode.QUEUE_OVERFLOW : TransportEventCode.SLOW_CONSUMER;
    this.ctx.reporter.report(code, this.peer, detail);
    // The ABORT queues behind what the peer has not read; it explains the close if it ever reads on.
    this.ws.send(this.serializer.serialize(abortMessage(TRANSPORT_KILL_REASON, detail)));
    this.closeSocket(CLOSE_POLICY, detail);
    this.finish();
  }

  /** An EVENT that cannot be encoded is skipped (counted); anything else ends the session. */
  private unencodable(message: WampMessage, why: string): void {
    const detail = `could not serialize outbound message type ${message[0]} as ${this.serializer.name}: ${why}`;
    this.ctx.reporter.report(TransportEventCode.SERIALIZE_FAILED, this.peer, detail);
    if (message[0] === 36) return;
    this.ws.send(this.serializer.serialize(abortMessage(TRANSPORT_KILL_REASON, detail)));
    this.closeSocket(1011, 'outbound message could not be serialized');
    this.finish();
  }

  /** One WebSocket message: deserialize (a failure is a violation) and hand it to the router. */
  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.done) return;
    let value: unknown;
    try {
      value = this.serializer.deserialize(this.serializer.binary || isBinary ? data : data.toString('utf8'));
    } catch (error) {
      this.violation(`could not deserialize ${this.serializer.name} frame: ${errorText(error)}`);
      return;
    }
    const flow = this.ctx.flow;
    // Whatever the router sends while handling this message is attributed to this peer.
    flow.beginInbound(this);
    try {
      this.handle?.receive(value);
    } catch (error) {
      // A router bug must cost this connection only, never the process.
      this.ctx.reporter.report(TransportEventCode.INTERNAL_ERROR, this.peer, errorText(error));
      this.closeSocket(1011, 'internal error');
      this.finish();
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
    this.ws.send(this.serializer.serialize(abortMessage(OPEN_TIMEOUT_REASON, message)));
    this.closeSocket(CLOSE_POLICY, 'opening handshake timeout');
    this.finish();
  }

  /** ABORT protocol_violation from the transport itself, close 3002, and tell the router. */
  private violation(message: string): void {
    this.ctx.reporter.report(TransportEventCode.DESERIALIZE_FAILED, this.peer, message);
    this.ws.send(this.serializer.serialize(abortMessage(PROTOCOL_VIOLATION, message)));
    this.closeSocket(CLOSE_PROTOCOL_VIOLATION, 'protocol violation');
    this.finish();
  }

  private onError(error: Error & { code?: string }): void {
    // ws closes the connection itself after these (1009 for maxPayload, 1002 for bad frames).
    const code =
      error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? TransportEventCode.MESSAGE_TOO_LARGE
        : TransportEventCode.SOCKET_ERROR;
    this.ctx.reporter.report(code, this.peer, error.message);
  }

  private closeSocket(code: number, reason: string): void {
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
