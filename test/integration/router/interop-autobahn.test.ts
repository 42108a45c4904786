/**
 * autobahn-js 22.x (an independent peer) against the embedded router over a real WebSocket:
 * every advanced feature seen by a client we did not write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import {
  AutobahnError,
  type AutobahnEvent,
  type AutobahnInvocation,
  type AutobahnPeer,
  type AutobahnSerializer,
  openAutobahn,
} from '../../helpers/autobahn-client.js';
import { listen } from '../../helpers/ws-listen.js';

let running: RunningRouter;
const peers: AutobahnPeer[] = [];

async function peer(serializer: AutobahnSerializer = 'json'): Promise<AutobahnPeer> {
  const p = await openAutobahn(running.url, 'realm1', serializer);
  peers.push(p);
  return p;
}

/** A promise plus its resolver, for values produced in callbacks. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function errorUri(e: unknown): unknown {
  return (e as { error?: unknown }).error;
}

beforeEach(async () => {
  running = await listen();
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await running.close();
});

describe('interop: autobahn-js as caller and callee', () => {
  it('calls an autobahn callee and gets its result', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.add', (args) => (args[0] as number) + (args[1] as number));
    expect(await caller.session.call('com.example.add', [2, 3])).toBe(5);
  });

  it('routes between a msgpack caller and a cbor callee', async () => {
    const callee = await peer('cbor');
    const caller = await peer('msgpack');
    await callee.session.register('com.example.mixed', (args, kw) => ({ args, kw }));
    expect(await caller.session.call('com.example.mixed', [1, 'two'], { three: [3] })).toEqual({
      args: [1, 'two'],
      kw: { three: [3] },
    });
  });

  it('passes kwargs through and returns a complex result', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.kw', (_a, kw) => ({ echoed: kw.name }));
    expect(await caller.session.call('com.example.kw', [], { name: 'x' })).toEqual({ echoed: 'x' });
  });

  it('receives a callee error URI unchanged', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.fail', () => {
      throw new AutobahnError('com.example.oops', ['bad']);
    });
    const err = await caller.session.call('com.example.fail').then(
      () => undefined,
      (e) => e,
    );
    expect(errorUri(err)).toBe('com.example.oops');
  });

  it('streams progressive results from an autobahn callee (no call_canceling announced)', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.count', (_a, _k, details: AutobahnInvocation) => {
      for (let i = 1; i <= 3; i++) details.progress?.([i]);
      return 'done';
    });
    const progress: unknown[] = [];
    const result = await caller.session.call('com.example.count', [], {}, { receive_progress: true }).then(
      (r) => r,
      undefined,
      (p) => progress.push(p),
    );
    expect(progress).toEqual([1, 2, 3]);
    expect(result).toBe('done');
  });

  it('gets wamp.error.timeout from the dealer when the callee is too slow', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.slow', () => new Promise(() => {}));
    const err = await caller.session.call('com.example.slow', [], {}, { timeout: 50 }).then(
      () => undefined,
      (e) => e,
    );
    expect(errorUri(err)).toBe('wamp.error.timeout');
  });

  it('cancels a call (mode kill) and gets wamp.error.canceled', async () => {
    const callee = await peer();
    const caller = await peer();
    const started = deferred<void>();
    await callee.session.register('com.example.forever', () => {
      started.resolve();
      return new Promise(() => {});
    });
    const call = caller.session.call('com.example.forever');
    const outcome = call.then(
      () => undefined,
      (e) => e,
    );
    await started.promise;
    call.cancel?.({ mode: 'kill' });
    expect(errorUri(await outcome)).toBe('wamp.error.canceled');
  });

  it('discloses the caller to the callee with disclose_me', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.who', (_a, _k, d: AutobahnInvocation) => d.caller);
    expect(await caller.session.call('com.example.who', [], {}, { disclose_me: true })).toBe(
      caller.session.id,
    );
  });

  it('routes a prefix registration and tells the callee the concrete procedure', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com.example.api', (_a, _k, d: AutobahnInvocation) => d.procedure, {
      match: 'prefix',
    });
    expect(await caller.session.call('com.example.api.users.get')).toBe('com.example.api.users.get');
  });

  it('routes a wildcard registration', async () => {
    const callee = await peer();
    const caller = await peer();
    await callee.session.register('com..get', (_a, _k, d: AutobahnInvocation) => d.procedure, {
      match: 'wildcard',
    });
    expect(await caller.session.call('com.users.get')).toBe('com.users.get');
  });

  it('spreads calls over two autobahn callees of a roundrobin registration', async () => {
    const a = await peer();
    const b = await peer();
    const caller = await peer();
    await a.session.register('com.example.rr', () => 'a', { invoke: 'roundrobin' });
    await b.session.register('com.example.rr', () => 'b', { invoke: 'roundrobin' });
    const got: unknown[] = [];
    for (let i = 0; i < 4; i++) got.push(await caller.session.call('com.example.rr'));
    expect(got).toEqual(['a', 'b', 'a', 'b']);
  });

  it('gets wamp.error.canceled when the callee disconnects mid-call', async () => {
    const callee = await peer();
    const caller = await peer();
    const started = deferred<void>();
    await callee.session.register('com.example.drop', () => {
      started.resolve();
      return new Promise(() => {});
    });
    const outcome = caller.session.call('com.example.drop').then(
      () => undefined,
      (e) => e,
    );
    await started.promise;
    callee.close();
    expect(errorUri(await outcome)).toBe('wamp.error.canceled');
  });
});

describe('interop: autobahn-js as publisher and subscriber', () => {
  it('delivers an event with payload', async () => {
    const sub = await peer();
    const pub = await peer();
    const got = deferred<unknown[]>();
    await sub.session.subscribe('com.example.t', (args) => got.resolve(args));
    await pub.session.publish('com.example.t', [1, 'x'], {}, { acknowledge: true });
    expect(await got.promise).toEqual([1, 'x']);
  });

  it('excludes the publisher by default and includes it with exclude_me false', async () => {
    const pub = await peer();
    const seen: unknown[] = [];
    const marker = deferred<void>();
    await pub.session.subscribe('com.example.self', (args) => {
      seen.push(args[0]);
      if (args[0] === 'included') marker.resolve();
    });
    await pub.session.publish('com.example.self', ['excluded'], {}, { acknowledge: true });
    await pub.session.publish('com.example.self', ['included'], {}, { acknowledge: true, exclude_me: false });
    await marker.promise;
    expect(seen).toEqual(['included']);
  });

  it('discloses the publisher with disclose_me', async () => {
    const sub = await peer();
    const pub = await peer();
    const got = deferred<AutobahnEvent>();
    await sub.session.subscribe('com.example.id', (_a, _k, d) => got.resolve(d));
    await pub.session.publish('com.example.id', [], {}, { acknowledge: true, disclose_me: true });
    expect((await got.promise).publisher).toBe(pub.session.id);
  });

  it('honours eligible and exclude lists', async () => {
    const a = await peer();
    const b = await peer();
    const pub = await peer();
    const seen: string[] = [];
    const done = deferred<void>();
    await a.session.subscribe('com.example.l', (args) => {
      seen.push(`a:${args[0]}`);
      if (args[0] === 'end') done.resolve();
    });
    await b.session.subscribe('com.example.l', (args) => seen.push(`b:${args[0]}`));
    await pub.session.publish(
      'com.example.l',
      ['only-b'],
      {},
      { acknowledge: true, eligible: [b.session.id] },
    );
    await pub.session.publish('com.example.l', ['not-b'], {}, { acknowledge: true, exclude: [b.session.id] });
    await pub.session.publish('com.example.l', ['end'], {}, { acknowledge: true, eligible: [a.session.id] });
    await done.promise;
    expect(seen.sort()).toEqual(['a:end', 'a:not-b', 'b:only-b']);
  });

  it('delivers to a wildcard subscription with the concrete topic', async () => {
    const sub = await peer();
    const pub = await peer();
    const got = deferred<string>();
    await sub.session.subscribe('com..status', (_a, _k, d) => got.resolve(d.topic), { match: 'wildcard' });
    await pub.session.publish('com.printer.status', [], {}, { acknowledge: true });
    expect(await got.promise).toBe('com.printer.status');
  });

  it('receives the retained event on subscribe with get_retained', async () => {
    const pub = await peer();
    await pub.session.publish('com.example.state', ['on'], {}, { acknowledge: true, retain: true });
    const sub = await peer();
    const got = deferred<{ args: unknown[]; retained: boolean | undefined }>();
    await sub.session.subscribe(
      'com.example.state',
      (args, _k, d) => got.resolve({ args, retained: d.retained }),
      {
        get_retained: true,
      },
    );
    expect(await got.promise).toEqual({ args: ['on'], retained: true });
  });
});

describe('interop: autobahn-js and the meta API', () => {
  it('sees wamp.session.on_join for a new session and counts sessions', async () => {
    const watcher = await peer();
    const joined = deferred<Record<string, unknown>>();
    await watcher.session.subscribe('wamp.session.on_join', (args) =>
      joined.resolve(args[0] as Record<string, unknown>),
    );
    const other = await peer();
    expect((await joined.promise).session).toBe(other.session.id);
    expect(await watcher.session.call('wamp.session.count')).toBe(2);
  });

  it('gets a testament published when its author disconnects', async () => {
    const watcher = await peer();
    const author = await peer();
    const got = deferred<unknown[]>();
    await watcher.session.subscribe('com.example.will', (args) => got.resolve(args));
    await author.session.call('wamp.session.add_testament', ['com.example.will', ['gone'], {}]);
    author.close();
    expect(await got.promise).toEqual(['gone']);
  });

  it('sees wamp.registration.on_register and looks the registration up', async () => {
    const watcher = await peer();
    const callee = await peer();
    const registered = deferred<unknown[]>();
    await watcher.session.subscribe('wamp.registration.on_register', (args) => registered.resolve(args));
    await callee.session.register('com.example.watched', () => 1);
    const [session, registration] = await registered.promise;
    expect(session).toBe(callee.session.id);
    expect(await watcher.session.call('wamp.registration.lookup', ['com.example.watched'])).toBe(
      registration,
    );
  });

  it('is ended by wamp.session.kill with GOODBYE wamp.close.killed', async () => {
    const killer = await peer();
    const victim = await peer();
    await killer.session.call('wamp.session.kill', [victim.session.id], { message: 'bye' });
    expect((await victim.closed).wampReason).toBe('wamp.close.killed');
  });

  it('is refused wamp.* registrations with wamp.error.not_authorized', async () => {
    const p = await peer();
    const err = await p.session
      .register('wamp.fake', () => 1)
      .then(
        () => undefined,
        (e) => e,
      );
    expect(errorUri(err)).toBe('wamp.error.not_authorized');
  });
});
