/**
 * Large passthrough payloads are written from the frame they arrived in (a split frame: head, the
 * sender's bytes, end), over real sockets: the receiver gets the sender's bytes in order, also when
 * it stops reading for a while and the router holds many such messages, and over WebSocket (text
 * and binary frames) and RawSocket with every serializer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type RunningRouter, serve } from '../../../runtime/router/serve.js';
import { MIN_SPLIT_BYTES } from '../../../runtime/router/transports/frame-encoder.js';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import { connect } from '../../../runtime/session/connect.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { RawWamp } from '../../helpers/raw-wamp.js';
import { sleep } from '../../helpers/timing.js';

let router: RunningRouter;
let wsUrl: string;
let rawsocketPort: number;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  router = await serve({
    transports: [
      { type: 'websocket', host: '127.0.0.1', port: 0 },
      { type: 'rawsocket', host: '127.0.0.1', port: 0 },
    ],
  });
  wsUrl = router.urls.find((u) => u.startsWith('ws:'))!;
  rawsocketPort = Number(
    new URL(router.urls.find((u) => !u.startsWith('ws:'))!.replace(/^\w+:/, 'http:')).port,
  );
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

afterAll(async () => {
  await router.close();
});

/** The WebSocket messages `peer` receives from now on, as bytes. */
function frames(peer: RawWamp): Buffer[] {
  const ws = (peer as unknown as { ws: WebSocket }).ws;
  const out: Buffer[] = [];
  ws.on('message', (data: Buffer) => out.push(Buffer.from(data)));
  return out;
}

async function joined(): Promise<RawWamp> {
  const peer = await RawWamp.joined(wsUrl);
  closers.push(() => peer.close());
  return peer;
}

describe('large passthrough payloads: written from the inbound frame', () => {
  it('JSON over WebSocket: a burst of large calls to a callee that stops reading arrives intact, in order', async () => {
    const callee = await joined();
    const registered = await callee.request((id) => [64, id, {}, 'com.example.big'], 65);
    const seen = frames(callee);
    const ws = (callee as unknown as { ws: WebSocket }).ws;
    // The callee stops reading: the router must keep every split frame (and its inbound buffer) queued.
    ws.pause();
    const caller = await joined();
    const payloads = Array.from({ length: 12 }, (_, i) => {
      // Odd whitespace and escapes: the router would normalise them if it re-encoded.
      const text = `${String.fromCharCode(97 + i)}`.repeat(MIN_SPLIT_BYTES * 2 + i * 1000);
      return `[ "${text}" , "\\u00e9" ,${i}],{ "i" : ${i} }`;
    });
    for (const payload of payloads)
      caller.sendFrame(`[48, ${caller.nextId()}, {}, "com.example.big", ${payload}]`);
    await sleep(200);
    expect(seen).toHaveLength(0);
    ws.resume();
    while (seen.length < payloads.length) await sleep(10);
    payloads.forEach((payload, i) => {
      const text = seen[i]!.toString('utf8');
      expect(text.startsWith('[68,')).toBe(true);
      expect(text.endsWith(`,{},${payload}]`)).toBe(true);
      expect(JSON.parse(text)[2]).toBe(registered[2]);
    });
  });

  for (const transport of ['WebSocket', 'RawSocket'] as const) {
    for (const serializer of [jsonSerializer, msgpackSerializer, cborSerializer]) {
      it(`${serializer.name} over ${transport}: large calls and results round-trip intact`, async () => {
        const url = transport === 'WebSocket' ? wsUrl : `tcp://127.0.0.1:${rawsocketPort}`;
        const callee = await connect({ url, realm: 'realm1', serializer });
        closers.push(() => callee.close());
        const caller = await connect({ url, realm: 'realm1', serializer });
        closers.push(() => caller.close());
        await callee.register(
          'com.example.echo',
          (args, kwargs) => new WampResult([...args].reverse(), kwargs),
        );
        const bytes = Uint8Array.from({ length: MIN_SPLIT_BYTES }, (_, i) => i % 251);
        // Around the 16-bit length of a WebSocket frame header, and well past it.
        for (const size of [65_500, 65_536, MIN_SPLIT_BYTES * 8]) {
          const big = 'z'.repeat(size);
          const result = await caller.call('com.example.echo', [big, bytes, 7], { k: big.slice(0, 100) });
          expect(result.args).toEqual([7, bytes, big]);
          expect(result.kwargs).toEqual({ k: big.slice(0, 100) });
        }
      });
    }
  }
});
