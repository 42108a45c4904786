import { createServer, type Socket } from 'node:net';
import type { Serializer } from '../../serializers/types.js';
import type { LinkContext } from './link-context.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, formatPeer } from './link-context.js';
import type { Listener } from './listener.js';
import { listenOn } from './listener.js';
import {
  encodeRawSocketHandshake,
  encodeRawSocketHandshakeError,
  parseRawSocketHandshakeRequest,
  RawSocketHandshakeErrors,
  rawSocketLengthExponent,
} from '../../serializers/rawsocket-framing.js';
import { RawSocketPeerLink } from './rawsocket-peer-link.js';
import { TransportEventCode } from './transport-log.js';
import { hostForUrl } from './websocket-listener.js';
import { flushHeldWrites } from '../../transport/write-batch.js';

/** Options of one RawSocket listener. */
export interface RawSocketListenerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serializers accepted, by their RawSocket id (1 json, 2 msgpack, 3 cbor). */
  readonly serializers: readonly Serializer[];
  /** A client that sends no complete handshake within this time is dropped (default: the context's). */
  readonly handshakeTimeoutMs?: number;
}

/**
 * Starts a RawSocket (TCP) listener for the router; its URL is `rs://host:port`.
 *
 * Handshake: a first byte other than 0x7F drops the connection; reserved bits or an unsupported
 * serializer get the matching error reply. The reply announces our receive limit (the largest
 * 2^(9+L) not above `maxMessageSize`); the client's announced limit bounds what we send it.
 */
export async function listenRawSocket(
  options: RawSocketListenerOptions,
  ctx: LinkContext,
): Promise<Listener> {
  const byId = new Map(options.serializers.map((s) => [s.rawSocketId, s]));
  const sockets = new Set<Socket>();
  const handshakeTimeoutMs =
    options.handshakeTimeoutMs ?? ctx.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;

  const server = createServer((socket) => {
    const peer = formatPeer(socket.remoteAddress, socket.remotePort);
    socket.on('error', (error) => ctx.reporter.report(TransportEventCode.SOCKET_ERROR, peer, error.message));
    if (ctx.gate !== undefined && !ctx.gate.admit(socket, peer)) {
      // Over a cap: the RawSocket error "maximum connection count reached", then close at once.
      socket.end(encodeRawSocketHandshakeError(RawSocketHandshakeErrors.maxConnectionsReached));
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    if (ctx.tcpKeepAliveMs !== undefined && ctx.tcpKeepAliveMs > 0)
      socket.setKeepAlive(true, ctx.tcpKeepAliveMs);
    let received: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      ctx.reporter.report(
        TransportEventCode.HANDSHAKE_TIMEOUT,
        peer,
        `no complete RawSocket handshake within ${handshakeTimeoutMs} ms`,
      );
      socket.destroy();
    }, handshakeTimeoutMs);
    timer.unref();

    const onHandshakeData = (chunk: Buffer): void => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      clearTimeout(timer);
      socket.off('data', onHandshakeData);
      const result = parseRawSocketHandshakeRequest(received);
      const serializer = result.ok ? byId.get(result.handshake.serializerId) : undefined;
      if (!result.ok || serializer === undefined) {
        const message = result.ok
          ? `serializer ${result.handshake.serializerId} unsupported`
          : result.message;
        ctx.reporter.report(TransportEventCode.RAWSOCKET_PROTOCOL, peer, message);
        const errorCode = result.ok ? RawSocketHandshakeErrors.serializerUnsupported : result.errorCode;
        // A first byte other than 0x7F is not RawSocket at all: drop without a reply.
        if (errorCode === undefined) socket.destroy();
        else socket.end(encodeRawSocketHandshakeError(errorCode));
        return;
      }
      socket.write(
        encodeRawSocketHandshake(serializer.rawSocketId, rawSocketLengthExponent(ctx.maxMessageSize)),
      );
      // The link adds its own 'data' listener in this same tick, so no chunk is lost in between.
      const link = new RawSocketPeerLink(socket, serializer, result.handshake.maxLength, ctx, peer);
      link.feed(received.subarray(4));
    };
    socket.on('data', onHandshakeData);
  });

  return listenOn(
    server,
    options.host,
    options.port,
    (port) => `rs://${hostForUrl(options.host)}:${port}`,
    () => {
      // Frames held for this turn's batch (e.g. GOODBYE system_shutdown) go out before the drop.
      flushHeldWrites();
      for (const socket of sockets) socket.destroy();
    },
    (error) => ctx.reporter.report(TransportEventCode.SOCKET_ERROR, 'listener', error.message),
  );
}
