/**
 * A real embedded router on 127.0.0.1 for tests: WebSocket (and optionally RawSocket) on an
 * ephemeral port, every serializer, realm `realm1` by default.
 */
import { createRouter } from '../router/create-router.js';
import type { Router } from '../router/router.js';
import type { RouterOptions } from '../router/router-options.js';
import { createFlowControl } from '../router/transports/flow-control.js';
import type { LinkContext } from '../router/transports/link-context.js';
import type { Listener } from '../router/transports/listener.js';
import { listenRawSocket } from '../router/transports/rawsocket-listener.js';
import { createTransportReporter } from '../router/transports/transport-log.js';
import { listenWebSocket } from '../router/transports/websocket-listener.js';
import { serializers } from '../serializers/registry.js';
import type { ConnectOptions } from '../session/connect-options.js';
import { connect } from '../session/connect.js';
import type { Session } from '../session/session.js';

/** Options of {@link startTestRouter}. */
export interface TestRouterOptions extends RouterOptions {
  /** WebSocket port (default 0: ephemeral). Pass a previous router's port to restart "the same" router. */
  readonly port?: number;
  /** Also listen for RawSocket (default false). */
  readonly rawSocket?: boolean;
  /** RawSocket port (default 0). */
  readonly rawSocketPort?: number;
}

/** A running test router. */
export interface TestRouter {
  readonly router: Router;
  /** `ws://127.0.0.1:<port>/ws`. */
  readonly url: string;
  readonly port: number;
  /** `rs://127.0.0.1:<port>` when `rawSocket` was asked for. */
  readonly rawSocketUrl: string | undefined;
  /** Connects a session over WebSocket (realm `realm1` unless given). */
  connect(options?: Partial<ConnectOptions>): Promise<Session>;
  /** Closes the router (GOODBYE to every session) and its listeners. */
  close(): Promise<void>;
  /** Simulates a crash: drops every connection without GOODBYE, frees the ports, closes the router. */
  drop(): Promise<void>;
}

/**
 * Starts an embedded router listening on 127.0.0.1.
 *
 * @example
 * const testRouter = await startTestRouter();
 * const session = await testRouter.connect();
 * afterAll(() => testRouter.close());
 */
export async function startTestRouter(options: TestRouterOptions = {}): Promise<TestRouter> {
  const router = createRouter(options);
  const ctx: LinkContext = {
    acceptor: router,
    flow: createFlowControl({
      highWaterBytes: 1 << 20,
      lowWaterBytes: 1 << 18,
      maxQueueBytes: 64 << 20,
      slowConsumerTimeoutMs: 30_000,
    }),
    reporter: createTransportReporter(),
    maxMessageSize: 16 << 20,
  };
  const all = [serializers.json, serializers.msgpack, serializers.cbor];
  const listeners: Listener[] = [];
  const ws = await listenWebSocket(
    { host: '127.0.0.1', port: options.port ?? 0, path: '/ws', serializers: all },
    ctx,
  );
  listeners.push(ws);
  let rawSocketUrl: string | undefined;
  if (options.rawSocket === true) {
    const rs = await listenRawSocket(
      { host: '127.0.0.1', port: options.rawSocketPort ?? 0, serializers: all },
      ctx,
    );
    listeners.push(rs);
    rawSocketUrl = rs.url;
  }
  let closing: Promise<void> | undefined;
  return {
    router,
    url: ws.url,
    port: ws.port,
    rawSocketUrl,
    connect: (connectOptions) => connect({ realm: 'realm1', url: ws.url, ...connectOptions }),
    close() {
      closing ??= (async () => {
        await router.close();
        await Promise.all(listeners.map((l) => l.close()));
      })();
      return closing;
    },
    drop() {
      closing ??= (async () => {
        await Promise.all(listeners.map((l) => l.close()));
        await router.close();
      })();
      return closing;
    },
  };
}
