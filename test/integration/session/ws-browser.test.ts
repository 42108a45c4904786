/**
 * The browser WebSocket transport, driven here by `ws`'s WebSocket class installed as the global
 * `WebSocket` (it implements the same onopen/onmessage/binaryType API as browsers).
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSerializer } from '../../../runtime/serializers/registry.js';
import { connect } from '../../../runtime/session/connect.js';
import { createBrowserWebSocketTransportFactory } from '../../../runtime/transport/ws-browser.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';

let testRouter: TestRouter;
const global = globalThis as { WebSocket?: unknown };
const previous = global.WebSocket;

beforeAll(async () => {
  testRouter = await startTestRouter();
  global.WebSocket = WebSocket;
});

afterAll(async () => {
  global.WebSocket = previous;
  await testRouter.close();
});

describe.each(['json', 'msgpack', 'cbor'] as const)('browser WebSocket transport (%s)', (name) => {
  it('joins, calls and receives binary payload', async () => {
    const serializer = getSerializer(name);
    const transport = createBrowserWebSocketTransportFactory({ url: testRouter.url, serializer });
    const session = await connect({ realm: 'realm1', transport, serializer: name });
    await session.register(`com.test.browser.${name}.echo`, (args) => args[0]);
    const bytes = new Uint8Array([1, 2, 3]);
    const { args } = await session.call(`com.test.browser.${name}.echo`, [bytes]);
    expect(new Uint8Array(args[0] as Uint8Array)).toEqual(bytes);
    await session.leave();
    expect(session.state).toBe('closed');
  });
});

describe('browser WebSocket transport failures', () => {
  it('rejects with connect_failed when nothing listens', async () => {
    const closed = await startTestRouter();
    await closed.close();
    const transport = createBrowserWebSocketTransportFactory({
      url: closed.url,
      serializer: getSerializer('json'),
    });
    await expect(connect({ realm: 'realm1', transport })).rejects.toMatchObject({ code: 'connect_failed' });
  });
});
