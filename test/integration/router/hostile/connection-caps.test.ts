/**
 * Slowloris: connections that never finish their handshake, opened until the router runs out of
 * file descriptors. Caps on open connections (total, per address) refuse the excess at once, and
 * a handshake deadline drops the ones that never finish; existing sessions are unaffected.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { portOf, RawTcpPeer, RawWsPeer, sleep, useServedRouters } from '../../../helpers/raw-peers.js';

const { start, cleanup } = useServedRouters();

/** A TCP connection that sends `bytes` and then nothing; resolves with what the router answered. */
function halfOpen(port: number, bytes: string | Uint8Array): { socket: Socket; answer: Promise<Buffer> } {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  cleanup.push(() => socket.destroy());
  socket.write(bytes);
  const answer = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
  return { socket, answer };
}

/** Waits, bounded (a hang guard), until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(10);
}

const PARTIAL_UPGRADE = 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n';

describe('connection caps and handshake deadline', () => {
  it('WebSocket: over maxConnectionsPerIp a connection gets HTTP 503 at once; the session goes on', async () => {
    const r = await start('websocket', { maxConnectionsPerIp: 4, handshakeTimeoutMs: 60_000 });
    const session = await RawWsPeer.open(r.url);
    cleanup.push(() => session.ws.terminate());
    await session.join();
    const port = portOf(r);
    for (let i = 0; i < 3; i++) halfOpen(port, PARTIAL_UPGRADE);
    await until(() => r.connectionStats.open === 4);
    expect(r.connectionStats.open).toBe(4);
    const over = halfOpen(port, PARTIAL_UPGRADE);
    expect((await over.answer).toString()).toMatch(/^HTTP\/1\.1 503 /);
    expect(r.connectionStats.refused).toBe(1);
    expect(r.transportCounters['transport.connection_refused']).toBe(1);
    // The established session is unaffected.
    session.send([48, 1, {}, 'wamp.session.count', []]);
    expect((await session.message(1))[0]).toBe(50);
  });

  it('WebSocket: maxConnections counts every connection', async () => {
    const r = await start('websocket', { maxConnections: 2, handshakeTimeoutMs: 60_000 });
    const port = portOf(r);
    halfOpen(port, PARTIAL_UPGRADE);
    halfOpen(port, PARTIAL_UPGRADE);
    await until(() => r.connectionStats.open === 2);
    await expect(RawWsPeer.open(r.url)).rejects.toThrow(/503/);
    expect(r.connectionStats.refused).toBe(1);
  });

  it('WebSocket: a half-sent upgrade request is dropped after handshakeTimeoutMs, freeing its slot', async () => {
    const r = await start('websocket', { handshakeTimeoutMs: 200 });
    const slow = halfOpen(portOf(r), PARTIAL_UPGRADE);
    await slow.answer; // closed by the router
    expect(r.transportCounters['transport.handshake_timeout']).toBe(1);
    await until(() => r.connectionStats.open === 0);
    expect(r.connectionStats.open).toBe(0);
    // A complete upgrade is not affected by the deadline once done.
    const peer = await RawWsPeer.open(r.url);
    cleanup.push(() => peer.ws.terminate());
    await sleep(300);
    await peer.join();
  });

  it('RawSocket: over the cap a connection gets handshake error 4 at once', async () => {
    const r = await start('rawsocket', { maxConnectionsPerIp: 2, handshakeTimeoutMs: 60_000 });
    const port = portOf(r);
    const first = await RawTcpPeer.connect(port);
    cleanup.push(() => first.socket.destroy());
    expect(await first.handshake()).toEqual(Buffer.from([0x7f, 0xf1, 0, 0]));
    halfOpen(port, Uint8Array.of(0x7f));
    await until(() => r.connectionStats.open === 2);
    const over = halfOpen(port, Uint8Array.of(0x7f, 0xf1, 0, 0));
    expect(await over.answer).toEqual(Buffer.from([0x7f, 0x40, 0, 0]));
    expect(r.connectionStats.refused).toBe(1);
  });

  it('RawSocket: an incomplete handshake is dropped after handshakeTimeoutMs', async () => {
    const r = await start('rawsocket', { handshakeTimeoutMs: 200 });
    const slow = halfOpen(portOf(r), Uint8Array.of(0x7f, 0xf1));
    expect((await slow.answer).length).toBe(0);
    expect(r.transportCounters['transport.handshake_timeout']).toBe(1);
  });
});
