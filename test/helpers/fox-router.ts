/**
 * fox-wamp (the `fox-wamp` devDependency, an independent Node router) started in-process on an
 * ephemeral port of 127.0.0.1, as docs/interop.md describes. It speaks only `wamp.2.json` and
 * sends a null ArgumentsKw, so sessions need `lenientPayload: true`.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

interface FoxServer {
  address(): AddressInfo;
  once(event: 'listening', listener: () => void): void;
  close(callback?: () => void): void;
  clients: Set<{ terminate(): void }>;
}
interface FoxRouter {
  listenWAMP(options: { port: number; host: string }): FoxServer;
}

const require = createRequire(import.meta.url);
const FoxRouterClass = require('fox-wamp') as new () => FoxRouter;

/** A running fox-wamp router: its WebSocket URL and port, and `stop()`. */
export interface Fox {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts fox-wamp on `port` (default: an ephemeral one) and resolves once it listens. */
export async function startFox(port = 0): Promise<Fox> {
  const server = new FoxRouterClass().listenWAMP({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const actual = server.address().port;
  return {
    url: `ws://127.0.0.1:${actual}`,
    port: actual,
    stop() {
      for (const client of server.clients) client.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
