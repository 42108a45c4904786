/**
 * Router-side keep-alive: a peer that stalls (answers no ping, sends nothing) is dropped within a
 * bounded time and loses its registrations; a peer that answers pings keeps its connection.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { portOf, RawTcpPeer, RawWsPeer, sleep, useServedRouters } from '../../../helpers/raw-peers.js';

const LIMITS = { pingIntervalMs: 100, pingTimeoutMs: 100 };

const { start, cleanup } = useServedRouters(LIMITS);

/** Waits, bounded (a hang guard), until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await sleep(10);
}

describe('router keep-alive', () => {
  it('RawSocket: a callee that stops answering is dropped and its registration goes', async () => {
    const r = await start('rawsocket');
    const callee = await RawTcpPeer.connect(portOf(r));
    cleanup.push(() => callee.socket.destroy());
    await callee.handshake();
    callee.sendMessage([1, 'realm1', { roles: { callee: {} } }]);
    expect(JSON.parse(String((await callee.frame())?.payload))[0]).toBe(2);
    callee.sendMessage([64, 1, {}, 'com.example.stalled']);
    expect(JSON.parse(String((await callee.frame())?.payload))[0]).toBe(65);
    // The callee stalls: it reads nothing more and answers no PING.
    callee.socket.pause();
    await until(() => r.transportCounters['transport.keepalive_timeout'] === 1);
    expect(r.transportCounters['transport.keepalive_timeout']).toBe(1);
    const result = await r.router.call('realm1', 'com.example.stalled').catch((e: unknown) => e);
    expect((result as { uri?: string }).uri).toBe('wamp.error.no_such_procedure');
  });

  it('WebSocket: a peer that does not answer pings is closed with 1008', async () => {
    const r = await start('websocket');
    const ws = new WebSocket(r.url, ['wamp.2.json'], { autoPong: false });
    cleanup.push(() => ws.terminate());
    ws.on('error', () => {});
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify([1, 'realm1', { roles: { caller: {} } }]));
    expect(await closed).toBe(1008);
    expect(r.transportCounters['transport.keepalive_timeout']).toBe(1);
  });

  it('WebSocket: an idle peer that answers pings keeps its session', async () => {
    const r = await start('websocket');
    const peer = await RawWsPeer.open(r.url); // ws answers pings by itself
    cleanup.push(() => peer.ws.terminate());
    await peer.join();
    let pings = 0;
    peer.ws.on('ping', () => pings++);
    await until(() => pings >= 3);
    expect(pings).toBeGreaterThanOrEqual(3);
    peer.send([48, 1, {}, 'wamp.session.count', []]);
    expect((await peer.message(1))[0]).toBe(50);
    expect(r.transportCounters['transport.keepalive_timeout']).toBe(0);
  });

  it('RawSocket: an idle peer that answers PINGs keeps its session', async () => {
    const r = await start('rawsocket');
    const peer = await RawTcpPeer.connect(portOf(r));
    cleanup.push(() => peer.socket.destroy());
    await peer.handshake();
    peer.sendMessage([1, 'realm1', { roles: { caller: {} } }]);
    expect(JSON.parse(String((await peer.frame())?.payload))[0]).toBe(2);
    for (let pings = 0; pings < 3; ) {
      const frame = await peer.frame();
      expect(frame?.type).toBe(1);
      peer.sendFrame(2, frame!.payload);
      pings++;
    }
    peer.sendMessage([48, 1, {}, 'wamp.session.count', []]);
    let frame = await peer.frame();
    while (frame?.type === 1) frame = await peer.frame();
    expect(JSON.parse(String(frame?.payload))[0]).toBe(50);
    expect(r.transportCounters['transport.keepalive_timeout']).toBe(0);
  });
});
