import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Serializer } from '../../serializers/types.js';
import type { LinkContext } from './link-context.js';
import { formatPeer } from './link-context.js';
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
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key })
    : createHttpServer();
  server.on('request', (_req, res) => {
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
