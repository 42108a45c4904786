/** autobahn-js and wampy.js over every serializer and both transports, against the real router. */
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Wampy } from 'wampy';
import { CborSerializer } from 'wampy/CborSerializer.js';
import { JsonSerializer } from 'wampy/JsonSerializer.js';
import { MsgpackSerializer } from 'wampy/MsgpackSerializer.js';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';

// autobahn binds console.warn when it loads and warns on every close; keep the test output clean.
vi.spyOn(console, 'warn').mockImplementation(() => {});
const require = createRequire(import.meta.url);

interface AbSession {
  call(procedure: string, args?: unknown[]): Promise<unknown>;
  register(procedure: string, handler: (args: unknown[]) => unknown): Promise<unknown>;
  subscribe(topic: string, handler: (args: unknown[]) => void): Promise<unknown>;
  publish(topic: string, args?: unknown[], kwargs?: unknown, options?: unknown): Promise<unknown>;
}
interface AbConnection {
  onopen: (session: AbSession) => void;
  onclose: (reason: string, details: { reason?: string }) => boolean;
  open(): void;
  close(): void;
}
type SerializerClass = new () => unknown;
const autobahn = require('autobahn') as {
  Connection: new (options: Record<string, unknown>) => AbConnection;
  serializer: {
    JSONSerializer: SerializerClass;
    MsgpackSerializer: SerializerClass;
    CBORSerializer: SerializerClass;
  };
};

let router: RunningRouter;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  router = await serve({
    transports: [
      { type: 'websocket', port: 0 },
      { type: 'rawsocket', port: 0 },
    ],
  });
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

afterAll(async () => {
  await router.close();
});

const AB_SERIALIZERS = {
  json: autobahn.serializer.JSONSerializer,
  msgpack: autobahn.serializer.MsgpackSerializer,
  cbor: autobahn.serializer.CBORSerializer,
} as const;
const WAMPY_SERIALIZERS = { json: JsonSerializer, msgpack: MsgpackSerializer, cbor: CborSerializer } as const;
type Name = keyof typeof AB_SERIALIZERS;

function autobahnSession(options: Record<string, unknown>): Promise<AbSession> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({ realm: 'realm1', max_retries: 0, ...options });
    connection.onopen = (session) => {
      closers.push(() => connection.close());
      resolve(session);
    };
    connection.onclose = (_reason, details) => {
      reject(new Error(details.reason ?? 'closed'));
      return true;
    };
    connection.open();
  });
}

function autobahnWs(name: Name): Promise<AbSession> {
  return autobahnSession({ url: router.url, serializers: [new AB_SERIALIZERS[name]()] });
}

async function wampyWs(name: Name): Promise<Wampy> {
  const client = new Wampy(router.url, {
    realm: 'realm1',
    ws: WebSocket as never,
    autoReconnect: false,
    serializer: new WAMPY_SERIALIZERS[name](),
  });
  await client.connect();
  closers.push(() => client.disconnect());
  return client;
}

const NAMES: Name[] = ['json', 'msgpack', 'cbor'];

/**
 * Subscribes one autobahn-js session per entry of `names` (its serializer) to `topic`; each promise
 * resolves with `Arguments[0]` of the first event that subscriber receives.
 */
async function autobahnFirstEvents(topic: string, names: readonly Name[]): Promise<Promise<unknown>[]> {
  const received: Promise<unknown>[] = [];
  for (const name of names) {
    const subscriber = await autobahnWs(name);
    let deliver: (v: unknown) => void = () => {};
    received.push(
      new Promise((resolve) => {
        deliver = resolve;
      }),
    );
    await subscriber.subscribe(topic, (args) => deliver(args[0]));
  }
  return received;
}

