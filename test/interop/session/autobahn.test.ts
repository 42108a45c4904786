/**
 * Cross-peer interop with autobahn-js 22.x through the embedded router (JSON over WebSocket):
 * our caller with their callee, their caller with our callee, their publisher with our
 * subscriber, and errors in both directions.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import type { Session } from '../../../runtime/session/session.js';
import type { EventContext } from '../../../runtime/session/types.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { waitForRegistration, waitForSubscription } from '../../../runtime/testing/wait-for.js';

/** The part of autobahn's API these tests use. */
interface AbSession {
  id: number;
  register(uri: string, fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown): Promise<unknown>;
  call(uri: string, args?: unknown[], kwargs?: Record<string, unknown>): Promise<unknown>;
  publish(
    uri: string,
    args?: unknown[],
    kwargs?: Record<string, unknown>,
    options?: object,
  ): Promise<unknown>;
  subscribe(uri: string, fn: (args: unknown[], kwargs: Record<string, unknown>) => void): Promise<unknown>;
}
interface AbConnection {
  onopen: (session: AbSession) => void;
  onclose: (reason: string) => boolean;
  open(): void;
  close(): void;
}
interface Autobahn {
  Connection: new (options: object) => AbConnection;
  Error: new (uri: string, args?: unknown[], kwargs?: Record<string, unknown>) => Error;
  Result: new (
    args?: unknown[],
    kwargs?: Record<string, unknown>,
  ) => { args: unknown[]; kwargs: Record<string, unknown> };
}
// autobahn binds console.warn when it loads and warns on every close; tests must stay silent.
const realWarn = console.warn;
console.warn = () => undefined;
const autobahn = createRequire(import.meta.url)('autobahn') as Autobahn;
console.warn = realWarn;

let testRouter: TestRouter;
let ours: Session;
let theirs: AbSession;
let connection: AbConnection;

beforeAll(async () => {
  testRouter = await startTestRouter();
  ours = await testRouter.connect();
  connection = new autobahn.Connection({
    url: testRouter.url,
    realm: 'realm1',
    max_retries: 0,
    // autobahn prints callee exceptions unless the app takes them; throwing is what we test.
    on_user_error: () => undefined,
  });
  theirs = await new Promise<AbSession>((resolve) => {
    connection.onopen = resolve;
    connection.onclose = () => true;
    connection.open();
  });
});

afterAll(async () => {
  connection.close();
  await ours.leave();
  await testRouter.close();
});

describe('our caller, autobahn callee', () => {
  it('gets the return value as Arguments[0]', async () => {
    await theirs.register('com.interop.ab.add', (args) => Number(args[0]) + Number(args[1]));
    await waitForRegistration(ours, 'com.interop.ab.add');
    expect((await ours.call('com.interop.ab.add', [2, 3])).args).toEqual([5]);
  });

  it('gets args and kwargs of an autobahn Result', async () => {
    await theirs.register('com.interop.ab.result', () => new autobahn.Result([1, 2], { k: 'v' }));
    await waitForRegistration(ours, 'com.interop.ab.result');
    const result = await ours.call('com.interop.ab.result');
    expect([result.args, result.kwargs]).toEqual([[1, 2], { k: 'v' }]);
  });

  it('gets the URI and payload of an autobahn Error', async () => {
    await theirs.register('com.interop.ab.fail', () => {
      throw new autobahn.Error('com.example.unknown_city', ['Atlantis'], { city: 'Atlantis' });
    });
    await waitForRegistration(ours, 'com.interop.ab.fail');
    await expect(ours.call('com.interop.ab.fail')).rejects.toMatchObject({
      uri: 'com.example.unknown_city',
      args: ['Atlantis'],
      kwargs: { city: 'Atlantis' },
    });
  });
});

describe('autobahn caller, our callee', () => {
  it('receives our return value as a plain value', async () => {
    await ours.register('com.interop.ours.add', (args) => Number(args[0]) + Number(args[1]));
    expect(await theirs.call('com.interop.ours.add', [4, 5])).toBe(9);
  });

  it('receives a WampResult as an autobahn Result', async () => {
    await ours.register('com.interop.ours.pair', () => new WampResult([1, 2], { sum: 3 }));
    const result = (await theirs.call('com.interop.ours.pair')) as { args: unknown[]; kwargs: object };
    expect([result.args, result.kwargs]).toEqual([[1, 2], { sum: 3 }]);
  });

  it('gets our WampError URI and payload', async () => {
    await ours.register('com.interop.ours.fail', () => {
      throw new WampError('com.example.bad_input', ['why'], { field: 'x' });
    });
    const error = (await theirs.call('com.interop.ours.fail').catch((e: unknown) => e)) as {
      error: string;
      args: unknown[];
      kwargs: object;
    };
    expect([error.error, error.args, error.kwargs]).toEqual([
      'com.example.bad_input',
      ['why'],
      { field: 'x' },
    ]);
  });

  it('gets wamp.error.runtime_error for a plain throw', async () => {
    await ours.register('com.interop.ours.throws', () => {
      throw new Error('plain failure');
    });
    const error = (await theirs.call('com.interop.ours.throws').catch((e: unknown) => e)) as {
      error: string;
      args: unknown[];
    };
    expect([error.error, error.args]).toEqual([ErrorUri.RUNTIME_ERROR, ['plain failure']]);
  });
});

describe('autobahn publisher, our subscriber', () => {
  it('delivers args, kwargs and the topic', async () => {
    const got = new Promise<[unknown[], Record<string, unknown>, EventContext]>((resolve) => {
      void ours.subscribe('com.interop.ab.topic', (args, kwargs, ctx) => resolve([args, kwargs, ctx]));
    });
    await waitForSubscription(ours, 'com.interop.ab.topic');
    await theirs.publish('com.interop.ab.topic', ['hi'], { n: 1 }, { acknowledge: true });
    const [args, kwargs, ctx] = await got;
    expect([args, kwargs, ctx.topic]).toEqual([['hi'], { n: 1 }, 'com.interop.ab.topic']);
  });

  it('lets autobahn receive our events', async () => {
    const got = new Promise<unknown[]>((resolve) => {
      void theirs.subscribe('com.interop.ours.topic', (args) => resolve(args));
    });
    await waitForSubscription(ours, 'com.interop.ours.topic');
    await ours.publish('com.interop.ours.topic', ['from us'], {}, { acknowledge: true });
    expect(await got).toEqual(['from us']);
  });
});
