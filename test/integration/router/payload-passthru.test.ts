/**
 * Payload Passthru Mode (checklist D.21) and payload passthrough over real sockets: the router
 * forwards `ppt_*` keys untouched and refuses what the spec says, wampy.js (which implements PPT)
 * and our session exchange passthru payloads through it, and a payload travels from sender to a
 * receiver of the same serializer as the sender's own bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Wampy } from 'wampy';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import type { Serializer } from '../../../runtime/serializers/types.js';
import { connect } from '../../../runtime/session/connect.js';
import type { Session } from '../../../runtime/session/session.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { jsonSerializer } from '../../../runtime/serializers/json.js';
import { RawWamp } from '../../helpers/raw-wamp.js';
import { listen } from '../../helpers/ws-listen.js';

let running: RunningRouter;
const closers: (() => unknown)[] = [];
const wampyLog: unknown[][] = [];

const PPT_ROLES = {
  caller: { features: { payload_passthru_mode: true } },
  callee: { features: { payload_passthru_mode: true } },
  publisher: { features: { payload_passthru_mode: true } },
  subscriber: { features: { payload_passthru_mode: true } },
};
const PLAIN_ROLES = { caller: {}, callee: {}, publisher: {}, subscriber: {} };
const X = { ppt_scheme: 'x_test', ppt_serializer: 'native', ppt_keyid: 'k1' };

beforeEach(async () => {
  running = await listen();
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await running.close();
});

async function wampy(): Promise<Wampy> {
  const w = new Wampy(running.url, {
    ws: WebSocket as unknown as never,
    realm: 'realm1',
    autoReconnect: false,
    logger: (...args: unknown[]) => wampyLog.push(args),
  });
  await w.connect();
  closers.push(() => w.disconnect().catch(() => undefined));
  return w;
}

async function session(): Promise<Session> {
  const s = await connect({ url: running.url, realm: 'realm1' });
  closers.push(() => s.close());
  return s;
}

async function raw(roles: object, serializer: Serializer = jsonSerializer): Promise<RawWamp> {
  const peer = await RawWamp.open(running.url, serializer);
  closers.push(() => peer.close());
  peer.send([1, 'realm1', { roles }]);
  await peer.next(2);
  return peer;
}

/** A raw peer's REGISTER, answered. */
async function register(peer: RawWamp, uri: string): Promise<void> {
  const r = await peer.request((id) => [64, id, {}, uri], 65);
  expect(r[0]).toBe(65);
}

