/**
 * Picks the transport for a URL. Node-only transports are loaded with dynamic `import()`, so a
 * browser bundle that only uses `ws://`/`wss://` never evaluates `ws` or `node:net`.
 */
import type { Serializer } from '../serializers/types.js';
import { ConnectionError } from './connection-error.js';
// Static: it is small, browser-safe, and a browser bundle needs it at once (no extra chunk to fetch).
import { createBrowserWebSocketTransportFactory } from './ws-browser.js';
import type { TlsOptions, TransportFactory } from './types.js';

/** What the URL-based transports need. */
export interface UrlTransportOptions {
  readonly url: string;
  readonly serializer: Serializer;
  readonly tls?: TlsOptions;
  readonly wsOptions?: Record<string, unknown>;
}

/** True when running in Node (or a runtime that presents itself as Node). */
function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/**
 * A transport factory for `url`: `ws:`/`wss:` (the `ws` package in Node, the global WebSocket
 * elsewhere), `ws+unix:` (Node), `tcp:`/`rs:`/`rss:` RawSocket over TCP or TLS, `unix:` RawSocket
 * over a Unix socket (Node).
 */
export function createUrlTransportFactory(options: UrlTransportOptions): TransportFactory {
  // Every factory hands the session's abort signal on: a connect timeout must close the socket.
  const scheme = options.url.slice(0, options.url.indexOf(':')).toLowerCase();
  switch (scheme) {
    case 'ws':
    case 'wss':
      if (!isNode()) {
        return createBrowserWebSocketTransportFactory(options);
      }
      return async (signal) => (await import('./ws-node.js')).createWsNodeTransportFactory(options)(signal);
    case 'ws+unix':
      return async (signal) => (await import('./ws-node.js')).createWsNodeTransportFactory(options)(signal);
    case 'tcp':
    case 'rs':
    case 'rss':
    case 'unix':
      return async (signal) =>
        (await import('./rawsocket-node.js')).createRawSocketTransportFactory(options)(signal);
    default:
      return () =>
        Promise.reject(new ConnectionError('connect_failed', `unsupported URL scheme in ${options.url}`));
  }
}
