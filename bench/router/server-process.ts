/**
 * Child-process entry for the router benchmark: starts one router (ours, fox-wamp, or a raw `ws`
 * relay) on 127.0.0.1, reports its port over IPC, and answers CPU/memory probes so the parent can
 * measure router CPU time alone while the clients run in the parent process.
 */
import { createRequire } from 'node:module';
import { WebSocketServer, type WebSocket } from 'ws';

type Kind = 'ours' | 'fox' | 'relay';

interface Started {
  port: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

async function startOurs(): Promise<Started> {
  // BENCH_OURS_SERVE: another build's serve module (absolute path), to compare two builds in one run.
  const module = process.env.BENCH_OURS_SERVE ?? '../../runtime/router/serve.js';
  const { serve } = (await import(module)) as typeof import('../../runtime/router/serve.js');
  // Every bench client comes from 127.0.0.1: lift the per-address cap (default 1,000) above the
  // 5,000 idle sessions of the memory figure.
  const server = await serve({
    transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }],
    limits: { maxConnectionsPerIp: 100_000 },
  });
  return { port: Number(new URL(server.url).port), close: () => server.close() };
}

async function startFox(): Promise<Started> {
  const FoxRouter = require('fox-wamp') as new () => {
    listenWAMP(options: { port: number; host: string }): WebSocketServer;
  };
  const router = new FoxRouter();
  const wss = router.listenWAMP({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (!address || typeof address === 'string') throw new Error('expected a TCP address');
  return { port: address.port, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}

/**
 * A relay that forwards each message verbatim: the first client to say "callee" gets every frame
 * from the others, and its answers go back to the client whose id prefixes the frame.
 * It does the same 4 hops as a routed call with no WAMP logic: a floor for any router.
 */
async function startRelay(): Promise<Started> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let callee: WebSocket | undefined;
  const callers = new Map<number, WebSocket>();
  let nextId = 1;
  wss.on('connection', (ws, request) => {
    if (request.url?.includes('role=callee')) {
      callee = ws;
      // Callee frames are "<callerId>|<payload>": route back by the id, forwarding the payload.
      ws.on('message', (data: Buffer) => {
        const bar = data.indexOf(124);
        callers
          .get(Number(data.subarray(0, bar).toString()))
          ?.send(data.subarray(bar + 1), { binary: false });
      });
      return;
    }
    const id = nextId++;
    callers.set(id, ws);
    const prefix = Buffer.from(`${id}|`);
    ws.on('message', (data: Buffer) => callee?.send(Buffer.concat([prefix, data]), { binary: false }));
    ws.on('close', () => callers.delete(id));
  });
  const address = wss.address();
  if (!address || typeof address === 'string') throw new Error('expected a TCP address');
  return { port: address.port, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}

const kind = process.argv[2] as Kind;
const starters: Record<Kind, () => Promise<Started>> = { ours: startOurs, fox: startFox, relay: startRelay };
const started = await starters[kind]();
process.send?.({ type: 'ready', port: started.port });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'probe') {
    if (global.gc) global.gc();
    process.send?.({ type: 'probe', cpu: process.cpuUsage(), memory: process.memoryUsage() });
  } else if (message.type === 'exit') {
    await started.close();
    process.exit(0);
  }
});