describe('payload passthru mode: what the router forwards and refuses', () => {
  it('announces payload_passthru_mode for the broker and the dealer', async () => {
    const peer = await RawWamp.open(running.url);
    closers.push(() => peer.close());
    peer.send([1, 'realm1', { roles: PPT_ROLES }]);
    const welcome = (await peer.next(2)) as [number, number, { roles: Record<string, { features: object }> }];
    expect(welcome[2].roles.dealer?.features).toMatchObject({ payload_passthru_mode: true });
    expect(welcome[2].roles.broker?.features).toMatchObject({ payload_passthru_mode: true });
  });

  it('copies ppt_* from CALL into INVOCATION and from YIELD into RESULT, payload untouched', async () => {
    const callee = await raw(PPT_ROLES);
    await register(callee, 'com.example.ppt');
    const caller = await raw(PPT_ROLES);
    const payload = { opaque: 'not for the router', n: [1, 2, 3] };
    caller.send([48, caller.nextId(), { ...X, ppt_cipher: 'c' }, 'com.example.ppt', [payload]]);
    const invocation = await callee.next(68);
    expect(invocation[3]).toEqual({ ...X, ppt_cipher: 'c' });
    expect(invocation[4]).toEqual([payload]);
    callee.send([70, invocation[1], { ppt_scheme: 'x_test' }, ['answer']]);
    const result = await caller.next(50);
    expect(result[2]).toEqual({ ppt_scheme: 'x_test' });
    expect(result[3]).toEqual(['answer']);
  });

  it('copies ppt_* into ERROR and EVENT details (retained events too)', async () => {
    const callee = await raw(PPT_ROLES);
    await register(callee, 'com.example.fails');
    const caller = await raw(PPT_ROLES);
    caller.send([48, caller.nextId(), X, 'com.example.fails', ['p']]);
    const invocation = await callee.next(68);
    callee.send([8, 68, invocation[1], { ppt_scheme: 'x_test' }, 'com.example.error.bad', ['why']]);
    const error = await caller.next(8);
    expect(error.slice(3)).toEqual([{ ppt_scheme: 'x_test' }, 'com.example.error.bad', ['why']]);

    const subscriber = await raw(PPT_ROLES);
    await subscriber.request((id) => [32, id, {}, 'com.example.topic'], 33);
    const publisher = await raw(PPT_ROLES);
    publisher.send([16, publisher.nextId(), { ...X, retain: true }, 'com.example.topic', ['e']]);
    const event = await subscriber.next(36);
    expect(event[3]).toEqual(X);
    expect(event[4]).toEqual(['e']);
    const late = await raw(PPT_ROLES);
    await late.request((id) => [32, id, { get_retained: true }, 'com.example.topic'], 33);
    const retained = await late.next(36);
    expect(retained[3]).toEqual({ ...X, retained: true });
  });

  it('a sender that did not announce payload_passthru_mode commits a protocol violation', async () => {
    const peer = await raw(PLAIN_ROLES);
    peer.send([48, peer.nextId(), X, 'com.example.ppt', ['p']]);
    const abort = await peer.next(3);
    expect(abort[2]).toBe('wamp.error.protocol_violation');
    expect(String((abort[1] as { message: string }).message)).toContain('caller role');
  });

  it('malformed ppt options or payload shapes are protocol violations', async () => {
    const cases: unknown[][] = [
      [{ ppt_scheme: 'custom' }, ['p']],
      [{ ppt_scheme: '' }, ['p']],
      [{ ppt_serializer: 'json' }, ['p']],
      [{ ppt_scheme: 'wamp', ppt_serializer: 'json' }, ['p']],
      [{ ppt_scheme: 'mqtt', ppt_serializer: 'xml' }, ['p']],
      [{ ppt_scheme: 'x_a', ppt_keyid: 7 }, ['p']],
      [X, ['p', 'q']],
      [X, ['p'], { k: 1 }],
      [X, []],
    ];
    for (const [options, ...payload] of cases) {
      const peer = await raw(PPT_ROLES);
      peer.send([48, peer.nextId(), options, 'com.example.ppt', ...payload]);
      const abort = await peer.next(3);
      expect(abort[2], JSON.stringify(options)).toBe('wamp.error.protocol_violation');
    }
  });

  it('a callee without the feature, or a router procedure, answers feature_not_supported', async () => {
    const plain = await raw(PLAIN_ROLES);
    await register(plain, 'com.example.plain');
    const caller = await raw(PPT_ROLES);
    const refused = await caller.request((id) => [48, id, X, 'com.example.plain', ['p']], 50);
    expect(refused[0]).toBe(8);
    expect(refused[4]).toBe('wamp.error.feature_not_supported');
    const meta = await caller.request((id) => [48, id, X, 'wamp.session.count', ['p']], 50);
    expect(meta[4]).toBe('wamp.error.feature_not_supported');
    expect(plain.received.filter((m) => m[0] === 68)).toEqual([]);
  });

  it('a passthru YIELD for a caller without the feature becomes ERROR feature_not_supported', async () => {
    const callee = await raw(PPT_ROLES);
    await register(callee, 'com.example.ppt');
    const caller = await raw(PLAIN_ROLES);
    caller.send([48, caller.nextId(), {}, 'com.example.ppt', ['plain']]);
    const invocation = await callee.next(68);
    callee.send([70, invocation[1], X, ['p']]);
    const error = await caller.next(8);
    expect(error[4]).toBe('wamp.error.feature_not_supported');
    expect(caller.received.filter((m) => m[0] === 50)).toEqual([]);
  });
});