describe('serializers across independent clients', () => {
  it.each(NAMES)(
    'routes a call from a wampy %s caller to an autobahn callee on each serializer',
    async (name) => {
      for (const calleeName of NAMES) {
        const callee = await autobahnWs(calleeName);
        const procedure = `com.example.add.${name}.${calleeName}`;
        await callee.register(procedure, (args) => (args[0] as number) + (args[1] as number));
        const caller = await wampyWs(name);
        const result = await caller.call(procedure, [20, 22]);
        expect(result.argsList).toEqual([42]);
      }
    },
  );

  // wampy's msgpack sends `undefined` option values as msgpackr's extension 0 (regression: this
  // used to end the session because the decoder refused every extension type).
  it.each(NAMES)(
    'delivers events from a wampy %s publisher to autobahn subscribers on every serializer',
    async (name) => {
      const topic = `com.example.news.${name}`;
      const received = await autobahnFirstEvents(topic, NAMES);
      const publisher = await wampyWs(name);
      await publisher.publish(topic, [{ headline: 'hi', n: 2 ** 40 }], { acknowledge: true } as never);
      expect(await Promise.all(received)).toEqual(NAMES.map(() => ({ headline: 'hi', n: 2 ** 40 })));
    },
  );

  it('delivers events from an autobahn msgpack publisher to wampy json and cbor subscribers', async () => {
    const topic = 'com.example.news.mixed';
    const received: Promise<unknown>[] = [];
    for (const subName of ['json', 'cbor'] as const) {
      const subscriber = await wampyWs(subName);
      let deliver: (v: unknown) => void = () => {};
      received.push(
        new Promise((resolve) => {
          deliver = resolve;
        }),
      );
      await subscriber.subscribe(topic, ({ argsList }) => deliver(argsList?.[0]));
    }
    const publisher = await autobahnWs('msgpack');
    await publisher.publish(topic, ['flash'], {}, { acknowledge: true });
    expect(await Promise.all(received)).toEqual(['flash', 'flash']);
  });

  it('carries binary payloads between msgpack and cbor peers', async () => {
    const callee = await wampyWs('msgpack');
    await callee.register('com.example.bytes', ({ argsList }) => ({ argsList: [argsList?.[0]] }));
    const caller = await wampyWs('cbor');
    const result = await caller.call('com.example.bytes', [new Uint8Array([1, 2, 3, 255])]);
    expect(Array.from(result.argsList?.[0] as Uint8Array)).toEqual([1, 2, 3, 255]);
  });
});

describe('large payloads between independent clients (written from the inbound frame)', () => {
  // 100 kB: well above the size from which the router forwards a payload without copying it.
  const big = 'w'.repeat(100_000);

  it.each(NAMES)(
    'a wampy %s caller and an autobahn callee of that serializer exchange 100 kB',
    async (name) => {
      const callee = await autobahnWs(name);
      const procedure = `com.example.echo.big.${name}`;
      await callee.register(procedure, (args) => `${args[0] as string}!`);
      const caller = await wampyWs(name);
      const result = await caller.call(procedure, [big]);
      expect(result.argsList).toEqual([`${big}!`]);
    },
  );

  it.each(NAMES)(
    'a 100 kB event from a wampy %s publisher reaches two autobahn subscribers',
    async (name) => {
      const topic = `com.example.news.big.${name}`;
      const received = await autobahnFirstEvents(topic, [name, name]);
      const publisher = await wampyWs(name);
      await publisher.publish(topic, [big], { acknowledge: true } as never);
      expect(await Promise.all(received)).toEqual([big, big]);
    },
  );
});

describe('RawSocket with autobahn-js', () => {
  it('joins over RawSocket and calls a WebSocket callee', async () => {
    const port = Number(new URL(router.urls[1]!).port);
    const callee = await wampyWs('json');
    await callee.register('com.example.rs.echo', ({ argsList }) => ({ argsList: argsList ?? [] }));
    const session = await autobahnSession({
      transports: [{ type: 'rawsocket', host: '127.0.0.1', port }],
    });
    expect(await session.call('com.example.rs.echo', ['over tcp'])).toBe('over tcp');
  });
});
