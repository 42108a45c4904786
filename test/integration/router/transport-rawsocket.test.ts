import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import type { Serializer } from '../../../runtime/serializers/types.js';

const HELLO = [1, 'realm1', { roles: { caller: {}, callee: {} } }];

/** A bare TCP peer that collects bytes and parses RawSocket frames. */
class TcpPeer {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  readonly ended: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ended = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
  }

  private async waitFor(n: number): Promise<boolean> {
    let done = false;
    void this.ended.then(() => {
      done = true;
      for (const w of this.waiters.splice(0)) w();
    });
    while (this.buf.length < n && !done) await new Promise<void>((r) => this.waiters.push(r));
    return this.buf.length >= n;
  }

  async take(n: number): Promise<Buffer | undefined> {
    if (!(await this.waitFor(n))) return undefined;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Reads one frame: its type and payload. */
  async frame(): Promise<{ type: number; payload: Buffer } | undefined> {
    const header = await this.take(4);
    if (header === undefined) return undefined;
    const length = header.readUIntBE(1, 3);
    const payload = await this.take(length);
    return payload === undefined ? undefined : { type: header[0]! & 0x07, payload };
  }

  write(bytes: Uint8Array | number[]): void {
    this.socket.write(Buffer.from(bytes));
  }

  sendMessage(serializer: Serializer, message: unknown[], type = 0): void {
    const s = serializer.serialize(message);
    const payload = typeof s === 'string' ? Buffer.from(s) : Buffer.from(s);
    const header = Buffer.alloc(4);
    header[0] = type;
    header.writeUIntBE(payload.length, 1, 3);
    this.socket.write(Buffer.concat([header, payload]));
  }
}

const running: RunningRouter[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function startRouter(
  maxMessageSize?: number,
  openTimeoutMs?: number,
): Promise<{ port: number; router: RunningRouter }> {
  const limits = {
    ...(maxMessageSize === undefined ? {} : { maxMessageSize }),
    ...(openTimeoutMs === undefined ? {} : { openTimeoutMs }),
  };
  const r = await serve({ transports: [{ type: 'rawsocket', port: 0 }], limits });
  running.push(r);
  return { port: Number(new URL(r.url).port), router: r };
}

function open(port: number): Promise<TcpPeer> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => resolve(new TcpPeer(socket)));
    sockets.push(socket);
    socket.once('error', reject);
  });
}

function decode(serializer: Serializer, payload: Buffer): unknown[] {
  return serializer.deserialize(serializer.binary ? payload : payload.toString('utf8')) as unknown[];
}

describe('RawSocket transport: handshake', () => {
  it('reports an rs:// URL with the real port', async () => {
    const { router } = await startRouter();
    expect(router.url).toMatch(/^rs:\/\/127\.0\.0\.1:\d+$/);
  });

  it('echoes the serializer and announces 16 MiB (L=15) by default', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    expect([...((await peer.take(4)) ?? [])]).toEqual([0x7f, 0xf1, 0, 0]);
  });

  it('announces the largest power of two not above maxMessageSize', async () => {
    const { port } = await startRouter(100_000);
    const peer = await open(port);
    peer.write([0x7f, 0xf3, 0, 0]);
    // 2^16 = 65536 <= 100000 < 2^17, so L = 16 - 9 = 7.
    expect([...((await peer.take(4)) ?? [])]).toEqual([0x7f, 0x73, 0, 0]);
  });

  it('answers an unsupported serializer with error 1', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf4, 0, 0]);
    expect([...((await peer.take(4)) ?? [])]).toEqual([0x7f, 0x10, 0, 0]);
    await peer.ended;
  });

  it('answers reserved handshake bytes with error 3', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 1]);
    expect([...((await peer.take(4)) ?? [])]).toEqual([0x7f, 0x30, 0, 0]);
  });

  it('drops a connection whose first byte is not 0x7F without a reply', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(await peer.take(1)).toBeUndefined();
  });
});

describe('RawSocket transport: frames', () => {
  it('carries a WAMP session: HELLO gets WELCOME', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    await peer.take(4);
    peer.sendMessage(jsonSerializer, HELLO);
    const frame = await peer.frame();
    expect(frame?.type).toBe(0);
    expect(decode(jsonSerializer, frame!.payload)[0]).toBe(2);
  });

  it('accepts a message sent in the same chunk as the handshake', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    const payload = cborSerializer.serialize(HELLO) as Uint8Array;
    const header = [0, (payload.length >> 16) & 0xff, (payload.length >> 8) & 0xff, payload.length & 0xff];
    peer.write(Buffer.concat([Buffer.from([0x7f, 0xf3, 0, 0, ...header]), Buffer.from(payload)]));
    await peer.take(4);
    const frame = await peer.frame();
    expect(decode(cborSerializer, frame!.payload)[0]).toBe(2);
  });

  it('aborts with wamp.error.timeout when no WELCOME follows within openTimeoutMs', async () => {
    const { port } = await startRouter(undefined, 100);
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    await peer.take(4);
    const abort = decode(jsonSerializer, (await peer.frame())!.payload);
    expect(abort[2]).toBe('wamp.error.timeout');
    await peer.ended;
  });

  it('answers a PING with a PONG carrying the same payload', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    await peer.take(4);
    peer.write([0x01, 0, 0, 3, 0x61, 0x62, 0x63]);
    const pong = await peer.frame();
    expect(pong?.type).toBe(2);
    expect(pong?.payload.toString()).toBe('abc');
  });

  it('aborts with payload_size_exceeded when a frame header claims more than the limit', async () => {
    const { port } = await startRouter(4096);
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    await peer.take(4);
    peer.write([0x00, 0x10, 0x00, 0x00]);
    const abort = decode(jsonSerializer, (await peer.frame())!.payload);
    expect(abort[0]).toBe(3);
    expect(abort[2]).toBe('wamp.error.payload_size_exceeded');
    await peer.ended;
  });

  it('aborts with protocol_violation on an unknown frame type', async () => {
    const { port } = await startRouter();
    const peer = await open(port);
    peer.write([0x7f, 0xf1, 0, 0]);
    await peer.take(4);
    peer.write([0x05, 0, 0, 0]);
    const abort = decode(jsonSerializer, (await peer.frame())!.payload);
    expect(abort[2]).toBe('wamp.error.protocol_violation');
  });

  it('never sends a message over the limit the peer announced, ending the session instead', async () => {
    const { port, router } = await startRouter();
    // L=0: the peer receives at most 512 bytes, less than the router's WELCOME with its feature list.
    const peer = await open(port);
    peer.write([0x7f, 0x01, 0, 0]);
    await peer.take(4);
    peer.sendMessage(jsonSerializer, HELLO);
    const frame = await peer.frame();
    expect(frame!.payload.length).toBeLessThanOrEqual(512);
    const abort = decode(jsonSerializer, frame!.payload);
    expect(abort[0]).toBe(3);
    expect(abort[2]).toBe('wamp.error.payload_size_exceeded');
    await peer.ended;
    expect(router.transportCounters['transport.outbound_too_large']).toBe(1);
  });
});