describe('payload passthru mode: wampy.js and our session as peers', () => {
  it('wampy caller and wampy callee exchange mqtt/json payloads through the router', async () => {
    const callee = await wampy();
    let seen: unknown;
    await callee.register('com.example.wppt', ({ argsList, argsDict, details }) => {
      seen = { argsList, argsDict, scheme: (details as { ppt_scheme?: string }).ppt_scheme };
      return { argsList: ['pong', argsList?.[0]], options: { ppt_scheme: 'mqtt', ppt_serializer: 'json' } };
    });
    const caller = await wampy();
    const r = await caller.call(
      'com.example.wppt',
      { argsList: ['ping'], argsDict: { k: 1 } },
      { ppt_scheme: 'mqtt', ppt_serializer: 'json' },
    );
    expect(seen).toEqual({ argsList: ['ping'], argsDict: { k: 1 }, scheme: 'mqtt' });
    expect(r.argsList).toEqual(['pong', 'ping']);
  });

  it('our session calls a wampy callee in passthru mode, and serves a wampy caller', async () => {
    const s = await session();
    const w = await wampy();
    await w.register('com.example.wampy', ({ argsList }) => ({
      argsList: [`got ${String(argsList?.[0])}`],
      options: { ppt_scheme: 'mqtt', ppt_serializer: 'json' },
    }));
    // The session sends what wampy's json payload serializer expects: {args, kwargs} as JSON text.
    const r = await s.call(
      'com.example.wampy',
      [JSON.stringify({ args: ['hello'] })],
      {},
      {
        options: { ppt_scheme: 'mqtt', ppt_serializer: 'json' },
      },
    );
    expect(r.details).toMatchObject({ ppt_scheme: 'mqtt', ppt_serializer: 'json' });
    expect(JSON.parse(r.args[0] as string)).toEqual({ args: ['got hello'] });

    let details: unknown;
    await s.register('com.example.ours', (args, _kwargs, context) => {
      details = context.details;
      const packed = JSON.parse(args[0] as string) as { args: unknown[] };
      return new WampResult(
        [JSON.stringify({ args: [packed.args.length] })],
        {},
        { ppt_scheme: 'mqtt', ppt_serializer: 'json' },
      );
    });
    const back = await w.call('com.example.ours', ['a', 'b', 'c'], {
      ppt_scheme: 'mqtt',
      ppt_serializer: 'json',
    });
    expect(details).toMatchObject({ ppt_scheme: 'mqtt', ppt_serializer: 'json' });
    expect(back.argsList).toEqual([3]);
  });

  it('our session subscribes to a wampy passthru publication', async () => {
    const s = await session();
    let resolve: (e: { args: unknown[]; details: unknown }) => void = () => {};
    const got = new Promise<{ args: unknown[]; details: unknown }>((r) => {
      resolve = r;
    });
    await s.subscribe('com.example.news', (args, _kwargs, context) =>
      resolve({ args, details: context.details }),
    );
    const w = await wampy();
    await w.publish('com.example.news', ['breaking'], { ppt_scheme: 'x_news', ppt_serializer: 'native' });
    const event = await got;
    expect(event.details).toMatchObject({ ppt_scheme: 'x_news', ppt_serializer: 'native' });
    expect(event.args).toEqual([{ args: ['breaking'] }]);
  });
});

describe('payload passthrough: the sender bytes reach a receiver of the same serializer', () => {
  /** Raw frames a peer receives, as bytes. */
  function frames(peer: RawWamp): Buffer[] {
    const ws = (peer as unknown as { ws: WebSocket }).ws;
    const out: Buffer[] = [];
    ws.on('message', (data: Buffer) => out.push(Buffer.from(data)));
    return out;
  }

  it('JSON: odd whitespace, escapes and duplicate keys arrive as sent', async () => {
    const callee = await raw(PPT_ROLES);
    await register(callee, 'com.example.echo');
    const seen = frames(callee);
    const caller = await raw(PPT_ROLES);
    const payload = `[ "\\u00e9\\ud83d\\ude00" , {"a":1, "a" : 2} ,"${'x'.repeat(400)}" ],{ "k":  -0 }`;
    caller.sendFrame(`[48, ${caller.nextId()}, {}, "com.example.echo", ${payload} ]`);
    const invocation = await callee.next(68);
    expect(invocation[4]).toEqual(['é😀', { a: 2 }, 'x'.repeat(400)]);
    expect(seen.at(-1)?.toString('utf8')).toBe(`[68,${invocation[1]},${invocation[2]},{},${payload}]`);
  });

  it('msgpack: the INVOCATION ends with the CALL payload bytes; a JSON callee gets the values', async () => {
    const callee = await raw(PPT_ROLES, msgpackSerializer);
    await register(callee, 'com.example.mp');
    const seen = frames(callee);
    const jsonCallee = await raw(PPT_ROLES);
    await register(jsonCallee, 'com.example.json');
    const caller = await raw(PPT_ROLES, msgpackSerializer);
    const args = [new Uint8Array([1, 2, 3]), 'y'.repeat(300), { n: 2 ** 40 }];
    const call = msgpackSerializer.serialize([48, caller.nextId(), {}, 'com.example.mp', args]) as Uint8Array;
    caller.sendFrame(call);
    await callee.next(68);
    const tail = Buffer.from(msgpackSerializer.serialize([args]) as Uint8Array).subarray(1);
    expect(seen.at(-1)?.subarray(-tail.length).equals(tail)).toBe(true);
    caller.send([48, caller.nextId(), {}, 'com.example.json', args]);
    const invocation = await jsonCallee.next(68);
    expect(invocation[4]).toEqual(args);
  });
});
