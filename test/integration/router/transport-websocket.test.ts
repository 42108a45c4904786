import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import type { Serializer } from '../../../runtime/serializers/types.js';
import type { PeerAcceptor, PeerHandle, PeerLink } from '../../../runtime/transport/peer-link.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { createFlowControl } from '../../../runtime/router/transports/flow-control.js';
import type { Listener } from '../../../runtime/router/transports/listener.js';
import { createTransportReporter } from '../../../runtime/router/transports/transport-log.js';
import { listenWebSocket } from '../../../runtime/router/transports/websocket-listener.js';

const HELLO = [1, 'realm1', { roles: { caller: {}, callee: {} } }];
const SERIALIZERS: Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

interface Frame {
  readonly value: unknown;
  readonly isBinary: boolean;
}

/** A bare WebSocket peer that records every frame it receives. */
class RawPeer {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    private readonly serializer: Serializer,
  ) {
    ws.on('message', (data: Buffer, isBinary) => {
      const value = serializer.deserialize(serializer.binary ? data : data.toString('utf8'));
      this.frames.push({ value, isBinary });
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  send(message: unknown[]): void {
    const frame = this.serializer.serialize(message);
    this.ws.send(frame, { binary: this.serializer.binary });
  }

  async frame(index: number): Promise<Frame> {
    while (this.frames.length <= index) await new Promise<void>((r) => this.waiters.push(r));
    return this.frames[index]!;
  }
}

function connect(
  url: string,
  protocols: string[],
  serializer: Serializer = jsonSerializer,
): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const peer = new RawPeer(ws, serializer);
    ws.once('open', () => resolve(peer));
    ws.once('error', reject);
  });
}

function refusal(url: string, protocols: string[]): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols);
    ws.once('error', (error) => resolve(error.message));
    ws.once('open', () => resolve('opened'));
  });
}

const running: RunningRouter[] = [];
const peers: WebSocket[] = [];
const listeners: Listener[] = [];

