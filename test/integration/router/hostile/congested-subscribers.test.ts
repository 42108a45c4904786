/**
 * Rotating non-reading subscribers must not hold a publisher (or the healthy subscribers) back:
 * a congested subscriber's events queue up to maxQueueBytes and are then shed, and it is dropped
 * after slowConsumerTimeoutMs; the publisher is never paused for it. Counts, not rates: the
 * slow-consumer timeout is set far beyond the hang guard, so a publisher held back by any of the
 * stopped subscribers would never finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';

const TOPIC = 'com.example.feed';
const KiB = 1024;

class Peer {
  events = 0;
  private waiters = new Map<number, ((m: unknown[]) => void)[]>();
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as unknown[];
      if (m[0] === 36) this.events++;
      const list = this.waiters.get(m[0] as number);
      list?.shift()?.(m);
    });
  }
  expect(type: number): Promise<unknown[]> {
    return new Promise((resolve) => {
      const list = this.waiters.get(type) ?? [];
      list.push(resolve);
      this.waiters.set(type, list);
    });
  }
  send(m: unknown[]): void {
    this.ws.send(JSON.stringify(m));
  }
}

const routers: RunningRouter[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(routers.splice(0).map((r) => r.close()));
});

async function join(url: string, topic?: string): Promise<Peer> {
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
  if (topic !== undefined) {
    const subscribed = peer.expect(33);
    peer.send([32, 1, {}, topic]);
    await subscribed;
  }
  return peer;
}

describe('congested subscribers', () => {
  it('rotating non-reading subscribers never pause the publisher; a healthy subscriber gets every event', async () => {
    const r = await serve({
      transports: [{ type: 'websocket', port: 0 }],
      limits: {
        highWaterBytes: 16 * KiB,
        lowWaterBytes: 4 * KiB,
        maxQueueBytes: 1024 * KiB,
        // Far beyond the hang guard: only shedding, not dropping, can keep the publisher going.
        slowConsumerTimeoutMs: 600_000,
      },
    });
    routers.push(r);
    const healthy = await join(r.url, TOPIC);
    const publisher = await join(r.url);
    const pad = 'x'.repeat(32 * KiB);
    const total = 600;
    const rotations = 6;
    let published = 0;
    for (let round = 0; round < rotations; round++) {
      // A new subscriber that never reads joins each round (the attacker rotates them).
      const stopped = await join(r.url, TOPIC);
      stopped.ws.pause();
      (stopped.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      for (let i = 0; i < total / rotations; i++) {
        const request = ++published;
        const ack = publisher.expect(17);
        publisher.send([16, request, { acknowledge: true }, TOPIC, [request, pad]]);
        await ack;
      }
    }
    await expect.poll(() => healthy.events, { timeout: 20_000, interval: 20 }).toBe(total);
    expect(r.flowStats.pauses).toBe(0);
    // The stopped subscribers filled their queues and then missed events instead of holding anyone.
    expect(r.flowStats.shedEvents).toBeGreaterThan(0);
    expect(r.flowStats.overflows).toBe(0);
  }, 60_000);
});
