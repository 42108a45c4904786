/**
 * Hostile frames that cost the router's decoder or re-encoder more than they weigh, over real
 * sockets: the CBOR shared-reference bomb, invalid UTF-8, and nesting deeper than any encoder
 * writes. Each must end the sender's session with a protocol violation, promptly and without the
 * router's memory growing, and must never reach the callee or disturb other sessions.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';
import type { Serializer } from '../../../../runtime/serializers/index.js';
import {
  cborSerializer,
  createRawSocketFrameReader,
  encodeRawSocketFrame,
  encodeRawSocketHandshake,
  jsonSerializer,
  MAX_ENCODE_DEPTH,
  msgpackSerializer,
} from '../../../../runtime/serializers/index.js';
import { bytes, cborSharedReferenceBomb } from '../../../helpers/serializer-frames.js';

const PROCEDURE = 'com.example.echo';
const HELLO = [1, 'realm1', { roles: { caller: {}, callee: {} } }];
/** How long a hostile session may take to be ended; far above what it takes (milliseconds). */
const END_WITHIN_MS = 5_000;
/** Bound on the router process's RSS growth while it handles one hostile frame. */
const RSS_GROWTH_LIMIT = 50 * 1024 * 1024;

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A WAMP client speaking raw frames over WebSocket or RawSocket, recording what it receives. */
class RawPeer {
  readonly inbox: unknown[][] = [];
  readonly ended: Promise<void>;
  /** When set, answers INVOCATION with YIELD of the same arguments. */
  echo = false;
  private waiters: (() => void)[] = [];
  private markEnded!: () => void;

  private constructor(
    readonly serializer: Serializer,
    private readonly write: (frame: string | Uint8Array) => void,
    readonly close: () => void,
  ) {
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
  }

  static webSocket(url: string, serializer: Serializer): Promise<RawPeer> {
    const ws = new WebSocket(url, [serializer.subprotocol]);
    const peer = new RawPeer(
      serializer,
      (frame) => ws.send(frame, { binary: typeof frame !== 'string' }),
      () => ws.terminate(),
    );
    ws.on('message', (data: Buffer) =>
      peer.receive(serializer.deserialize(serializer.binary ? data : data.toString('utf8'))),
    );
    ws.on('close', () => peer.markEnded());
    ws.on('error', () => peer.markEnded());
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(peer));
      ws.once('error', reject);
    });
  }

  static rawSocket(port: number, serializer: Serializer): Promise<RawPeer> {
    const socket: Socket = tcpConnect(port, '127.0.0.1');
    const reader = createRawSocketFrameReader({ maxLength: 16 * 1024 * 1024, expectHandshake: true });
    const peer = new RawPeer(
      serializer,
      (frame) =>
        socket.write(encodeRawSocketFrame(0, typeof frame === 'string' ? Buffer.from(frame) : frame)),
      () => socket.destroy(),
    );
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk))
        if (frame.type === 0) peer.receive(serializer.deserialize(frame.payload));
    });
    socket.on('close', () => peer.markEnded());
    socket.on('error', () => peer.markEnded());
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.write(encodeRawSocketHandshake(serializer.rawSocketId, 15));
        resolve(peer);
      });
      socket.once('error', reject);
    });
  }

  private receive(message: unknown): void {
    const m = message as unknown[];
    this.inbox.push(m);
    if (this.echo && m[0] === 68) this.send([70, m[1], {}, m[4] ?? []]);
    for (const wake of this.waiters.splice(0)) wake();
  }

  send(message: unknown[]): void {
    this.write(this.serializer.serialize(message));
  }

  sendFrame(frame: string | Uint8Array): void {
    this.write(frame);
  }

  /** The first received message of type `type`, waiting for it (bounded). */
  async next(type: number): Promise<unknown[]> {
    const found = () => this.inbox.find((m) => m[0] === type);
    const wait = (async () => {
      while (found() === undefined) await new Promise<void>((r) => this.waiters.push(r));
      return found()!;
    })();
    return within(wait, END_WITHIN_MS, `waiting for message type ${type}`);
  }

  async join(): Promise<this> {
    this.send(HELLO);
    await this.next(2);
    return this;
  }

  received(type: number): unknown[][] {
    return this.inbox.filter((m) => m[0] === type);
  }
}

let router: RunningRouter;
const peers: RawPeer[] = [];

beforeAll(async () => {
  router = await serve({
    transports: [
      { type: 'websocket', host: '127.0.0.1', port: 0 },
      { type: 'rawsocket', host: '127.0.0.1', port: 0 },
    ],
  });
});

afterEach(() => {
  for (const peer of peers.splice(0)) peer.close();
});

afterAll(async () => {
  await router.close();
});

type Transport = 'websocket' | 'rawsocket';

async function open(transport: Transport, serializer: Serializer): Promise<RawPeer> {
  const peer =
    transport === 'websocket'
      ? await RawPeer.webSocket(router.url, serializer)
      : await RawPeer.rawSocket(Number(new URL(router.urls[1]!).port), serializer);
  peers.push(peer);
  return peer;
}

