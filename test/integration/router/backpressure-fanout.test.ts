/**
 * Backpressure over real sockets: subscribers that keep up get every event in order while the
 * router holds the publisher back; a subscriber that stops reading is cut off, the others go on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RouterConfigInput } from '../../../runtime/router/config/router-config-schema.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';

const TOPIC = 'com.example.ticks';
const KiB = 1024;

/** A bare JSON WAMP peer that checks the order of the events it receives. */
class Peer {
  received = 0;
  inOrder = true;
  last: unknown[] | undefined;
  closeCode: number | undefined;
  private expected = 0;
  private waiters = new Map<number, (m: unknown[]) => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as unknown[];
      this.last = m;
      if (m[0] === 36) {
        const seq = (m[4] as unknown[])[0] as number;
        if (seq !== this.expected) this.inOrder = false;
        this.expected = seq + 1;
        this.received++;
        return;
      }
      const waiter = this.waiters.get(m[0] as number);
      this.waiters.delete(m[0] as number);
      waiter?.(m);
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  expect(type: number): Promise<unknown[]> {
    return new Promise((resolve) => this.waiters.set(type, resolve));
  }

  send(message: unknown[]): void {
    this.ws.send(JSON.stringify(message));
  }
}

const routers: RunningRouter[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(routers.splice(0).map((r) => r.close()));
});

async function start(limits: NonNullable<RouterConfigInput['limits']>): Promise<RunningRouter> {
  const r = await serve({ transports: [{ type: 'websocket', port: 0 }], limits });
  routers.push(r);
  return r;
}

async function join(url: string): Promise<Peer> {
  const ws = new WebSocket(url, ['wamp.2.json']);
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const peer = new Peer(ws);
  const welcome = peer.expect(2);
  peer.send([1, 'realm1', { roles: { publisher: {}, subscriber: {} } }]);
  await welcome;
  return peer;
}

async function subscriber(url: string): Promise<Peer> {
  const peer = await join(url);
  const subscribed = peer.expect(33);
  peer.send([32, 1, {}, TOPIC]);
  await subscribed;
  return peer;
}

/** Writes `count` PUBLISH messages (no acknowledgement) as fast as the client socket takes them. */
function publishAll(publisher: Peer, count: number, padBytes: number): void {
  const pad = 'x'.repeat(padBytes);
  for (let i = 0; i < count; i++) publisher.send([16, i + 1, {}, TOPIC, [i, pad]]);
}

describe('backpressure: fan-out', () => {
  it('delivers all 20,000 events to each of 10 subscribers, in order, without holding the publisher back', async () => {
    const router = await start({
      highWaterBytes: 64 * KiB,
      lowWaterBytes: 16 * KiB,
      maxQueueBytes: 32 * 1024 * KiB,
      slowConsumerTimeoutMs: 15_000,
    });
    const subs: Peer[] = [];
    for (let i = 0; i < 10; i++) subs.push(await subscriber(router.url));
    // One subscriber reads nothing until the router is congested, so backpressure must engage.
    subs[0]!.ws.pause();
    const publisher = await join(router.url);
    publishAll(publisher, 20_000, 400);
    await expect.poll(() => router.flowStats.congestions, { timeout: 15_000 }).toBeGreaterThan(0);
    subs[0]!.ws.resume();
    await expect
      .poll(() => subs.map((s) => s.received), { timeout: 25_000, interval: 50 })
      .toEqual(subs.map(() => 20_000));
    expect(subs.every((s) => s.inOrder)).toBe(true);
    // Subscribers never pause their publisher; under maxQueueBytes nothing is shed.
    expect(router.flowStats.pauses).toBe(0);
    expect(router.flowStats.shedEvents).toBe(0);
    expect(router.flowStats.overflows + router.flowStats.slowConsumers).toBe(0);
  }, 60_000);
});

describe('backpressure: a subscriber that stops reading', () => {
  it('is closed when it drains nothing for slowConsumerTimeoutMs, and the others receive every event', async () => {
    const router = await start({
      highWaterBytes: 64 * KiB,
      lowWaterBytes: 16 * KiB,
      maxQueueBytes: 64 * 1024 * KiB,
      slowConsumerTimeoutMs: 500,
    });
    const stopped = await subscriber(router.url);
    stopped.ws.pause();
    const healthy = [
      await subscriber(router.url),
      await subscriber(router.url),
      await subscriber(router.url),
    ];
    const publisher = await join(router.url);
    publishAll(publisher, 10_000, 1000);
    await expect
      .poll(() => healthy.map((s) => s.received), { timeout: 25_000, interval: 50 })
      .toEqual(healthy.map(() => 10_000));
    expect(healthy.every((s) => s.inOrder)).toBe(true);
    await expect.poll(() => router.transportCounters['transport.slow_consumer'], { timeout: 10_000 }).toBe(1);
    expect(router.router.sessionCount()).toBe(4);
  }, 60_000);

  it('tells the stopped subscriber why, with ABORT wamp.close.killed and close code 1008', async () => {
    const router = await start({
      highWaterBytes: 64 * KiB,
      lowWaterBytes: 16 * KiB,
      maxQueueBytes: 64 * 1024 * KiB,
      slowConsumerTimeoutMs: 300,
    });
    const stopped = await subscriber(router.url);
    stopped.ws.pause();
    const publisher = await join(router.url);
    publishAll(publisher, 10_000, 1000);
    await expect.poll(() => router.flowStats.slowConsumers, { timeout: 15_000 }).toBe(1);
    stopped.ws.resume();
    await expect.poll(() => stopped.closeCode, { timeout: 10_000 }).toBe(1008);
    expect(stopped.last?.[0]).toBe(3);
    expect(stopped.last?.[2]).toBe('wamp.close.killed');
  }, 60_000);

  it('misses events beyond maxQueueBytes (shed, never an overflow), and the others receive every event', async () => {
    const router = await start({
      highWaterBytes: 16 * KiB,
      lowWaterBytes: 4 * KiB,
      maxQueueBytes: 300 * KiB,
      slowConsumerTimeoutMs: 60_000,
    });
    // The stopped peer hears 16 publishers (prefix subscription); each is held back after one
    // event into its congested queue, which still leaves far more than maxQueueBytes queued.
    const stopped = await join(router.url);
    const subscribed = stopped.expect(33);
    stopped.send([32, 1, { match: 'prefix' }, `${TOPIC}.`]);
    await subscribed;
    stopped.ws.pause();
    const healthy = await join(router.url);
    const healthySubscribed = healthy.expect(33);
    healthy.send([32, 1, {}, `${TOPIC}.0`]);
    await healthySubscribed;
    const publishers: Peer[] = [];
    for (let i = 0; i < 16; i++) publishers.push(await join(router.url));
    const pad = 'x'.repeat(256 * KiB);
    for (let n = 0; n < 4; n++) {
      for (const [i, p] of publishers.entries()) p.send([16, n + 1, {}, `${TOPIC}.${i}`, [n, pad]]);
    }
    await expect.poll(() => router.flowStats.shedEvents, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => healthy.received, { timeout: 15_000 }).toBe(4);
    expect(healthy.inOrder).toBe(true);
    expect(router.flowStats.overflows).toBe(0);
    expect(router.flowStats.pauses).toBe(0);
  }, 60_000);
});
