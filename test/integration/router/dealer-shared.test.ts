import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function callees(router: Router, n: number, invoke: string): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) {
    const p = await new FakePeer(router).join();
    p.register('com.example.shared', { invoke });
    out.push(p);
  }
  return out;
}

function whoGot(peers: FakePeer[]): number[] {
  return peers.flatMap((p, i) => p.take().map(() => i));
}

describe('dealer: shared registration (D.8)', () => {
  it('gives every callee of a shared registration the same registration id', async () => {
    const router = createRouter();
    const a = await new FakePeer(router).join();
    const b = await new FakePeer(router).join();
    expect(a.register('com.example.s', { invoke: 'roundrobin' })).toBe(
      b.register('com.example.s', { invoke: 'roundrobin' }),
    );
  });

  it('cycles roundrobin through callees in registration order', async () => {
    const router = createRouter();
    const peers = await callees(router, 3, 'roundrobin');
    const caller = await new FakePeer(router).join();
    const order: number[] = [];
    for (let i = 0; i < 6; i++) {
      caller.call('com.example.shared');
      order.push(...whoGot(peers));
    }
    expect(order).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('always picks the oldest callee under first', async () => {
    const router = createRouter();
    const peers = await callees(router, 3, 'first');
    const caller = await new FakePeer(router).join();
    for (let i = 0; i < 3; i++) caller.call('com.example.shared');
    expect(whoGot(peers)).toEqual([0, 0, 0]);
  });

  it('always picks the newest callee under last', async () => {
    const router = createRouter();
    const peers = await callees(router, 3, 'last');
    const caller = await new FakePeer(router).join();
    for (let i = 0; i < 3; i++) caller.call('com.example.shared');
    expect(whoGot(peers)).toEqual([2, 2, 2]);
  });

  it('spreads calls under random over more than one callee', async () => {
    const router = createRouter();
    const peers = await callees(router, 2, 'random');
    const caller = await new FakePeer(router).join();
    for (let i = 0; i < 64; i++) caller.call('com.example.shared');
    expect(new Set(whoGot(peers)).size).toBe(2);
  });

  it('refuses a REGISTER whose invoke policy differs with procedure_already_exists', async () => {
    const router = createRouter();
    await callees(router, 1, 'roundrobin');
    const other = await new FakePeer(router).join();
    other.receive([64, other.nextRequest(), { invoke: 'random' }, 'com.example.shared']);
    expect(other.last()?.[4]).toBe('wamp.error.procedure_already_exists');
  });

  it('refuses the same session registering a shared procedure twice', async () => {
    const router = createRouter();
    const [p] = await callees(router, 1, 'roundrobin');
    p?.receive([64, p.nextRequest(), { invoke: 'roundrobin' }, 'com.example.shared']);
    expect(p?.last()?.[4]).toBe('wamp.error.procedure_already_exists');
  });

  it('lets a new policy be chosen after the last callee leaves', async () => {
    const router = createRouter();
    const [p] = await callees(router, 1, 'roundrobin');
    p?.receive([6, {}, 'wamp.close.close_realm']);
    const q = await new FakePeer(router).join();
    expect(() => q.register('com.example.shared', { invoke: 'last' })).not.toThrow();
  });

  it('routes to the remaining callee when one of a shared registration leaves', async () => {
    const router = createRouter();
    const peers = await callees(router, 2, 'roundrobin');
    peers[0]?.receive([6, {}, 'wamp.close.close_realm']);
    peers[0]?.take();
    const caller = await new FakePeer(router).join();
    caller.call('com.example.shared');
    caller.call('com.example.shared');
    expect(whoGot(peers)).toEqual([1, 1]);
  });
});
