/**
 * RawSocket client transport for Node (checklist D.23): `tcp://host:port`, `rs://host:port`,
 * `rss://host:port` (TLS) or `unix:///path.sock`. Answers PING frames, and sends its own on demand
 * (`ping()`); the session's keep-alive (`keep-alive.ts`) decides when.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { WampMessage } from '../protocol/messages.js';
import {
  createRawSocketFrameReader,
  encodeRawSocketFrameHeader,
  encodeRawSocketHandshake,
  parseRawSocketHandshakeReply,
  type RawSocketFrameReader,
  RawSocketFrameTypes,
  rawSocketMaxLength,
} from '../serializers/rawsocket-framing.js';
import type { Serializer } from '../serializers/types.js';
import { ConnectionError } from './connection-error.js';
import { errorText } from '../protocol/error-text.js';
import type { CloseInfo, TlsOptions, Transport, TransportFactory } from './types.js';
import { undecodable } from './undecodable.js';

/** Options of {@link createRawSocketTransportFactory}. */
export interface RawSocketTransportOptions {
  readonly url: string;
  readonly serializer: Serializer;
  readonly tls?: TlsOptions;
  /** L in 2^(9+L), the largest message we accept (default 15: 16 MiB). */
  readonly lengthExponent?: number;
}

const encoder = new TextEncoder();

/** A `TransportFactory` that opens a RawSocket connection and completes its handshake. */
export function createRawSocketTransportFactory(options: RawSocketTransportOptions): TransportFactory {
  const exponent = options.lengthExponent ?? 15;
  return (signal) =>
    new Promise<Transport>((resolve, reject) => {
      const socket = openSocket(options);
      let settled = false;
      signal?.addEventListener('abort', () => onError(new Error('connect abandoned')), { once: true });
      const reader = createRawSocketFrameReader({
        maxLength: rawSocketMaxLength(exponent),
        expectHandshake: true,
      });
      const onError = (error: Error): void => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(new ConnectionError('connect_failed', errorText(error), { cause: error }));
      };
      // Until the handshake completes, any socket error fails the connect attempt.
      socket.once('error', onError);
      socket.once(options.tls || options.url.startsWith('rss:') ? 'secureConnect' : 'connect', () => {
        socket.write(encodeRawSocketHandshake(options.serializer.rawSocketId, exponent));
      });
      const onData = (chunk: Buffer): void => {
        let frames: ReturnType<RawSocketFrameReader['push']>;
        try {
          frames = reader.push(chunk);
        } catch (error) {
          onError(error as Error);
          return;
        }
        if (reader.handshake === undefined) return;
        // From here on the transport owns the socket and its reader.
        socket.off('data', onData);
        socket.off('error', onError);
        const reply = parseRawSocketHandshakeReply(reader.handshake);
        if (!reply.ok) {
          onError(new Error(`RawSocket handshake refused: ${reply.message}`));
          return;
        }
        if (reply.handshake.serializerId !== options.serializer.rawSocketId) {
          onError(new Error('RawSocket handshake echoed another serializer'));
          return;
        }
        const transport = new RawSocketTransport(
          socket,
          reader,
          options.serializer,
          reply.handshake.maxLength,
        );
        settled = true;
        resolve(transport);
        // Frames that arrived in the same chunk as the handshake reply.
        for (const frame of frames) transport.onFrame(frame.type, frame.payload);
      };
      socket.on('data', onData);
    });
}

/** Opens TCP, TLS (`rss:` or `tls` given) or a Unix socket (`unix:`) for the URL. */
function openSocket(options: RawSocketTransportOptions): net.Socket {
  const url = new URL(options.url);
  if (url.protocol === 'unix:') return net.connect({ path: decodeURIComponent(url.pathname) });
  const port = Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'rss:' || options.tls !== undefined) {
    return tls.connect({ host, port, ...(options.tls as tls.ConnectionOptions) });
  }
  return net.connect({ host, port });
}

/** A joined RawSocket connection: 4-byte frame headers, PING answered with PONG (D.23). */
class RawSocketTransport implements Transport {
  onMessage: (value: unknown) => void = () => undefined;
  onClose: (info: CloseInfo) => void = () => undefined;
  onPong: (() => void) | undefined = undefined;
  private closeInfo: CloseInfo | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly reader: RawSocketFrameReader,
    readonly serializer: Serializer,
    private readonly peerMaxLength: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of this.reader.push(chunk)) this.onFrame(frame.type, frame.payload);
      } catch (error) {
        this.fail(1002, `RawSocket framing error: ${errorText(error)}`);
      }
    });
    socket.on('error', (error) => {
      this.closeInfo ??= { code: 1006, reason: errorText(error), wasClean: false };
    });
    socket.on('close', () => {
      this.onClose(this.closeInfo ?? { code: 1006, reason: 'connection closed', wasClean: false });
    });
  }

  /** Frames and writes one message; refuses messages over the router's announced limit. */
  send(message: WampMessage): void {
    if (this.socket.destroyed || !this.socket.writable) {
      throw new ConnectionError('connection_lost', 'the RawSocket connection is closed');
    }
    const data = this.serializer.serialize(message);
    const payload = typeof data === 'string' ? encoder.encode(data) : data;
    if (payload.byteLength > this.peerMaxLength) {
      throw new ConnectionError(
        'connection_lost',
        `message of ${payload.byteLength} bytes exceeds the router's limit`,
      );
    }
    this.socket.write(encodeRawSocketFrameHeader(RawSocketFrameTypes.message, payload.byteLength));
    this.socket.write(payload);
  }

  /** Ends the TCP stream (RawSocket has no close frame; the code is only reported locally). */
  close(code = 1000, reason = ''): void {
    this.closeInfo ??= { code, reason, wasClean: true };
    this.socket.end();
    // end() waits for the peer; destroy soon after so close() is prompt.
    setTimeout(() => this.socket.destroy(), 100).unref();
  }

  /** Handles one frame (also used for frames that arrived with the handshake reply). */
  onFrame(type: number, payload: Uint8Array): void {
    if (type === RawSocketFrameTypes.ping) {
      this.socket.write(encodeRawSocketFrameHeader(RawSocketFrameTypes.pong, payload.byteLength));
      this.socket.write(payload);
      return;
    }
    if (type === RawSocketFrameTypes.pong) {
      this.onPong?.();
      return;
    }
    let value: unknown;
    try {
      value = this.serializer.binary
        ? this.serializer.deserialize(payload)
        : this.serializer.deserialize(new TextDecoder().decode(payload));
    } catch (error) {
      value = undecodable(`${this.serializer.name} frame did not deserialize: ${errorText(error)}`);
    }
    this.onMessage(value);
  }

  /** Drops the connection at once, remembering why for `onClose`. */
  private fail(code: number, reason: string): void {
    this.closeInfo ??= { code, reason, wasClean: false };
    this.socket.destroy();
  }

  /** Sends a PING frame; the PONG reaches `onPong`. */
  ping(): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(encodeRawSocketFrameHeader(RawSocketFrameTypes.ping, 0));
  }

  /** Drops the connection at once (close code 1006, `reason`). */
  terminate(reason: string): void {
    this.fail(1006, reason);
  }
}
