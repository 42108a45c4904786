/**
 * A client GOODBYE returns the link to "waiting for HELLO" (B.3 allows a new HELLO on it). The
 * opening-handshake timer must run again then, or the link stays open for ever without a session.
 */
import { describe, expect, it } from 'vitest';
import { portOf, RawTcpPeer, RawWsPeer, useServedRouters } from '../../../helpers/raw-peers.js';

const { start, cleanup } = useServedRouters({ openTimeoutMs: 200 });

describe('open timer after GOODBYE', () => {
  it('WebSocket: a link idle after GOODBYE gets ABORT wamp.error.timeout and is closed', async () => {
    const r = await start('websocket');
    const peer = await RawWsPeer.open(r.url);
    cleanup.push(() => peer.ws.terminate());
    await peer.join();
    peer.send([6, {}, 'wamp.close.close_realm']);
    expect((await peer.message(1))[0]).toBe(6); // GOODBYE goodbye_and_out
    const abort = await peer.message(2);
    expect(abort.slice(0, 3)).toEqual([3, expect.any(Object), 'wamp.error.timeout']);
    expect((await peer.closed).code).toBe(1008);
    expect(r.transportCounters['transport.open_timeout']).toBe(1);
  });

  it('WebSocket: a new HELLO after GOODBYE still joins, and the session then stays open', async () => {
    const r = await start('websocket');
    const peer = await RawWsPeer.open(r.url);
    cleanup.push(() => peer.ws.terminate());
    await peer.join();
    peer.send([6, {}, 'wamp.close.close_realm']);
    await peer.message(1);
    await peer.join();
    // Past the open timeout, the second session still answers.
    await new Promise((resolve) => setTimeout(resolve, 400));
    peer.send([48, 1, {}, 'wamp.session.count', []]);
    expect((await peer.message(3))[0]).toBe(50);
    expect(r.transportCounters['transport.open_timeout']).toBe(0);
  });

  it('RawSocket: a link idle after GOODBYE is closed', async () => {
    const r = await start('rawsocket');
    const peer = await RawTcpPeer.connect(portOf(r));
    cleanup.push(() => peer.socket.destroy());
    await peer.handshake();
    peer.sendMessage([1, 'realm1', { roles: { caller: {} } }]);
    expect(JSON.parse(String((await peer.frame())?.payload))[0]).toBe(2);
    peer.sendMessage([6, {}, 'wamp.close.close_realm']);
    expect(JSON.parse(String((await peer.frame())?.payload))[0]).toBe(6);
    const abort = JSON.parse(String((await peer.frame())?.payload)) as unknown[];
    expect(abort[2]).toBe('wamp.error.timeout');
    await peer.ended;
    expect(r.transportCounters['transport.open_timeout']).toBe(1);
  });
});
