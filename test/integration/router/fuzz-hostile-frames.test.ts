/**
 * Hostile input over real sockets: random bytes, malformed and mis-shaped messages, out-of-order
 * messages and huge claimed sizes, on WebSocket (all three serializers) and RawSocket. Every
 * hostile session must be ended by the router, and the router must keep serving afterwards.
 */
import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import type { Serializer } from '../../../runtime/serializers/types.js';

const CONNECTIONS = 2_600;
const FRAMES_PER_CONNECTION = 4;
const CONCURRENCY = 32;
const MAX_MESSAGE = 64 * 1024;

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HELLO = [1, 'realm1', { roles: { caller: {}, callee: {} } }];
const SHAPES: unknown[] = [
  [],
  [0],
  [999, 1, 2],
  [1],
  [1, 42, {}],
  [1, 'realm1', []],
  [1, 'bad realm', { roles: {} }],
  [1, 'realm1', { roles: { caller: {} }, authmethods: 'ticket' }],
  [48, 1, {}, 'com.example.x'],
  [48, -1, {}, 'com.example.x'],
  [2, 1, { roles: {} }],
  [4, 'ticket', {}],
  [6, {}, 'wamp.close.normal'],
  [70, 1, {}],
  [8, 48, 1, {}, 'wamp.error.x'],
  [16, 2 ** 60, {}, 'com.x'],
  [32, 1, { match: 7 }, 'com.x'],
  [64, 1, {}, 'com..x'],
  { 0: 1 },
  'HELLO',
  null,
  1.5,
];

type Hostile = { kind: 'text' | 'binary'; data: string | Uint8Array };

function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** One hostile WAMP payload for `serializer`: garbage, a wrong shape, or a valid message out of order. */
function hostilePayload(rand: () => number, serializer: Serializer, index: number): Hostile {
  const pick = Math.floor(rand() * 7);
  const enc = (v: unknown): Hostile => {
    const out = serializer.serialize(v as unknown[]);
    return typeof out === 'string' ? { kind: 'text', data: out } : { kind: 'binary', data: out };
  };
  switch (pick) {
    case 0:
      return {
        kind: serializer.binary ? 'binary' : 'text',
        data: randomBytes(rand, 1 + Math.floor(rand() * 64)),
      };
    case 1:
      return {
        kind: 'text',
        data: ['{', '[1,', '[1, "realm1", {', '\u0000', '[[[[', '"', 'nul'][index % 7]!,
      };
    case 2:
      return enc(SHAPES[Math.floor(rand() * SHAPES.length)]);
    case 3:
      // A valid message that is not allowed before HELLO.
      return enc([48, 1, {}, 'com.example.add', [1, 2]]);
    case 4:
      // Huge claimed sizes inside the serialization itself.
      return serializer === msgpackSerializer
        ? { kind: 'binary', data: Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff, 0x01) }
        : serializer === cborSerializer
          ? { kind: 'binary', data: Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) }
          : { kind: 'text', data: `${'['.repeat(50_000)}${']'.repeat(50_000)}` };
    case 5:
      return enc(HELLO);
    default: {
      const m = randomBytes(rand, 8);
      return { kind: 'binary', data: m };
    }
  }
}

let router: RunningRouter;
let framesSent = 0;
let unanswered = 0;

beforeAll(async () => {
  router = await serve({
    transports: [
      { type: 'websocket', port: 0 },
      { type: 'rawsocket', port: 0 },
    ],
    limits: { maxMessageSize: MAX_MESSAGE },
  });
});

afterAll(async () => {
  await router.close();
});

const SERIALIZERS = [jsonSerializer, msgpackSerializer, cborSerializer];

