/**
 * Client-side workloads for the router benchmark, run with independent peers (autobahn-js 22.x)
 * so that the router is measured handling traffic from clients we did not write.
 */
import { createRequire } from 'node:module';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);

interface AutobahnSession {
  register(uri: string, handler: (args: unknown[]) => unknown): Promise<unknown>;
  subscribe(uri: string, handler: (args: unknown[]) => void): Promise<unknown>;
  call(uri: string, args: unknown[]): Promise<unknown>;
  publish(uri: string, args: unknown[]): void;
}
interface AutobahnConnection {
  onopen: (session: AutobahnSession) => void;
  onclose: (reason: string) => boolean;
  open(): void;
  close(): void;
}
const autobahn = require('autobahn') as {
  Connection: new (options: Record<string, unknown>) => AutobahnConnection;
};

/** An open autobahn-js session and a way to close it. */
export interface Peer {
  session: AutobahnSession;
  close(): void;
}

/** Opens an autobahn-js session (JSON over WebSocket) to `url`, realm `realm1`. */
export function openAutobahn(url: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url,
      realm: 'realm1',
      max_retries: 0,
      use_es6_promises: true,
    });
    connection.onopen = (session) => resolve({ session, close: () => connection.close() });
    connection.onclose = (reason) => {
      reject(new Error(`autobahn connection closed: ${reason}`));
      return true;
    };
    connection.open();
  });
}

/** Caller and callee over the raw relay: the callee echoes each frame back, prefixed for routing. */
export async function openRelayPair(
  port: number,
  payload: unknown,
): Promise<{ call: () => Promise<void>; close(): void }> {
  const open = (path: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const callee = await open('/?role=callee');
  const caller = await open('/');
  // Same work per message as a WAMP peer: parse the frame and build a reply frame.
  callee.on('message', (data: Buffer) => {
    const text = data.toString();
    const bar = text.indexOf('|');
    const message = JSON.parse(text.slice(bar + 1)) as [number, number, object, string, unknown[]];
    callee.send(`${text.slice(0, bar)}|${JSON.stringify([50, message[1], {}, message[4]])}`);
  });
  const pending = new Map<number, () => void>();
  caller.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as [number, number];
    pending.get(message[1])?.();
    pending.delete(message[1]);
  });
  let request = 0;
  return {
    call: () =>
      new Promise<void>((resolve) => {
        request++;
        pending.set(request, resolve);
        caller.send(JSON.stringify([48, request, {}, 'bench.echo', [payload]]));
      }),
    close: () => {
      caller.close();
      callee.close();
    },
  };
}

/** Opens `count` bare WAMP sessions (HELLO/WELCOME over raw `ws`) that then stay idle. */
export async function openIdleSessions(url: string, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const batch = 200;
  for (let i = 0; i < count; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, () => {
        return new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, ['wamp.2.json']);
          ws.once('open', () => ws.send(JSON.stringify([1, 'realm1', { roles: { subscriber: {} } }])));
          ws.once('message', (data: Buffer) => {
            if (data.toString().startsWith('[2,')) resolve(ws);
            else reject(new Error(`join refused: ${data.toString()}`));
          });
          ws.once('error', reject);
        });
      }),
    );
    sockets.push(...opened);
  }
  return sockets;
}