/** A frame of `serializer` holding `message`, with the UTF-8 of `marker` replaced by `replacement`. */
function patched(
  serializer: Serializer,
  message: unknown[],
  marker: string,
  replacement: Uint8Array,
): Uint8Array {
  const frame = Buffer.from(serializer.serialize(message));
  const at = frame.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  frame.set(replacement, at);
  return new Uint8Array(frame);
}

/** A CALL frame whose one argument nests `levels` lists, built by hand (no encoder writes it). */
function deepCall(serializer: Serializer, levels: number): string | Uint8Array {
  const marker = 'DEEP';
  const call = serializer.serialize([48, 1, {}, PROCEDURE, [marker]]);
  if (serializer === jsonSerializer) {
    return (call as string).replace(`"${marker}"`, `${'['.repeat(levels)}${']'.repeat(levels)}`);
  }
  const frame = Buffer.from(call);
  const at = frame.indexOf(marker) - 1; // the string's one-byte head
  const nested =
    serializer === msgpackSerializer
      ? bytes(`${'91'.repeat(levels - 1)}90`)
      : bytes(`${'81'.repeat(levels - 1)}80`);
  return new Uint8Array(
    Buffer.concat([frame.subarray(0, at), nested, frame.subarray(at + 1 + marker.length)]),
  );
}

/** An invalid UTF-8 sequence (a UTF-16 surrogate) of the same length as the marker "SUR". */
const SURROGATE = Uint8Array.of(0xed, 0xa0, 0x80);

interface Case {
  readonly name: string;
  readonly transport: Transport;
  readonly serializer: Serializer;
  readonly frame: () => string | Uint8Array;
}

const CASES: readonly Case[] = [
  {
    name: 'the CBOR shared-reference bomb as a CALL (WebSocket)',
    transport: 'websocket',
    serializer: cborSerializer,
    frame: () => cborSharedReferenceBomb(24, PROCEDURE),
  },
  {
    name: 'the CBOR shared-reference bomb as a CALL (RawSocket)',
    transport: 'rawsocket',
    serializer: cborSerializer,
    frame: () => cborSharedReferenceBomb(24, PROCEDURE),
  },
  {
    name: 'invalid UTF-8 in a msgpack str argument',
    transport: 'websocket',
    serializer: msgpackSerializer,
    frame: () => patched(msgpackSerializer, [48, 1, {}, PROCEDURE, ['SUR']], 'SUR', SURROGATE),
  },
  {
    name: 'invalid UTF-8 in a msgpack map key',
    transport: 'websocket',
    serializer: msgpackSerializer,
    frame: () => patched(msgpackSerializer, [48, 1, {}, PROCEDURE, [], { SUR: 1 }], 'SUR', SURROGATE),
  },
  {
    name: 'invalid UTF-8 in a CBOR text argument',
    transport: 'websocket',
    serializer: cborSerializer,
    frame: () => patched(cborSerializer, [48, 1, {}, PROCEDURE, ['SUR']], 'SUR', SURROGATE),
  },
  {
    name: 'invalid UTF-8 in a CBOR map key (RawSocket)',
    transport: 'rawsocket',
    serializer: cborSerializer,
    frame: () => patched(cborSerializer, [48, 1, {}, PROCEDURE, [], { SUR: 1 }], 'SUR', SURROGATE),
  },
  ...[jsonSerializer, msgpackSerializer, cborSerializer].map(
    (serializer): Case => ({
      name: `a ${serializer.name} CALL nested deeper than any encoder writes`,
      transport: 'websocket',
      serializer,
      frame: () => deepCall(serializer, MAX_ENCODE_DEPTH + 2),
    }),
  ),
];

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, hostileCase) => {
  it('ends the sender with a protocol violation, never reaches the callee, and the router keeps serving', async () => {
    // The callee speaks JSON, so whatever reaches it is re-encoded in another serializer.
    const callee = await (await open('websocket', jsonSerializer)).join();
    callee.echo = true;
    callee.send([64, 1, {}, PROCEDURE]);
    await callee.next(65);

    const hostile = await (await open(hostileCase.transport, hostileCase.serializer)).join();
    const frame = hostileCase.frame();
    const rssBefore = process.memoryUsage().rss;
    hostile.sendFrame(frame);

    const abort = await hostile.next(3);
    expect(abort[2]).toBe('wamp.error.protocol_violation');
    expect(String((abort[1] as { message?: unknown }).message)).toMatch(/deserialize/);
    await within(hostile.ended, END_WITHIN_MS, 'the hostile connection to close');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT);

    // Another session, over the same serializer and transport, still gets its call through.
    const caller = await (await open(hostileCase.transport, hostileCase.serializer)).join();
    caller.send([48, 1, {}, PROCEDURE, ['still here']]);
    expect(await caller.next(50)).toStrictEqual([50, 1, {}, ['still here']]);
    expect(callee.received(68)).toHaveLength(1);
    expect(callee.received(3)).toStrictEqual([]);
  });
});