/** Opens a WebSocket, sends hostile frames, and resolves once the router has closed it. */
function hostileWebSocket(rand: () => number, i: number): Promise<void> {
  const serializer = SERIALIZERS[i % 3]!;
  return new Promise((resolve) => {
    const ws = new WebSocket(router.url, [serializer.subprotocol]);
    const timer = setTimeout(() => {
      unanswered++;
      ws.terminate();
    }, 5_000);
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('open', () => {
      if (i % 50 === 7) {
        // A WebSocket frame header claiming 2^40 bytes (masked, as a client must).
        (ws as unknown as { _socket: { write(b: Uint8Array): void } })._socket.write(
          Uint8Array.of(0x82, 0xff, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4),
        );
        framesSent++;
        return;
      }
      // Half the connections send their garbage after a valid HELLO, so it hits an established session.
      if (i % 2 === 0) ws.send(serializer.serialize(HELLO));
      for (let f = 0; f < FRAMES_PER_CONNECTION; f++) {
        const h = hostilePayload(rand, serializer, i + f);
        ws.send(h.data, { binary: h.kind === 'binary' });
        framesSent++;
      }
    });
  });
}

/** Opens a TCP connection, sends a (sometimes invalid) RawSocket handshake and hostile frames. */
function hostileRawSocket(rand: () => number, i: number): Promise<void> {
  const port = Number(new URL(router.urls[1]!).port);
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      unanswered++;
      socket.destroy();
    }, 5_000);
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on('connect', () => {
      const serializer = SERIALIZERS[i % 3]!;
      const variant = i % 10;
      const handshake =
        variant === 0
          ? randomBytes(rand, 4)
          : variant === 1
            ? Uint8Array.of(0x7f, 0xf9, 0, 0)
            : Uint8Array.of(0x7f, 0xf0 | serializer.rawSocketId, 0, 0);
      const chunks: Uint8Array[] = [handshake];
      for (let f = 0; f < FRAMES_PER_CONNECTION; f++) {
        const kind = Math.floor(rand() * 4);
        if (kind === 0) {
          chunks.push(randomBytes(rand, 4 + Math.floor(rand() * 40)));
        } else if (kind === 1) {
          // A header claiming far more than the router's limit.
          chunks.push(Uint8Array.of(0x00, 0xff, 0xff, 0xff));
        } else {
          const h = hostilePayload(rand, serializer, i + f);
          const payload = typeof h.data === 'string' ? Buffer.from(h.data) : h.data;
          const header = Uint8Array.of(
            kind === 3 ? 0x30 : 0,
            payload.length >> 16,
            (payload.length >> 8) & 0xff,
            payload.length & 0xff,
          );
          chunks.push(header, payload);
        }
        framesSent++;
      }
      socket.end(Buffer.concat(chunks));
    });
  });
}

async function pool(count: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await run(next++);
  });
  await Promise.all(workers);
}

describe('fuzz: hostile frames', () => {
  it('ends every hostile session and keeps routing calls afterwards', async () => {
    const rand = prng(20261121);
    await pool(CONNECTIONS, (i) => (i % 2 === 0 ? hostileWebSocket(rand, i) : hostileRawSocket(rand, i)));
    expect(framesSent).toBeGreaterThanOrEqual(10_000);
    expect(unanswered).toBe(0);
    const c = router.transportCounters;
    const refused =
      router.router.stats.protocolViolations +
      c['transport.deserialize_failed'] +
      c['transport.rawsocket_protocol'] +
      c['transport.message_too_large'];
    // Most connections are refused for their first hostile frame (the rest arrive after the ABORT).
    expect(refused).toBeGreaterThan(CONNECTIONS / 2);

    // A normal call through the same router still works.
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(router.url, ['wamp.2.json']);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const next = (ws: WebSocket): Promise<unknown[]> =>
      new Promise((resolve) =>
        ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as unknown[])),
      );
    const callee = await open();
    callee.send(JSON.stringify(HELLO));
    await next(callee);
    callee.send(JSON.stringify([64, 1, {}, 'com.example.add']));
    await next(callee);
    callee.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as unknown[];
      if (m[0] === 68) {
        const [a, b] = m[4] as number[];
        callee.send(JSON.stringify([70, m[1], {}, [a! + b!]]));
      }
    });
    const caller = await open();
    caller.send(JSON.stringify(HELLO));
    await next(caller);
    caller.send(JSON.stringify([48, 1, {}, 'com.example.add', [40, 2]]));
    expect(await next(caller)).toEqual([50, 1, {}, [42]]);
    // Only the two healthy sessions are left: nothing hostile lingers.
    expect(router.router.sessionCount()).toBe(2);
    callee.terminate();
    caller.terminate();
  }, 60_000);
});
