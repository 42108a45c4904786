/**
 * A raw WAMP peer over a real `ws` connection (JSON or MessagePack): sends arrays as they are and
 * queues what the router sends, for tests that must control every message (hostile input, manual
 * callees). Every wait is bounded.
 */
import WebSocket from 'ws';
import { jsonSerializer } from '../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../runtime/serializers/msgpack.js';
import type { Serializer } from '../../runtime/serializers/types.js';

/** Every role with the features the tests need (callee canceling for INTERRUPT). */
export const RAW_ROLES = {
  caller: { features: { call_canceling: true } },
  callee: { features: { call_canceling: true } },
  publisher: {},
  subscriber: {},
};

/** One raw connection. */
export class RawWamp {
  readonly received: unknown[][] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  private seq = 0;

  private constructor(
    private readonly ws: WebSocket,
    private readonly serializer: Serializer,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const payload = isBinary ? new Uint8Array(data) : data.toString('utf8');
      this.received.push(serializer.deserialize(payload) as unknown[]);
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** Opens a connection to `url` speaking `serializer` (JSON by default). */
  static open(url: string, serializer: Serializer = jsonSerializer): Promise<RawWamp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [serializer.subprotocol]);
      const peer = new RawWamp(ws, serializer);
      ws.once('open', () => resolve(peer));
      ws.once('error', reject);
    });
  }

  /** Opens a connection and joins `realm` anonymously; resolves once WELCOME arrived. */
  static async joined(url: string, realm = 'realm1', serializer?: Serializer): Promise<RawWamp> {
    const peer = await RawWamp.open(url, serializer);
    peer.send([1, realm, { roles: RAW_ROLES }]);
    await peer.next(2);
    return peer;
  }

  /** MessagePack, for a peer whose serializer must differ from the client's. */
  static readonly msgpack = msgpackSerializer;

  /** The next request id (sequential, as the router expects). */
  nextId(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Sends an already encoded frame (e.g. JSON text the project's serializer would refuse). */
  sendFrame(data: string | Uint8Array): void {
    this.ws.send(data);
  }

  send(message: unknown[]): void {
    this.ws.send(this.serializer.serialize(message));
  }

  /** Removes and returns the first queued message of type `type` (waits at most `ms`). */
  async next(type: number, ms = 5000): Promise<unknown[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.received.findIndex((m) => m[0] === type);
      if (i >= 0) return this.received.splice(i, 1)[0]!;
      if (this.closed)
        throw new Error(`connection closed before message ${type}; got ${JSON.stringify(this.received)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no message ${type} within ${ms} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a request with a fresh id and returns the reply (the success type or ERROR). */
  async request(message: (id: number) => unknown[], success: number): Promise<unknown[]> {
    const id = this.nextId();
    this.send(message(id));
    const deadline = Date.now() + 5000;
    for (;;) {
      const i = this.received.findIndex(
        (m) => (m[0] === success && m[1] === id) || (m[0] === 8 && m[2] === id),
      );
      if (i >= 0) return this.received.splice(i, 1)[0]!;
      if (this.closed || Date.now() > deadline) throw new Error(`no reply to request ${id}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the router closed the connection (bounded). */
  async whenClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Joins with ticket authentication and resolves with the connection and the final message (WELCOME or ABORT). */
export async function ticketLogin(
  url: string,
  authid: string,
  ticket: string,
  realm = 'realm1',
  serializer?: Serializer,
): Promise<{ peer: RawWamp; reply: unknown[] }> {
  const peer = await RawWamp.open(url, serializer);
  peer.send([1, realm, { roles: RAW_ROLES, authmethods: ['ticket'], authid }]);
  const first = await firstOf(peer, [4, 2, 3]);
  if (first[0] !== 4) return { peer, reply: first };
  peer.send([5, ticket, {}]);
  return { peer, reply: await firstOf(peer, [2, 3]) };
}

/** The first queued message whose type is one of `types`. */
export async function firstOf(peer: RawWamp, types: number[], ms = 5000): Promise<unknown[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const i = peer.received.findIndex((m) => types.includes(m[0] as number));
    if (i >= 0) return peer.received.splice(i, 1)[0]!;
    if (peer.closed || Date.now() > deadline) {
      throw new Error(`none of ${types.join(',')} arrived; got ${JSON.stringify(peer.received)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
