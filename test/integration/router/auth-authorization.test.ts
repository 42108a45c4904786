/** Authorization rules by role, seen through wampy.js as caller, callee, publisher and subscriber. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Wampy } from 'wampy';
import { CborSerializer } from 'wampy/CborSerializer.js';
import WebSocket from 'ws';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';

let router: RunningRouter;
const clients: Wampy[] = [];

beforeAll(async () => {
  router = await serve({
    transports: [{ type: 'websocket', port: 0 }],
    authorization: {
      roles: {
        anonymous: [
          { uri: 'com.example.svc.', match: 'prefix', allow: ['register', 'call'] },
          { uri: 'com.example.public', allow: ['subscribe', 'publish'] },
          { uri: 'com..status', match: 'wildcard', allow: ['publish'] },
          { uri: 'wamp.session.count', allow: ['call'] },
        ],
      },
    },
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
});

afterAll(async () => {
  await router.close();
});

async function join(): Promise<Wampy> {
  const client = new Wampy(router.url, {
    realm: 'realm1',
    ws: WebSocket as never,
    autoReconnect: false,
    uriValidation: 'loose',
    serializer: new CborSerializer(),
  });
  await client.connect();
  clients.push(client);
  return client;
}

async function errorUri(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { errorUri?: string }).errorUri ?? String(error);
  }
}

describe('authorization rules', () => {
  it('allows register and call under a prefix rule', async () => {
    const callee = await join();
    await callee.register('com.example.svc.echo', ({ argsList }) => ({ argsList: argsList ?? [] }));
    const caller = await join();
    const result = await caller.call('com.example.svc.echo', ['hi']);
    expect(result.argsList).toEqual(['hi']);
  });

  it('refuses a register no rule allows with not_authorized', async () => {
    const callee = await join();
    expect(await errorUri(callee.register('com.example.other.echo', () => ({})))).toBe(
      'wamp.error.not_authorized',
    );
  });

  it('refuses a call no rule allows with not_authorized', async () => {
    const caller = await join();
    expect(await errorUri(caller.call('com.example.other.echo'))).toBe('wamp.error.not_authorized');
  });

  it('refuses a subscribe the rule does not list', async () => {
    const subscriber = await join();
    expect(await errorUri(subscriber.subscribe('com.example.svc.events', () => {}))).toBe(
      'wamp.error.not_authorized',
    );
  });

  it('allows publish and subscribe on an exact rule', async () => {
    const subscriber = await join();
    let deliver: (value: unknown) => void = () => {};
    const got = new Promise<unknown>((resolve) => {
      deliver = resolve;
    });
    await subscriber.subscribe('com.example.public', ({ argsList }) => deliver(argsList?.[0]));
    const publisher = await join();
    await publisher.publish('com.example.public', ['news'], { acknowledge: true } as never);
    expect(await got).toBe('news');
  });

  it('matches a wildcard rule component by component', async () => {
    const publisher = await join();
    expect(await errorUri(publisher.publish('com.pump.status', ['ok'], { acknowledge: true } as never))).toBe(
      'no error',
    );
    expect(
      await errorUri(publisher.publish('com.pump.a.status', ['ok'], { acknowledge: true } as never)),
    ).toBe('wamp.error.not_authorized');
  });

  it('allows a meta procedure only when a rule lists it', async () => {
    const caller = await join();
    const count = await caller.call('wamp.session.count');
    expect(typeof count.argsList?.[0]).toBe('number');
    expect(await errorUri(caller.call('wamp.session.list'))).toBe('wamp.error.not_authorized');
  });
});
