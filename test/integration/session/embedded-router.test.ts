/**
 * The session suite against the embedded router: once per serializer, and for each serializer
 * over a real WebSocket, a real RawSocket and the in-memory link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import type { SerializerName } from '../../../runtime/serializers/types.js';
import { createErrorRegistry } from '../../../runtime/session/error-registry.js';
import type { Session } from '../../../runtime/session/session.js';
import type { EventContext, InvocationContext } from '../../../runtime/session/types.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { connectInMemory } from '../../../runtime/testing/in-memory-pair.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { waitForRegistration, waitForSubscription } from '../../../runtime/testing/wait-for.js';

type Link = 'websocket' | 'rawsocket' | 'in-memory';
const cases: Array<[SerializerName, Link]> = [];
for (const serializer of ['json', 'msgpack', 'cbor'] as const) {
  for (const link of ['websocket', 'rawsocket', 'in-memory'] as const) cases.push([serializer, link]);
}

function nextEvent<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.each(cases)('session over %s / %s', (serializer, link) => {
  let testRouter: TestRouter;
  let caller: Session;
  let callee: Session;
  let n = 0;
  const uri = (name: string): string => `com.test.${serializer}.${link.replace('-', '_')}.${name}.${n++}`;

  const open = (): Promise<Session> => {
    if (link === 'in-memory') return connectInMemory(testRouter.router, { serializer });
    const url = link === 'rawsocket' ? (testRouter.rawSocketUrl as string) : testRouter.url;
    return testRouter.connect({ serializer, url });
  };

  beforeAll(async () => {
    testRouter = await startTestRouter({ rawSocket: true });
    [caller, callee] = await Promise.all([open(), open()]);
  });

  afterAll(async () => {
    await Promise.all([caller.leave(), callee.leave()]);
    await testRouter.close();
  });

  it('calls a procedure and gets Arguments[0] back', async () => {
    const p = uri('add');
    await callee.register(p, (args) => Number(args[0]) + Number(args[1]));
    expect((await caller.call(p, [2, 3])).args).toEqual([5]);
  });

  it('carries kwargs and binary payload both ways', async () => {
    const p = uri('echo');
    await callee.register(p, (args, kwargs) => new WampResult(args, kwargs));
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const result = await caller.call(p, [bytes, 'x'], { k: { nested: [1, 2] } });
    expect(new Uint8Array(result.args[0] as Uint8Array)).toEqual(bytes);
    expect(result.kwargs).toEqual({ k: { nested: [1, 2] } });
  });

  it('passes a thrown WampError to the caller with its URI and payload', async () => {
    const p = uri('fail');
    await callee.register(p, () => {
      throw new WampError('com.example.unknown_city', ['Atlantis'], { city: 'Atlantis' });
    });
    await expect(caller.call(p)).rejects.toMatchObject({
      uri: 'com.example.unknown_city',
      args: ['Atlantis'],
      kwargs: { city: 'Atlantis' },
    });
  });

  it('turns a plain throw into wamp.error.runtime_error and keeps serving', async () => {
    const p = uri('throws');
    let count = 0;
    await callee.register(p, () => {
      count++;
      if (count === 1) throw new Error('first call fails');
      return 'second call works';
    });
    await expect(caller.call(p)).rejects.toMatchObject({
      uri: ErrorUri.RUNTIME_ERROR,
      args: ['first call fails'],
    });
    expect((await caller.call(p)).args).toEqual(['second call works']);
  });

  it('rejects a call to nothing with wamp.error.no_such_procedure', async () => {
    await expect(caller.call(uri('missing'))).rejects.toMatchObject({ uri: ErrorUri.NO_SUCH_PROCEDURE });
  });

  it('streams progressive results', async () => {
    const p = uri('progress');
    await callee.register(p, async (_a, _k, ctx) => {
      ctx.progress([1]);
      ctx.progress([2]);
      return 3;
    });
    const call = caller.callProgressive(p);
    const chunks: unknown[] = [];
    for await (const chunk of call) chunks.push(chunk.args[0]);
    expect(chunks).toEqual([1, 2]);
    expect((await call.result).args).toEqual([3]);
  });

  it('delivers an abort to a cancel-aware callee as an aborted signal', async () => {
    const p = uri('slow');
    const aborted = nextEvent<unknown>();
    const started = nextEvent<void>();
    await callee.register(
      p,
      (_a, _k, ctx) =>
        new Promise((_resolve, reject) => {
          started.resolve();
          ctx.signal.addEventListener('abort', () => {
            aborted.resolve(ctx.signal.reason);
            reject(ctx.signal.reason);
          });
        }),
    );
    const controller = new AbortController();
    const call = caller.call(p, [], {}, { signal: controller.signal, cancelMode: 'kill' });
    await started.promise;
    controller.abort();
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    expect(await aborted.promise).toMatchObject({ uri: ErrorUri.CANCELED });
  });

  it('delivers a caller timeout to the callee as an aborted signal', async () => {
    const p = uri('timeout');
    const aborted = nextEvent<void>();
    await callee.register(
      p,
      (_a, _k, ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => aborted.resolve());
        }),
    );
    await expect(caller.call(p, [], {}, { timeout: 50 })).rejects.toMatchObject({ uri: ErrorUri.TIMEOUT });
    await aborted.promise;
  });

  it('discloses the caller to the callee when asked', async () => {
    const p = uri('who');
    let context: InvocationContext | undefined;
    await callee.register(p, (_a, _k, ctx) => {
      context = ctx;
    });
    await caller.call(p, [], {}, { discloseMe: true });
    expect(context?.caller).toBe(caller.id);
  });

  it('reports the concrete procedure of a prefix registration', async () => {
    const prefix = uri('pattern');
    await callee.register(prefix, (_a, _k, ctx) => ctx.procedure, { match: 'prefix' });
    expect((await caller.call(`${prefix}.deep.name`)).args).toEqual([`${prefix}.deep.name`]);
  });

  it('round-robins a shared registration across two registrations', async () => {
    const p = uri('shared');
    await callee.register(p, () => 'a', { invoke: 'roundrobin' });
    await caller.register(p, () => 'b', { invoke: 'roundrobin' });
    const answers = [(await caller.call(p)).args[0], (await caller.call(p)).args[0]];
    expect(answers.sort()).toEqual(['a', 'b']);
  });

  it('unregisters', async () => {
    const p = uri('gone');
    const registration = await callee.register(p, () => 1);
    await registration.unregister();
    await expect(caller.call(p)).rejects.toMatchObject({ uri: ErrorUri.NO_SUCH_PROCEDURE });
  });

  it('maps an ERROR to a registered error class for the caller', async () => {
    class UnknownCity extends WampError {}
    const errors = createErrorRegistry();
    errors.register('com.example.typed_error', UnknownCity);
    const typedCaller =
      link === 'in-memory'
        ? await connectInMemory(testRouter.router, { serializer, errors })
        : await testRouter.connect({
            serializer,
            errors,
            url: link === 'rawsocket' ? (testRouter.rawSocketUrl as string) : testRouter.url,
          });
    const p = uri('typed');
    await callee.register(p, () => {
      throw new WampError('com.example.typed_error');
    });
    await expect(typedCaller.call(p)).rejects.toBeInstanceOf(UnknownCity);
    await typedCaller.leave();
  });

  it('publishes to a subscriber with publisher identity and kwargs', async () => {
    const topic = uri('topic');
    const got = nextEvent<[unknown[], Record<string, unknown>, EventContext]>();
    await callee.subscribe(topic, (args, kwargs, ctx) => got.resolve([args, kwargs, ctx]));
    await caller.publish(topic, [1], { k: 2 }, { acknowledge: true, discloseMe: true });
    const [args, kwargs, ctx] = await got.promise;
    expect([args, kwargs, ctx.topic, ctx.publisher]).toEqual([[1], { k: 2 }, topic, caller.id]);
  });

  it('does not deliver to the publisher by default, and does with excludeMe: false', async () => {
    const topic = uri('self');
    const seen: unknown[] = [];
    await caller.subscribe(topic, (args) => void seen.push(args[0]));
    await caller.publish(topic, ['excluded'], {}, { acknowledge: true });
    await caller.publish(topic, ['included'], {}, { acknowledge: true, excludeMe: false });
    await waitForEvents(seen, 1);
    expect(seen).toEqual(['included']);
  });

  it('honours eligible and exclude lists', async () => {
    const topic = uri('lists');
    const seen: unknown[] = [];
    await callee.subscribe(topic, (args) => void seen.push(args[0]));
    await caller.publish(topic, ['excluded'], {}, { acknowledge: true, exclude: [callee.id] });
    await caller.publish(topic, ['not eligible'], {}, { acknowledge: true, eligible: [caller.id] });
    await caller.publish(topic, ['eligible'], {}, { acknowledge: true, eligible: [callee.id] });
    await waitForEvents(seen, 1);
    expect(seen).toEqual(['eligible']);
  });

  it('gives a pattern subscriber the concrete topic', async () => {
    const prefix = uri('ptopic');
    const got = nextEvent<EventContext>();
    await callee.subscribe(prefix, (_a, _k, ctx) => got.resolve(ctx), { match: 'prefix' });
    await caller.publish(`${prefix}.leaf`, [], {}, { acknowledge: true });
    expect((await got.promise).topic).toBe(`${prefix}.leaf`);
  });

  it('delivers a retained event to a late subscriber that asks for it', async () => {
    const topic = uri('retained');
    await caller.publish(topic, ['kept'], {}, { acknowledge: true, retain: true });
    const got = nextEvent<[unknown[], EventContext]>();
    await callee.subscribe(topic, (args, _k, ctx) => got.resolve([args, ctx]), { getRetained: true });
    const [args, ctx] = await got.promise;
    expect([args, ctx.retained]).toEqual([['kept'], true]);
  });

  it('shares one router subscription between two handlers on one topic', async () => {
    const topic = uri('twice');
    const seen: string[] = [];
    const a = await callee.subscribe(topic, () => void seen.push('a'));
    const b = await callee.subscribe(topic, () => void seen.push('b'));
    expect(a.id).toBe(b.id);
    await caller.publish(topic, [], {}, { acknowledge: true });
    await waitForEvents(seen, 2);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('finds registrations and subscriptions with the wait helpers', async () => {
    const p = uri('waited');
    const topic = uri('waited_topic');
    await callee.register(p, () => 1);
    await callee.subscribe(topic, () => undefined);
    expect(await waitForRegistration(caller, p)).toBeGreaterThan(0);
    expect(await waitForSubscription(caller, topic)).toBeGreaterThan(0);
  });
});

async function waitForEvents(list: unknown[], count: number): Promise<void> {
  for (let i = 0; i < 200 && list.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  // One more turn so that an unexpected extra event would show up too.
  await new Promise((r) => setTimeout(r, 20));
}

describe.each(['json', 'msgpack', 'cbor'] as const)('two-way streaming call over %s', (serializer) => {
  it('streams input chunks to the callee and results back', async () => {
    const testRouter = await startTestRouter();
    const [caller, callee] = await Promise.all([
      testRouter.connect({ serializer }),
      connectInMemory(testRouter.router, { serializer }),
    ]);
    await callee.register('com.test.stream.sum', async (args, _k, ctx) => {
      let total = Number(args[0]);
      for await (const chunk of ctx.input ?? []) {
        total += Number(chunk.args[0] ?? 0);
        ctx.progress([total]);
      }
      return total;
    });
    async function* numbers() {
      for (const n of [2, 3, 4]) yield { args: [n] };
    }
    const call = caller.callProgressive('com.test.stream.sum', [1], undefined, { input: numbers() });
    const partials: unknown[] = [];
    for await (const chunk of call) partials.push(chunk.args[0]);
    expect((await call.result).args).toEqual([10]);
    expect(partials).toEqual([3, 6, 10]);
    await Promise.all([caller.leave(), callee.leave()]);
    await testRouter.close();
  });
});
