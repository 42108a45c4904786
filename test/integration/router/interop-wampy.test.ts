/**
 * wampy.js 8 (an independent peer) against the embedded router over a real WebSocket, in JSON and
 * msgpack: RPC, pub/sub and the advanced features as wampy sees them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Wampy } from 'wampy';
import { MsgpackSerializer } from 'wampy/MsgpackSerializer.js';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { listen } from '../../helpers/ws-listen.js';

let running: RunningRouter;
const clients: Wampy[] = [];
/** wampy log lines (it would print them); kept for debugging, never printed. */
const wampyLog: unknown[][] = [];

async function client(options: { msgpack?: boolean } = {}): Promise<Wampy> {
  const w = new Wampy(running.url, {
    ws: WebSocket as unknown as never,
    realm: 'realm1',
    autoReconnect: false,
    logger: (...args: unknown[]) => wampyLog.push(args),
    ...(options.msgpack === true ? { serializer: new MsgpackSerializer() } : {}),
  });
  await w.connect();
  clients.push(w);
  return w;
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The error URI of a wampy rejection (wampy keeps it in `errorUri`). */
function errorUri(e: unknown): unknown {
  return (e as { errorUri?: unknown }).errorUri;
}

function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

beforeEach(async () => {
  running = await listen();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect().catch(() => undefined)));
  await running.close();
});

describe('interop: wampy.js as caller and callee', () => {
  it('calls a wampy callee and gets its result', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.add', ({ argsList }) => ({
      argsList: [(argsList?.[0] as number) + (argsList?.[1] as number)],
    }));
    const r = await caller.call('com.example.add', [2, 3]);
    expect(r.argsList).toEqual([5]);
  });

  it('works over msgpack as well', async () => {
    const callee = await client({ msgpack: true });
    const caller = await client({ msgpack: true });
    await callee.register('com.example.echo', ({ argsDict }) => ({ argsDict: argsDict ?? {} }));
    const r = await caller.call('com.example.echo', { argsList: [], argsDict: { n: 42 } });
    expect(r.argsDict).toEqual({ n: 42 });
  });

  it('receives progressive results through progress_callback', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.stream', ({ result_handler }) => {
      for (let i = 1; i <= 3; i++) result_handler?.({ argsList: [i], options: { progress: true } });
      return { argsList: ['done'] };
    });
    const progress: unknown[] = [];
    const r = await caller.call('com.example.stream', [], {
      progress_callback: (p) => {
        progress.push(p.argsList?.[0]);
      },
    });
    expect(progress).toEqual([1, 2, 3]);
    expect(r.argsList).toEqual(['done']);
  });

  it('gets wamp.error.timeout from the dealer', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.slow', () => new Promise(() => {}));
    expect(errorUri(await failure(caller.call('com.example.slow', [], { timeout: 50 })))).toBe(
      'wamp.error.timeout',
    );
  });

  it('cancels a call with skip and gets wamp.error.canceled at once', async () => {
    const callee = await client();
    const caller = await client();
    const started = deferred<void>();
    await callee.register('com.example.forever', () => {
      started.resolve();
      return new Promise(() => {});
    });
    const outcome = failure(caller.call('com.example.forever'));
    const reqId = caller.getOpStatus().reqId;
    await started.promise;
    caller.cancel(reqId, { mode: 'skip' });
    expect(errorUri(await outcome)).toBe('wamp.error.canceled');
  });

  it('cancels a call with killnowait and gets wamp.error.canceled', async () => {
    const callee = await client();
    const caller = await client();
    const started = deferred<void>();
    await callee.register('com.example.forever2', () => {
      started.resolve();
      return new Promise(() => {});
    });
    const outcome = failure(caller.call('com.example.forever2'));
    const reqId = caller.getOpStatus().reqId;
    await started.promise;
    caller.cancel(reqId, { mode: 'killnowait' });
    expect(errorUri(await outcome)).toBe('wamp.error.canceled');
  });

  it('discloses the caller to a wampy callee', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.who', ({ details }) => ({ argsList: [details.caller] }));
    const r = await caller.call('com.example.who', [], { disclose_me: true });
    expect(r.argsList).toEqual([caller.getSessionId()]);
  });

  it('routes a prefix registration with the concrete procedure in details', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.api', ({ details }) => ({ argsList: [details.procedure] }), {
      match: 'prefix',
    });
    const r = await caller.call('com.example.api.users');
    expect(r.argsList).toEqual(['com.example.api.users']);
  });

  it('serves a shared registration with first: the oldest callee answers', async () => {
    const a = await client();
    const b = await client();
    const caller = await client();
    await a.register('com.example.hot', () => ({ argsList: ['a'] }), { invoke: 'first' });
    await b.register('com.example.hot', () => ({ argsList: ['b'] }), { invoke: 'first' });
    expect((await caller.call('com.example.hot')).argsList).toEqual(['a']);
  });

  it('refuses a shared registration with a different policy', async () => {
    const a = await client();
    const b = await client();
    await a.register('com.example.pol', () => ({}), { invoke: 'roundrobin' });
    expect(errorUri(await failure(b.register('com.example.pol', () => ({}), { invoke: 'last' })))).toBe(
      'wamp.error.procedure_already_exists',
    );
  });

  it('gets feature_not_supported for a progressive call to a callee without the feature', async () => {
    const callee = await client();
    const caller = await client();
    await callee.register('com.example.upload', () => ({}));
    const { result } = caller.progressiveCall('com.example.upload', ['chunk']);
    expect(errorUri(await failure(result))).toBe('wamp.error.feature_not_supported');
  });
});

