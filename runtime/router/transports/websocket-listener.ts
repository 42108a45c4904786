import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Serializer } from '../../serializers/types.js';
import type { LinkContext } from './link-context.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, formatPeer } from './link-context.js';
import type { Listener } from './listener.js';
import { listenOn } from './listener.js';
import { TransportEventCode } from './transport-log.js';
import { WebSocketPeerLink } from './websocket-peer-link.js';
import { flushHeldWrites } from '../../transport/write-batch.js';

/** Options of one WebSocket listener. */
export interface WebSocketListenerOptions {
  readonly host: string;
  /** 0 picks a free port; the listener reports the real one. */
  readonly port: number;
  /** The HTTP path of the WebSocket endpoint, e.g. `/ws`. */
  readonly path: string;
  /** PEM certificate and key: present means `wss`. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Serializers offered, matched against the client's subprotocols in the client's order. */
  readonly serializers: readonly Serializer[];
}

/**
 * Starts a WebSocket (or, with `tls`, secure WebSocket) listener for the router.
 *
 * The upgrade is refused with HTTP 404 on another path and HTTP 400 when the client offers no
 * WAMP subprotocol we support; otherwise exactly one offered subprotocol is echoed (the first the
 * client lists that we support). Frames larger than `maxMessageSize` close the connection with
 * 1009 (`ws` maxPayload).
 *
 * @example
 * const l = await listenWebSocket({ host: '127.0.0.1', port: 0, path: '/ws', serializers }, ctx);
 * console.log(l.url); // ws://127.0.0.1:54321/ws
 */
export async function listenWebSocket(
  options: WebSocketListenerOptions,
  ctx: LinkContext,
): Promise<Listener> {
  const bySubprotocol = new Map(options.serializers.map((s) => [s.subprotocol, s]));
  const offered = [...bySubprotocol.keys()].join(', ');
  const handshakeTimeoutMs = ctx.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  const server: Server = options.tls
    ? createHttpsServer({
        cert: options.tls.cert,
        key: options.tls.key,
        // The TLS handshake is bounded like the HTTP upgrade that follows it.
        handshakeTimeout: handshakeTimeoutMs,
      })
    : createHttpServer();
  // Every TCP connection is counted against the caps; over a cap it is refused at once.
  const refused = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    const peer = formatPeer(socket.remoteAddress, socket.remotePort);
    if (ctx.gate === undefined || ctx.gate.admit(socket, peer)) {
      if (ctx.tcpKeepAliveMs !== undefined && ctx.tcpKeepAliveMs > 0)
        socket.setKeepAlive(true, ctx.tcpKeepAliveMs);
      return;
    }
    refused.add(socket);
    socket.on('error', () => {});
    // Plain HTTP gets a 503; under TLS nothing readable can be said before the handshake.
    if (options.tls === undefined) refuse(socket, 503, 'Service Unavailable', 'too many connections');
    setTimeout(() => socket.destroy(), 1000).unref();
    if (options.tls !== undefined) socket.destroy();
  });
  // The upgrade request must be complete within handshakeTimeoutMs of the connection (slowloris).
  // The timer's own destroy of the socket ends it; otherwise the upgrade (or the socket's close)
  // clears it and drops it, so an upgraded connection keeps no timer or listener for it.
  const upgradeTimers = new Map<Socket, ReturnType<typeof setTimeout>>();
  const clearUpgradeTimer = (socket: Socket): void => {
    const timer = upgradeTimers.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    upgradeTimers.delete(socket);
    socket.removeListener('close', onCloseBeforeUpgrade);
  };
  function onCloseBeforeUpgrade(this: Socket): void {
    clearUpgradeTimer(this);
  }
  server.on(options.tls === undefined ? 'connection' : 'secureConnection', (socket: Socket) => {
    if (socket.destroyed || refused.has(socket)) return;
    const timer = setTimeout(() => {
      upgradeTimers.delete(socket);
      if (socket.destroyed) return;
      const peer = formatPeer(socket.remoteAddress, socket.remotePort);
      ctx.reporter.report(
        TransportEventCode.HANDSHAKE_TIMEOUT,
        peer,
        `no WebSocket upgrade within ${handshakeTimeoutMs} ms`,
      );
      socket.destroy();
    }, handshakeTimeoutMs);
    timer.unref();
    upgradeTimers.set(socket, timer);
    socket.on('close', onCloseBeforeUpgrade);
  });
  server.on('request', (req, res) => {
    if (refused.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    res.end(`WAMP WebSocket endpoint at ${options.path}; subprotocols: ${offered}\n`);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: ctx.maxMessageSize,
    perMessageDeflate: false,
    // Pings are answered by the link, one pong at a time (a ping flood must not queue pongs).
    autoPong: false,
    handleProtocols: (protocols) => pickSubprotocol(protocols, bySubprotocol)?.subprotocol ?? false,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    clearUpgradeTimer(socket);
    if (refused.has(socket)) {
      socket.destroy();
      return;
    }
    const peer = formatPeer(socket.remoteAddress, socket.remotePort);
    // The HTTP server drops its error listener on upgrade; a reset must not become a crash.
    socket.on('error', (error) => ctx.reporter.report(TransportEventCode.SOCKET_ERROR, peer, error.message));
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== options.path) {
      refuse(socket, 404, 'Not Found', `no WAMP endpoint at ${path}`);
      ctx.reporter.report(TransportEventCode.UPGRADE_REFUSED, peer, `path ${path}`);
      return;
    }
    const protocols = parseProtocols(req.headers['sec-websocket-protocol']);
    const serializer = pickSubprotocol(protocols, bySubprotocol);
    if (serializer === undefined) {
      refuse(socket, 400, 'Bad Request', `offer one of the WAMP subprotocols: ${offered}`);
      ctx.reporter.report(
        TransportEventCode.UPGRADE_REFUSED,
        peer,
        `subprotocols [${[...protocols].join(', ')}]`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.setNoDelay(true);
      new WebSocketPeerLink(ws, socket, bySubprotocol.get(serializer.subprotocol)!, ctx, peer);
    });
  });

  const scheme = options.tls ? 'wss' : 'ws';
  return listenOn(
    server,
    options.host,
    options.port,
    (port) => `${scheme}://${hostForUrl(options.host)}:${port}${options.path}`,
    () => {
      // Frames held for this turn's batch (e.g. GOODBYE system_shutdown) go out before the drop.
      flushHeldWrites();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
    },
    (error) => ctx.reporter.report(TransportEventCode.SOCKET_ERROR, 'listener', error.message),
  );
}

/** The first subprotocol in the client's list that we support. */
function pickSubprotocol(
  protocols: Iterable<string>,
  supported: Map<string, Serializer>,
): Serializer | undefined {
  for (const p of protocols) {
    const s = supported.get(p);
    if (s !== undefined) return s;
  }
  return undefined;
}

function parseProtocols(header: string | undefined): Set<string> {
  if (header === undefined) return new Set();
  return new Set(
    header
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  );
}

function refuse(socket: Socket, status: number, text: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** IPv6 literals need brackets in URLs. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
