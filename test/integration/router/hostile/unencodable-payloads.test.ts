/**
 * One peer's payload must never end another peer's session. A payload that the receiver's
 * serializer cannot encode (too deep, NaN for JSON) or that is over the receiver's size limit is
 * answered to its sender with ERROR; the receiver stays joined and keeps working. Real sockets on
 * 127.0.0.1: WebSocket peers with json/msgpack/cbor and a RawSocket peer with a small limit.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';
import { cborSerializer } from '../../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../../../runtime/serializers/msgpack.js';
import type { Serializer } from '../../../../runtime/serializers/types.js';

type Msg = unknown[];

const ROLES = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

/** A bare WAMP peer: sends arrays, collects every message it receives. */
abstract class Peer {
  readonly inbox: Msg[] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  private seq = 0;

  constructor(protected readonly serializer: Serializer) {}

  abstract send(message: Msg): void;

  protected received(payload: Buffer): void {
    const s = this.serializer;
    this.inbox.push(s.deserialize(s.binary ? payload : payload.toString('utf8')) as Msg);
    for (const w of this.waiters.splice(0)) w();
  }

  protected ended(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Removes and returns the first message of `type` (waiting for it). */
  async next(type: number): Promise<Msg> {
    for (;;) {
      const i = this.inbox.findIndex((m) => m[0] === type);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as Msg;
      if (this.closed) throw new Error(`connection closed while waiting for message type ${type}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  request(): number {
    return ++this.seq;
  }

  async join(): Promise<void> {
    this.send([1, 'realm1', { roles: ROLES }]);
    await this.next(2);
  }

  async register(procedure: string): Promise<number> {
    const id = this.request();
    this.send([64, id, {}, procedure]);
    return (await this.next(65))[2] as number;
  }

  async subscribe(topic: string): Promise<void> {
    this.send([32, this.request(), {}, topic]);
    await this.next(33);
  }
}

class WsPeer extends Peer {
  constructor(
    readonly ws: WebSocket,
    serializer: Serializer,
  ) {
    super(serializer);
    ws.on('message', (data: Buffer) => this.received(data));
    ws.on('close', () => this.ended());
  }

  send(message: Msg): void {
    this.ws.send(this.serializer.serialize(message));
  }

  /** A frame as given (for payloads our own serializer would refuse to write). */
  sendText(text: string): void {
    this.ws.send(text);
  }
}

class RawSocketPeer extends Peer {
  private buf = Buffer.alloc(0);
  private handshaken = false;

  constructor(
    readonly socket: Socket,
    serializer: Serializer,
  ) {
    super(serializer);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.ended());
    socket.on('error', () => {});
  }

  private onData(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (!this.handshaken) {
      if (this.buf.length < 4) return;
      this.handshaken = true;
      this.buf = this.buf.subarray(4);
    }
    while (this.buf.length >= 4) {
      const length = this.buf.readUIntBE(1, 3);
      if (this.buf.length < 4 + length) return;
      const type = this.buf[0]! & 0x07;
      const payload = this.buf.subarray(4, 4 + length);
      this.buf = this.buf.subarray(4 + length);
      if (type === 0) this.received(Buffer.from(payload));
    }
  }

  send(message: Msg): void {
    const s = this.serializer.serialize(message);
    const payload = typeof s === 'string' ? Buffer.from(s) : Buffer.from(s);
    const header = Buffer.alloc(4);
    header.writeUIntBE(payload.length, 1, 3);
    this.socket.write(Buffer.concat([header, payload]));
  }
}

const routers: RunningRouter[] = [];
const peers: Peer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) {
    if (p instanceof WsPeer) p.ws.terminate();
    else if (p instanceof RawSocketPeer) p.socket.destroy();
  }
  await Promise.all(routers.splice(0).map((r) => r.close()));
});

async function start(): Promise<RunningRouter> {
  const r = await serve({
    transports: [
      { type: 'websocket', port: 0 },
      { type: 'rawsocket', port: 0 },
    ],
  });
  routers.push(r);
  return r;
}

async function wsPeer(r: RunningRouter, serializer: Serializer): Promise<WsPeer> {
  const ws = new WebSocket(r.urls[0]!, [serializer.subprotocol]);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const peer = new WsPeer(ws, serializer);
  peers.push(peer);
  await peer.join();
  return peer;
}

/** A RawSocket peer announcing 2^(9+exponent) bytes as the most it accepts. */
async function rawPeer(r: RunningRouter, serializer: Serializer, exponent: number): Promise<RawSocketPeer> {
  const port = Number(new URL(r.urls[1]!).port);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = tcpConnect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const peer = new RawSocketPeer(socket, serializer);
  peers.push(peer);
  const id = serializer === jsonSerializer ? 1 : serializer === msgpackSerializer ? 2 : 3;
  socket.write(Buffer.from([0x7f, (exponent << 4) | id, 0, 0]));
  await peer.join();
  return peer;
}

/** The callee still serves calls after the failed one: its session was not touched. */
async function callWorks(caller: Peer, callee: Peer, procedure: string): Promise<void> {
  const request = caller.request();
  caller.send([48, request, {}, procedure, ['ok']]);
  const invocation = await callee.next(68);
  expect(invocation[4]).toEqual(['ok']);
  callee.send([70, invocation[1], {}, ['fine']]);
  const result = await caller.next(50);
  expect(result.slice(1)).toEqual([request, {}, ['fine']]);
}

describe('payloads a receiver cannot take', () => {
  // A payload nested deeper than the encoders allow never gets this far: the decoders refuse it
  // first and end the sender's session (hostile/serializer-bombs.test.ts). What is left is a value
  // one serializer carries and another cannot: NaN from MessagePack to a JSON peer.
  it('CALL: NaN from a msgpack caller to a JSON callee is an ERROR for the caller only', async () => {
    const r = await start();
    const callee = await wsPeer(r, jsonSerializer);
    await callee.register('com.example.deep');
    const caller = await wsPeer(r, msgpackSerializer);
    const request = caller.request();
    caller.send([48, request, {}, 'com.example.deep', [Number.NaN]]);
    const error = await caller.next(8);
    expect(error.slice(0, 3)).toEqual([8, 48, request]);
    expect(error[4]).toBe('wamp.error.invalid_argument');
    expect(String((error[5] as unknown[])[0])).toMatch(/could not be delivered to the callee/i);
    expect(callee.closed).toBe(false);
    expect(callee.inbox.filter((m) => m[0] === 68 || m[0] === 3)).toEqual([]);
    await callWorks(caller, callee, 'com.example.deep');
    expect(r.router.stats.refusedDeliveries).toBe(1);
  });

  it('YIELD: NaN from a msgpack callee to a JSON caller gives the caller runtime_error, both stay', async () => {
    const r = await start();
    const callee = await wsPeer(r, msgpackSerializer);
    await callee.register('com.example.nan');
    const caller = await wsPeer(r, jsonSerializer);
    const request = caller.request();
    caller.send([48, request, {}, 'com.example.nan', []]);
    const invocation = await callee.next(68);
    callee.send([70, invocation[1], {}, [Number.NaN]]);
    const error = await caller.next(8);
    expect(error.slice(0, 3)).toEqual([8, 48, request]);
    expect(error[4]).toBe('wamp.error.runtime_error');
    expect(String((error[5] as unknown[])[0])).toMatch(/NaN/);
    // An ERROR payload the caller cannot take is answered the same way.
    const request2 = caller.request();
    caller.send([48, request2, {}, 'com.example.nan', []]);
    const invocation2 = await callee.next(68);
    callee.send([8, 68, invocation2[1], {}, 'com.example.failed', [Number.POSITIVE_INFINITY]]);
    const error2 = await caller.next(8);
    expect(error2.slice(2, 5)).toEqual([request2, {}, 'wamp.error.runtime_error']);
    expect(caller.closed).toBe(false);
    expect(callee.closed).toBe(false);
    await callWorks(caller, callee, 'com.example.nan');
  });

  it('PUBLISH: NaN from msgpack and cbor publishers skips JSON subscribers; an acknowledged publisher gets ERROR', async () => {
    const r = await start();
    const jsonSub = await wsPeer(r, jsonSerializer);
    const jsonSub2 = await wsPeer(r, jsonSerializer);
    const msgpackSub = await wsPeer(r, msgpackSerializer);
    for (const s of [jsonSub, jsonSub2, msgpackSub]) await s.subscribe('com.example.numbers');
    for (const serializer of [msgpackSerializer, cborSerializer]) {
      const publisher = await wsPeer(r, serializer);
      const request = publisher.request();
      publisher.send([16, request, { acknowledge: true }, 'com.example.numbers', [Number.NaN]]);
      const error = await publisher.next(8);
      expect(error.slice(0, 3)).toEqual([8, 16, request]);
      expect(error[4]).toBe('wamp.error.invalid_argument');
      // Subscribers that can take it got it; the JSON ones were skipped and stay joined.
      const event = await msgpackSub.next(36);
      expect(Number.isNaN((event[4] as number[])[0])).toBe(true);
      publisher.send([16, publisher.request(), { acknowledge: true }, 'com.example.numbers', [7]]);
      await publisher.next(17);
      for (const s of [jsonSub, jsonSub2, msgpackSub]) expect((await s.next(36))[4]).toEqual([7]);
      expect(jsonSub.inbox).toEqual([]);
    }
    // Two JSON subscribers skipped per NaN publication, the shared frame encoded (and failed) once each.
    expect(r.router.stats.refusedDeliveries).toBe(4);
    expect(jsonSub.closed || jsonSub2.closed).toBe(false);
  });

  it("a RESULT over a RawSocket caller's announced limit is payload_size_exceeded, the caller stays", async () => {
    const r = await start();
    const callee = await wsPeer(r, jsonSerializer);
    await callee.register('com.example.big');
    const caller = await rawPeer(r, jsonSerializer, 2); // 2048 bytes
    const request = caller.request();
    caller.send([48, request, {}, 'com.example.big', []]);
    const invocation = await callee.next(68);
    callee.send([70, invocation[1], {}, ['x'.repeat(5000)]]);
    const error = await caller.next(8);
    expect(error.slice(0, 3)).toEqual([8, 48, request]);
    expect(error[4]).toBe('wamp.error.payload_size_exceeded');
    expect(caller.closed).toBe(false);
    await callWorks(caller, callee, 'com.example.big');
  });

  it("an INVOCATION over a RawSocket callee's limit is payload_size_exceeded for the caller", async () => {
    const r = await start();
    const callee = await rawPeer(r, cborSerializer, 2); // 2048 bytes
    await callee.register('com.example.small');
    const caller = await wsPeer(r, jsonSerializer);
    const request = caller.request();
    caller.send([48, request, {}, 'com.example.small', ['y'.repeat(5000)]]);
    const error = await caller.next(8);
    expect(error.slice(2, 5)).toEqual([request, {}, 'wamp.error.payload_size_exceeded']);
    expect(callee.closed).toBe(false);
    await callWorks(caller, callee, 'com.example.small');
  });
});