afterEach(async () => {
  for (const ws of peers.splice(0)) ws.terminate();
  await Promise.all(running.splice(0).map((r) => r.close()));
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function startRouter(maxMessageSize?: number, openTimeoutMs?: number): Promise<RunningRouter> {
  const limits = {
    ...(maxMessageSize === undefined ? {} : { maxMessageSize }),
    ...(openTimeoutMs === undefined ? {} : { openTimeoutMs }),
  };
  const r = await serve({ transports: [{ type: 'websocket', port: 0 }], limits });
  running.push(r);
  return r;
}

async function open(url: string, protocols: string[], serializer?: Serializer): Promise<RawPeer> {
  const peer = await connect(url, protocols, serializer);
  peers.push(peer.ws);
  return peer;
}

/** A PeerAcceptor that records links and inbound values instead of routing. */
function recordingAcceptor(): PeerAcceptor & { links: PeerLink[]; received: unknown[]; closedCount: number } {
  const state = {
    links: [] as PeerLink[],
    received: [] as unknown[],
    closedCount: 0,
    attach(link: PeerLink): PeerHandle {
      state.links.push(link);
      return {
        receive: (value) => state.received.push(value),
        closed: () => state.closedCount++,
      };
    },
  };
  return state;
}

async function startFake(acceptor: PeerAcceptor): Promise<Listener> {
  const reporter = createTransportReporter();
  const flow = createFlowControl({
    highWaterBytes: 1 << 20,
    lowWaterBytes: 1 << 18,
    maxQueueBytes: 1 << 23,
    slowConsumerTimeoutMs: 10_000,
  });
  const listener = await listenWebSocket(
    { host: '127.0.0.1', port: 0, path: '/ws', serializers: SERIALIZERS },
    { acceptor, flow, reporter, maxMessageSize: 1 << 20 },
  );
  listeners.push(listener);
  return listener;
}

describe('WebSocket transport: subprotocols and paths', () => {
  it('echoes the first offered subprotocol the router supports', async () => {
    const r = await startRouter();
    const peer = await open(r.url, ['wamp.2.ubjson', 'wamp.2.cbor', 'wamp.2.json'], cborSerializer);
    expect(peer.ws.protocol).toBe('wamp.2.cbor');
  });

  it('refuses an upgrade that offers no supported subprotocol with HTTP 400', async () => {
    const r = await startRouter();
    expect(await refusal(r.url, ['wamp.2.ubjson'])).toContain('400');
  });

  it('refuses an upgrade that offers no subprotocol at all', async () => {
    const r = await startRouter();
    expect(await refusal(r.url, [])).toContain('400');
  });

  it('refuses an upgrade on another path with HTTP 404', async () => {
    const r = await startRouter();
    expect(await refusal(r.url.replace('/ws', '/other'), ['wamp.2.json'])).toContain('404');
  });

  it('reports the URL with the real port when listening on port 0', async () => {
    const r = await startRouter();
    expect(r.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(r.url).not.toContain(':0/');
  });
});

describe('WebSocket transport: frames', () => {
  it.each([
    ['wamp.2.json', jsonSerializer, false],
    ['wamp.2.msgpack', msgpackSerializer, true],
    ['wamp.2.cbor', cborSerializer, true],
  ] as const)(
    'answers HELLO on %s with WELCOME in the right frame type',
    async (protocol, serializer, binary) => {
      const r = await startRouter();
      const peer = await open(r.url, [protocol], serializer);
      peer.send(HELLO);
      const welcome = await peer.frame(0);
      expect((welcome.value as unknown[])[0]).toBe(2);
      expect(welcome.isBinary).toBe(binary);
    },
  );

  it('answers a frame that does not deserialize with ABORT protocol_violation and close 3002', async () => {
    const r = await startRouter();
    const peer = await open(r.url, ['wamp.2.json']);
    peer.ws.send('{not json');
    const abort = (await peer.frame(0)).value as unknown[];
    expect(abort[0]).toBe(3);
    expect(abort[2]).toBe('wamp.error.protocol_violation');
    expect((await peer.closed).code).toBe(3002);
    expect(r.transportCounters['transport.deserialize_failed']).toBe(1);
  });

  it('closes a connection whose message exceeds maxMessageSize with 1009', async () => {
    const r = await startRouter(4096);
    const peer = await open(r.url, ['wamp.2.json']);
    peer.send([1, 'realm1', { roles: { caller: {} }, pad: 'x'.repeat(8192) }]);
    expect((await peer.closed).code).toBe(1009);
  });

  it('closes a connection that is not welcomed within openTimeoutMs with ABORT wamp.error.timeout', async () => {
    const r = await startRouter(undefined, 100);
    const peer = await open(r.url, ['wamp.2.json']);
    const abort = (await peer.frame(0)).value as unknown[];
    expect(abort[0]).toBe(3);
    expect(abort[2]).toBe('wamp.error.timeout');
    expect((await peer.closed).code).toBe(1008);
    expect(r.transportCounters['transport.open_timeout']).toBe(1);
  });

  it('leaves a welcomed session open past openTimeoutMs', async () => {
    const r = await startRouter(undefined, 100);
    const peer = await open(r.url, ['wamp.2.json']);
    peer.send(HELLO);
    await peer.frame(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    peer.send([48, 1, {}, 'wamp.session.count', []]);
    expect(((await peer.frame(1)).value as unknown[])[0]).toBe(50);
  });

  it('keeps serving other sessions after one connection is closed for a violation', async () => {
    const r = await startRouter();
    const bad = await open(r.url, ['wamp.2.json']);
    bad.ws.send('\u0001garbage');
    await bad.closed;
    const good = await open(r.url, ['wamp.2.json']);
    good.send(HELLO);
    expect(((await good.frame(0)).value as unknown[])[0]).toBe(2);
  });
});

describe('WebSocket transport: the PeerLink seam', () => {
  it('reports websocket transport details with protocol and peer address', async () => {
    const acceptor = recordingAcceptor();
    const l = await startFake(acceptor);
    const peer = await open(l.url, ['wamp.2.msgpack'], msgpackSerializer);
    peer.send(HELLO);
    await expect.poll(() => acceptor.received.length).toBe(1);
    const details = acceptor.links[0]!.transportDetails;
    expect(details.type).toBe('websocket');
    expect(details.protocol).toBe('wamp.2.msgpack');
    expect(details.peer).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('hands the acceptor each deserialized value unchanged', async () => {
    const acceptor = recordingAcceptor();
    const l = await startFake(acceptor);
    const peer = await open(l.url, ['wamp.2.cbor'], cborSerializer);
    peer.send([48, 1, {}, 'com.example.x', [1, 'two', { three: 3 }]]);
    await expect.poll(() => acceptor.received.length).toBe(1);
    expect(acceptor.received[0]).toEqual([48, 1, {}, 'com.example.x', [1, 'two', { three: 3 }]]);
  });

  it('tells the acceptor once when the client goes away', async () => {
    const acceptor = recordingAcceptor();
    const l = await startFake(acceptor);
    const peer = await open(l.url, ['wamp.2.json']);
    peer.ws.close();
    await peer.closed;
    await expect.poll(() => acceptor.closedCount).toBe(1);
  });

  it('survives an acceptor that closes the link from inside attach, and reports closed once', async () => {
    let closedCount = 0;
    const acceptor: PeerAcceptor = {
      attach(link) {
        link.close(1001, 'wamp.close.system_shutdown');
        return { receive: () => {}, closed: () => closedCount++ };
      },
    };
    const l = await startFake(acceptor);
    const peer = await open(l.url, ['wamp.2.json']);
    expect((await peer.closed).code).toBe(1001);
    expect(closedCount).toBe(1);
  });

  it('does not pass an undeserializable frame to the acceptor', async () => {
    const acceptor = recordingAcceptor();
    const l = await startFake(acceptor);
    const peer = await open(l.url, ['wamp.2.msgpack'], msgpackSerializer);
    peer.ws.send(Buffer.from([0xc1, 0xc1, 0xc1]));
    await peer.closed;
    expect(acceptor.received).toEqual([]);
    expect(acceptor.closedCount).toBe(1);
  });
});
