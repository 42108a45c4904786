/**
 * How `connect()` and the in-memory transport pick a serializer: by name (msgpack and CBOR loaded
 * on demand) or as a `Serializer` object, over real sockets to the embedded router.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cborSerializer } from '../../../runtime/serializers/cbor.js';
import { msgpackSerializer } from '../../../runtime/serializers/msgpack.js';
import type { SerializerName } from '../../../runtime/serializers/types.js';
import type { Session } from '../../../runtime/session/session.js';
import { connectInMemory } from '../../../runtime/testing/in-memory-pair.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { createInMemoryTransportFactory } from '../../../runtime/transport/in-memory.js';
import { connect } from '../../../runtime/session/connect.js';

let testRouter: TestRouter;
const sessions: Session[] = [];

beforeAll(async () => {
  testRouter = await startTestRouter({ rawSocket: true });
});

afterAll(async () => {
  await Promise.allSettled(sessions.map((s) => s.leave()));
  await testRouter.close();
});

/** Connects with `serializer` and returns the session and the serializer name its transport used. */
async function connectWith(
  serializer: NonNullable<Parameters<typeof connect>[0]['serializer']>,
  url = testRouter.url,
): Promise<{ session: Session; used: string[] }> {
  const used: string[] = [];
  const session = await connect({
    url,
    realm: 'realm1',
    serializer,
    debug: (event, data) => {
      if (event === 'connect') used.push((data as { serializer: string }).serializer);
    },
  });
  sessions.push(session);
  return { session, used };
}

describe('serializer selection', () => {
  for (const name of ['json', 'msgpack', 'cbor'] as const) {
    it(`connects over WebSocket with serializer '${name}' and calls through the router`, async () => {
      const { session, used } = await connectWith(name);
      expect(used).toEqual([name]);
      await session.register(`com.test.select.${name}`, (args) => args[0]);
      expect((await session.call(`com.test.select.${name}`, [new Uint8Array([1, 2])])).args).toEqual([
        new Uint8Array([1, 2]),
      ]);
    });
  }

  it('connects over RawSocket with the msgpack serializer loaded by name', async () => {
    const { used } = await connectWith('msgpack', testRouter.rawSocketUrl);
    expect(used).toEqual(['msgpack']);
  });

  it('uses a Serializer object passed instead of a name', async () => {
    const { session, used } = await connectWith(cborSerializer);
    expect(used).toEqual(['cbor']);
    await session.register('com.test.select.object', () => 'ok');
    expect((await session.call('com.test.select.object')).args).toEqual(['ok']);
  });

  it('rejects an unknown serializer name with a TypeError before opening a socket', async () => {
    await expect(
      connect({ url: testRouter.url, realm: 'realm1', serializer: 'xml' as SerializerName }),
    ).rejects.toThrow(new TypeError('unknown serializer "xml"'));
  });

  it('joins in memory with a serializer given by name or as an object', async () => {
    const byName = await connectInMemory(testRouter.router, { serializer: 'cbor' });
    sessions.push(byName);
    const byObject = await connect({
      realm: 'realm1',
      transport: createInMemoryTransportFactory(testRouter.router, { serializer: msgpackSerializer }),
    });
    sessions.push(byObject);
    await byName.register('com.test.select.memory', (args) => args[0]);
    expect((await byObject.call('com.test.select.memory', [7])).args).toEqual([7]);
  });

  it('fails an in-memory open with an unknown serializer name with the TypeError', async () => {
    const factory = createInMemoryTransportFactory(testRouter.router, {
      serializer: 'xml' as SerializerName,
    });
    await expect(factory(new AbortController().signal)).rejects.toThrow(
      new TypeError('unknown serializer "xml"'),
    );
  });
});
