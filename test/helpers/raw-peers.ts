/**
 * Bare peers for hostile-client tests: a WebSocket peer that sends and records raw WAMP values,
 * and a TCP peer that speaks RawSocket byte by byte. Both talk to a real router on 127.0.0.1.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { type RunningRouter, serve } from '../../runtime/router/serve.js';
import { jsonSerializer } from '../../runtime/serializers/json.js';

/** A WebSocket peer (JSON) that records every message and how the connection closed. */
export class RawWsPeer {
  readonly messages: unknown[][] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.messages.push(jsonSerializer.deserialize(data.toString('utf8')) as unknown[]);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a `wamp.2.json` WebSocket to `url`. */
  static open(url: string): Promise<RawWsPeer> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, ['wamp.2.json']);
      const peer = new RawWsPeer(ws);
      ws.once('open', () => resolve(peer));
      ws.once('error', reject);
    });
  }

  send(message: unknown[]): void {
    this.ws.send(jsonSerializer.serialize(message) as string);
  }

  /** The `index`-th message received (waits for it). */
  async message(index: number): Promise<unknown[]> {
    while (this.messages.length <= index) await new Promise<void>((r) => this.waiters.push(r));
    return this.messages[index]!;
  }

  /** Sends HELLO and waits for WELCOME; returns the session id. */
  async join(realm = 'realm1'): Promise<number> {
    const at = this.messages.length;
    this.send([1, realm, { roles: { caller: {}, callee: {}, publisher: {}, subscriber: {} } }]);
    const welcome = await this.message(at);
    if (welcome[0] !== 2) throw new Error(`expected WELCOME, got ${JSON.stringify(welcome)}`);
    return welcome[1] as number;
  }
}

/** A TCP peer that collects bytes and parses RawSocket frames. */
export class RawTcpPeer {
  private buf: Buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  readonly ended: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ended = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
  }

  /** Connects to `port` on 127.0.0.1. */
  static connect(port: number): Promise<RawTcpPeer> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(port, '127.0.0.1');
      const peer = new RawTcpPeer(socket);
      socket.once('connect', () => resolve(peer));
      socket.once('error', reject);
    });
  }

  /** Sends the handshake for JSON with the largest receive limit and waits for the reply. */
  async handshake(): Promise<Buffer | undefined> {
    this.write([0x7f, 0xf1, 0, 0]);
    return this.take(4);
  }

  async take(n: number): Promise<Buffer | undefined> {
    let done = false;
    void this.ended.then(() => {
      done = true;
      for (const w of this.waiters.splice(0)) w();
    });
    while (this.buf.length < n && !done) await new Promise<void>((r) => this.waiters.push(r));
    if (this.buf.length < n) return undefined;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Reads one frame: its type and payload (undefined once the connection ended). */
  async frame(): Promise<{ type: number; payload: Buffer } | undefined> {
    const header = await this.take(4);
    if (header === undefined) return undefined;
    const payload = await this.take(header.readUIntBE(1, 3));
    return payload === undefined ? undefined : { type: header[0]! & 0x07, payload };
  }

  /** One frame of `type` (0 message, 1 ping, 2 pong). */
  sendFrame(type: number, payload: Uint8Array): boolean {
    const header = Buffer.alloc(4);
    header[0] = type;
    header.writeUIntBE(payload.length, 1, 3);
    return this.socket.write(Buffer.concat([header, payload]));
  }

  /** One WAMP message as JSON. */
  sendMessage(message: unknown[]): void {
    this.sendFrame(0, Buffer.from(jsonSerializer.serialize(message) as string));
  }

  write(bytes: Uint8Array | number[]): void {
    this.socket.write(Buffer.from(bytes));
  }
}

/** The TCP port of a router's first listener (`rs://127.0.0.1:1234` gives 1234). */
export function portOf(running: { readonly url: string }): number {
  return Number(new URL(running.url.replace(/^\w+:/, 'http:')).port);
}

export { sleep } from './timing.js';

type Limits = NonNullable<NonNullable<Parameters<typeof serve>[0]>['limits']>;

/**
 * Routers served on 127.0.0.1 (random port) for the tests of one file. After each test the
 * functions pushed to `cleanup` run (terminate raw peers) and every router is closed.
 */
export function useServedRouters(defaults: Limits = {}): {
  start(type?: 'websocket' | 'rawsocket', limits?: Limits): Promise<RunningRouter>;
  readonly cleanup: (() => void)[];
} {
  const running: RunningRouter[] = [];
  const cleanup: (() => void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) c();
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  return {
    cleanup,
    async start(type = 'websocket', limits = {}) {
      const r = await serve({
        transports: [{ type, host: '127.0.0.1', port: 0 }],
        limits: { ...defaults, ...limits },
      });
      running.push(r);
      return r;
    },
  };
}
