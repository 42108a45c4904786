/**
 * A peer that floods PINGs and never reads must not grow the router's output queue: the router
 * keeps at most one PONG pending per link (RawSocket PING frames and WebSocket ping frames).
 */
import { describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { portOf, RawTcpPeer, RawWsPeer, sleep, useServedRouters } from '../../../helpers/raw-peers.js';

const MiB = 1024 * 1024;
const { start, cleanup } = useServedRouters();

/** Waits (bounded: a hang guard, not a timing assertion) until the router has joined a session. */
async function untilJoined(r: RunningRouter): Promise<void> {
  for (let i = 0; i < 1000 && r.router.sessionCount() === 0; i++) await sleep(10);
  expect(r.router.sessionCount()).toBe(1);
}

describe('PING flood from a peer that never reads', () => {
  it('RawSocket: 64 MiB of PINGs before HELLO leave at most one PONG queued', async () => {
    const r = await start('rawsocket');
    const peer = await RawTcpPeer.connect(portOf(r));
    cleanup.push(() => peer.socket.destroy());
    peer.socket.pause(); // never reads: every PONG stays with the router or the kernel
    peer.write([0x7f, 0xf1, 0, 0]);
    const payload = Buffer.alloc(32 * 1024, 7);
    for (let i = 0; i < 2048; i++) peer.sendFrame(1, payload);
    // Frames are handled in order: once the HELLO behind the flood joined, every PING was seen.
    peer.sendMessage([1, 'realm1', { roles: { caller: {} } }]);
    await untilJoined(r);
    expect(r.queuedBytes()).toBeLessThan(1 * MiB);
    // Without coalescing the queued PONGs overflowed maxQueueBytes and killed the link at WELCOME.
    expect(r.flowStats.overflows).toBe(0);
    // The link still works: once the peer reads, it gets the handshake reply, PONG(s) and WELCOME.
    peer.socket.resume();
    expect(await peer.take(4)).toEqual(Buffer.from([0x7f, 0xf1, 0, 0]));
    let frame = await peer.frame();
    while (frame?.type === 2) frame = await peer.frame();
    expect(frame?.type).toBe(0);
    expect(JSON.parse(String(frame?.payload))[0]).toBe(2);
  });

  it('WebSocket: a ping flood leaves at most one pong queued and the link keeps working', async () => {
    const r = await start('websocket');
    const peer = await RawWsPeer.open(r.url);
    cleanup.push(() => peer.ws.terminate());
    peer.ws.pause(); // stops reading the socket
    const payload = Buffer.alloc(125, 7); // the largest control frame payload
    for (let i = 0; i < 40_000; i++) peer.ws.ping(payload);
    peer.send([1, 'realm1', { roles: { caller: {} } }]);
    await untilJoined(r);
    expect(r.queuedBytes()).toBeLessThan(1 * MiB);
    // Without coalescing the queued PONGs overflowed maxQueueBytes and killed the link at WELCOME.
    expect(r.flowStats.overflows).toBe(0);
    let pongs = 0;
    peer.ws.on('pong', () => pongs++);
    peer.ws.resume();
    expect((await peer.message(0))[0]).toBe(2);
    expect(pongs).toBeGreaterThan(0);
  });
});