describe('interop: wampy.js as publisher and subscriber', () => {
  it('delivers an event with payload', async () => {
    const sub = await client();
    const pub = await client();
    const got = deferred<unknown>();
    await sub.subscribe('com.example.t', ({ argsList }) => got.resolve(argsList));
    await pub.publish('com.example.t', [1, 'x']);
    expect(await got.promise).toEqual([1, 'x']);
  });

  it('does not deliver a wampy publication to its own subscribed publisher', async () => {
    const pub = await client();
    const other = await client();
    const seen: unknown[] = [];
    const marker = deferred<void>();
    await pub.subscribe('com.example.self', ({ argsList }) => {
      seen.push(argsList?.[0]);
      if (argsList?.[0] === 'marker') marker.resolve();
    });
    await pub.publish('com.example.self', ['own']);
    await other.publish('com.example.self', ['marker']);
    await marker.promise;
    expect(seen).toEqual(['marker']);
  });

  it('honours exclude_authrole and eligible lists', async () => {
    const a = await client();
    const b = await client();
    const pub = await client();
    const seen: string[] = [];
    const done = deferred<void>();
    await a.subscribe('com.example.l', ({ argsList }) => {
      seen.push(`a:${argsList?.[0]}`);
      if (argsList?.[0] === 'end') done.resolve();
    });
    await b.subscribe('com.example.l', ({ argsList }) => {
      seen.push(`b:${argsList?.[0]}`);
    });
    await pub.publish('com.example.l', ['nobody'], { exclude_authrole: ['anonymous'] });
    await pub.publish('com.example.l', ['only-b'], { eligible: [b.getSessionId() as number] });
    await pub.publish('com.example.l', ['end'], { exclude: [b.getSessionId() as number] });
    await done.promise;
    expect(seen.sort()).toEqual(['a:end', 'b:only-b']);
  });

  it('discloses the publisher to a wampy subscriber', async () => {
    const sub = await client();
    const pub = await client();
    const got = deferred<unknown>();
    await sub.subscribe('com.example.id', ({ details }) => got.resolve(details.publisher));
    await pub.publish('com.example.id', [], { disclose_me: true });
    expect(await got.promise).toBe(pub.getSessionId());
  });

  it('delivers to a prefix subscription with details.topic', async () => {
    const sub = await client();
    const pub = await client();
    const got = deferred<unknown>();
    await sub.subscribe('com.example', ({ details }) => got.resolve(details.topic), { match: 'prefix' });
    await pub.publish('com.example.deep.topic', []);
    expect(await got.promise).toBe('com.example.deep.topic');
  });

  it('gets the retained event on subscribe with get_retained', async () => {
    // wampy 8 drops its own `retain` option from PUBLISH, so the router publishes the retained event.
    running.router.publish('realm1', 'com.example.state', ['on'], undefined, { retain: true });
    const sub = await client();
    const got = deferred<{ args: unknown; retained: unknown }>();
    await sub.subscribe(
      'com.example.state',
      ({ argsList, details }) => got.resolve({ args: argsList, retained: details.retained }),
      {
        get_retained: true,
      },
    );
    expect(await got.promise).toEqual({ args: ['on'], retained: true });
  });
});

describe('interop: wampy.js and the meta API', () => {
  it('lists sessions and reads a registration through the meta procedures', async () => {
    const a = await client();
    const b = await client();
    await b.register('com.example.meta', () => ({}));
    const list = await a.call('wamp.session.list');
    expect((list.argsList?.[0] as number[] | undefined)?.sort()).toEqual(
      [a.getSessionId(), b.getSessionId()].sort(),
    );
    const id = (await a.call('wamp.registration.lookup', ['com.example.meta'])).argsList?.[0];
    const callees = await a.call('wamp.registration.list_callees', [id]);
    expect(callees.argsList).toEqual([[b.getSessionId()]]);
  });

  it('sees wamp.session.on_leave when another session disconnects', async () => {
    const watcher = await client();
    const leaver = await client();
    const got = deferred<unknown>();
    await watcher.subscribe('wamp.session.on_leave', ({ argsList }) => got.resolve(argsList?.[0]));
    const id = leaver.getSessionId();
    await leaver.disconnect();
    expect(await got.promise).toBe(id);
  });

  it('kills another session with wamp.session.kill', async () => {
    const killer = await client();
    const victim = await client();
    const closed = deferred<void>();
    const v = new Wampy(running.url, {
      ws: WebSocket as unknown as never,
      realm: 'realm1',
      autoReconnect: false,
      logger: (...args: unknown[]) => wampyLog.push(args),
      onClose: () => closed.resolve(),
    });
    await v.connect();
    await killer.call('wamp.session.kill', [v.getSessionId()]);
    await closed.promise;
    expect(victim.getSessionId()).toBeDefined();
  });
});
