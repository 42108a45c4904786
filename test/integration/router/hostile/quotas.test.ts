/**
 * Per-session quotas: a session cannot grow the router's tables without bound. Over a quota the
 * request gets ERROR `wamp.error.quota_exceeded` and the session goes on; retained events are
 * capped per realm (the least recently retained topic is evicted).
 */
import { describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { RawWsPeer, useServedRouters } from '../../../helpers/raw-peers.js';

const { start, cleanup } = useServedRouters();

/** The router the last `joined` started. */
let router: RunningRouter;

async function joined(limits: Record<string, number>): Promise<RawWsPeer> {
  const r = await start('websocket', limits);
  router = r;
  const peer = await RawWsPeer.open(r.url);
  cleanup.push(() => peer.ws.terminate());
  await peer.join();
  return peer;
}

describe('per-session quotas', () => {
  it('REGISTER beyond maxRegistrationsPerSession gets quota_exceeded; the session goes on', async () => {
    const peer = await joined({ maxRegistrationsPerSession: 2 });
    for (let i = 1; i <= 3; i++) peer.send([64, i, {}, `com.example.p${i}`]);
    expect((await peer.message(1))[0]).toBe(65);
    expect((await peer.message(2))[0]).toBe(65);
    expect((await peer.message(3)).slice(0, 5)).toEqual([8, 64, 3, {}, 'wamp.error.quota_exceeded']);
    // Unregistering frees a slot.
    const reg = (await peer.message(1))[2];
    peer.send([66, 4, reg]);
    expect((await peer.message(4))[0]).toBe(67);
    peer.send([64, 5, {}, 'com.example.p5']);
    expect((await peer.message(5))[0]).toBe(65);
  });

  it('SUBSCRIBE beyond maxSubscriptionsPerSession gets quota_exceeded', async () => {
    const peer = await joined({ maxSubscriptionsPerSession: 1 });
    peer.send([32, 1, {}, 'com.example.a']);
    peer.send([32, 2, {}, 'com.example.b']);
    expect((await peer.message(1))[0]).toBe(33);
    expect((await peer.message(2)).slice(0, 5)).toEqual([8, 32, 2, {}, 'wamp.error.quota_exceeded']);
  });

  it('CALL beyond maxCallsPerSession in flight gets quota_exceeded', async () => {
    const callee = await joined({ maxCallsPerSession: 2 });
    callee.send([64, 1, {}, 'com.example.slow']);
    await callee.message(1);
    const r = router;
    const caller = await RawWsPeer.open(r.url);
    cleanup.push(() => caller.ws.terminate());
    await caller.join();
    for (let i = 1; i <= 3; i++) caller.send([48, i, {}, 'com.example.slow', []]);
    expect((await caller.message(1)).slice(0, 5)).toEqual([8, 48, 3, {}, 'wamp.error.quota_exceeded']);
    // The callee got exactly two invocations; answering one frees a slot.
    const inv = await callee.message(2);
    expect(inv[0]).toBe(68);
    callee.send([70, inv[1], {}, ['ok']]);
    expect((await caller.message(2)).slice(0, 2)).toEqual([50, 1]);
    caller.send([48, 4, {}, 'com.example.slow', []]);
    expect((await callee.message(4))[0]).toBe(68);
  });

  it('add_testament beyond maxTestamentsPerSession gets quota_exceeded', async () => {
    const peer = await joined({ maxTestamentsPerSession: 1 });
    peer.send([48, 1, {}, 'wamp.session.add_testament', ['com.example.gone', [], {}]]);
    peer.send([48, 2, {}, 'wamp.session.add_testament', ['com.example.gone', [], {}]]);
    expect((await peer.message(1))[0]).toBe(50);
    expect((await peer.message(2)).slice(0, 5)).toEqual([8, 48, 2, {}, 'wamp.error.quota_exceeded']);
  });

  it('retained events beyond maxRetainedTopics evict the least recently retained topic', async () => {
    const peer = await joined({ maxRetainedTopics: 2 });
    for (const [i, topic] of ['com.t.a', 'com.t.b', 'com.t.c'].entries()) {
      peer.send([16, i + 1, { retain: true, acknowledge: true }, topic, [topic]]);
      expect((await peer.message(i + 1))[0]).toBe(17);
    }
    const sub = await RawWsPeer.open(router.url);
    cleanup.push(() => sub.ws.terminate());
    await sub.join();
    sub.send([32, 1, { match: 'prefix', get_retained: true }, 'com.t.']);
    expect((await sub.message(1))[0]).toBe(33);
    const first = await sub.message(2);
    const second = await sub.message(3);
    const topics = [first[3], second[3]].map((d) => (d as { topic: string }).topic).sort();
    expect(topics).toEqual(['com.t.b', 'com.t.c']);
  });
});
