/**
 * WebSocket client transport for Node, on `ws`. Supports `ws://`, `wss://` (custom CA, client
 * certificate) and `ws+unix://` URLs. It sends WebSocket pings on demand (`ping()`); the session's
 * keep-alive (`keep-alive.ts`) decides when.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { WampMessage } from '../protocol/messages.js';
import type { Serializer } from '../serializers/types.js';
import { ConnectionError } from './connection-error.js';
import { errorText } from '../protocol/error-text.js';
import type { CloseInfo, TlsOptions, Transport, TransportFactory } from './types.js';
import { undecodable } from './undecodable.js';
import { type HeldWriter, holdWrites, MAX_HELD_BYTES, releaseWrites } from './write-batch.js';

/** Options of {@link createWsNodeTransportFactory}. */
export interface WsNodeTransportOptions {
  readonly url: string;
  readonly serializer: Serializer;
  readonly tls?: TlsOptions;
  /** Passed to the `ws` constructor after `tls` (wins over it). */
  readonly wsOptions?: Record<string, unknown>;
}

/** A `TransportFactory` opening a `ws` WebSocket that offers exactly the serializer's subprotocol. */
export function createWsNodeTransportFactory(options: WsNodeTransportOptions): TransportFactory {
  return (signal) =>
    new Promise<Transport>((resolve, reject) => {
      const { serializer } = options;
      const ws = new WebSocket(options.url, [serializer.subprotocol], {
        // WAMP frames are small and latency-bound; compression costs more CPU than it saves.
        perMessageDeflate: false,
        ...options.tls,
        ...options.wsOptions,
      } as WebSocket.ClientOptions);
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(error);
      };
      ws.once('error', (error) =>
        fail(new ConnectionError('connect_failed', errorText(error), { cause: error })),
      );
      signal?.addEventListener(
        'abort',
        () => fail(new ConnectionError('connect_timeout', 'connect abandoned')),
        {
          once: true,
        },
      );
      ws.once('open', () => {
        ws.removeAllListeners('error');
        // The server must echo exactly the subprotocol we offered (checklist E.7).
        if (ws.protocol !== serializer.subprotocol) {
          fail(
            new ConnectionError(
              'connect_failed',
              `server agreed subprotocol "${ws.protocol}", not ${serializer.subprotocol}`,
            ),
          );
          return;
        }
        settled = true;
        resolve(new WsNodeTransport(ws, serializer));
      });
    });
}

/** An open `ws` WebSocket carrying one WAMP message per WebSocket message (D.23). */
class WsNodeTransport implements Transport, HeldWriter {
  onMessage: (value: unknown) => void = () => undefined;
  /**
   * The TCP socket under `ws` (a private field of ws, read once): writes of one event-loop turn are
   * held and leave in one `writev`, which halved the syscall share of a call with 100 in flight.
   * Undefined if a future ws hides it; sends then go out one by one.
   */
  readonly socket: Socket;
  writesHeld = false;
  private readonly batching: boolean;
  onClose: (info: CloseInfo) => void = () => undefined;
  onPong: (() => void) | undefined = undefined;
  private closeReason = '';

  constructor(
    private readonly ws: WebSocket,
    readonly serializer: Serializer,
  ) {
    const socket = (ws as unknown as { _socket?: unknown })._socket;
    this.batching = isSocket(socket);
    this.socket = socket as Socket;
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) =>
      this.receive(data, isBinary),
    );
    // 'close' always follows 'error'; the error only explains it.
    ws.on('error', (error) => {
      this.closeReason = errorText(error);
    });
    ws.on('pong', () => this.onPong?.());
    ws.on('close', (code: number, reason: Buffer) => {
      const text = reason.length > 0 ? reason.toString() : this.closeReason;
      this.onClose({ code, reason: text, wasClean: code !== 1006 });
    });
  }

  /** Serializes and sends: a string goes as a text frame, bytes as a binary frame. */
  send(message: WampMessage): void {
    if (this.ws.readyState !== WebSocket.OPEN) {
      throw new ConnectionError('connection_lost', 'the WebSocket is not open');
    }
    if (this.batching) {
      holdWrites(this);
      this.ws.send(this.serializer.serialize(message));
      if (this.socket.writableLength > MAX_HELD_BYTES) releaseWrites(this);
    } else {
      this.ws.send(this.serializer.serialize(message));
    }
  }

  /** Starts the closing handshake (or aborts a connection still opening). */
  close(code = 1000, reason = ''): void {
    releaseWrites(this);
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(code, reason);
  }

  /** Deserializes one inbound message; failures reach the session as `undecodable`. */
  private receive(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    let value: unknown;
    try {
      value =
        this.serializer.binary || isBinary
          ? this.serializer.deserialize(bytes)
          : this.serializer.deserialize(bytes.toString('utf8'));
    } catch (error) {
      value = undecodable(`${this.serializer.name} frame did not deserialize: ${errorText(error)}`);
    }
    this.onMessage(value);
  }

  /** Sends a WebSocket ping frame; the pong reaches `onPong`. */
  ping(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  /** Drops the socket without a closing handshake (close code 1006, `reason`). */
  terminate(reason: string): void {
    this.closeReason = reason;
    this.ws.terminate();
  }
}

function isSocket(value: unknown): value is Socket {
  return typeof value === 'object' && value !== null && typeof (value as Socket).cork === 'function';
}
