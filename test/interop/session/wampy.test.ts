/**
 * Cross-peer interop with wampy.js 8 through the embedded router (JSON over WebSocket):
 * our caller with their callee, their caller with our callee, their publisher with our
 * subscriber, and errors in both directions.
 */
import { Wampy } from 'wampy';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import type { Session } from '../../../runtime/session/session.js';
import type { EventContext } from '../../../runtime/session/types.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { waitForRegistration, waitForSubscription } from '../../../runtime/testing/wait-for.js';

let testRouter: TestRouter;
let ours: Session;
let theirs: Wampy;

beforeAll(async () => {
  testRouter = await startTestRouter();
  ours = await testRouter.connect();
  theirs = new Wampy(testRouter.url, {
    realm: 'realm1',
    autoReconnect: false,
    ws: WebSocket as unknown as ConstructorParameters<typeof Wampy>[1]['ws'],
  } as ConstructorParameters<typeof Wampy>[1]);
  await theirs.connect();
});

afterAll(async () => {
  await theirs.disconnect();
  await ours.leave();
  await testRouter.close();
});

describe('our caller, wampy callee', () => {
  it('gets argsList as Arguments', async () => {
    await theirs.register('com.interop.wampy.add', ({ argsList }) => ({
      argsList: [Number(argsList?.[0]) + Number(argsList?.[1])],
    }));
    await waitForRegistration(ours, 'com.interop.wampy.add');
    expect((await ours.call('com.interop.wampy.add', [2, 3])).args).toEqual([5]);
  });

  it('gets argsDict as ArgumentsKw', async () => {
    await theirs.register('com.interop.wampy.kw', ({ argsDict }) => ({ argsDict: { echo: argsDict?.x } }));
    await waitForRegistration(ours, 'com.interop.wampy.kw');
    expect((await ours.call('com.interop.wampy.kw', [], { x: 7 })).kwargs).toEqual({ echo: 7 });
  });

  it('gets the URI and payload of a wampy invocation error', async () => {
    await theirs.register('com.interop.wampy.fail', () => {
      throw { error: 'com.example.unknown_city', argsList: ['Atlantis'], argsDict: { city: 'Atlantis' } };
    });
    await waitForRegistration(ours, 'com.interop.wampy.fail');
    await expect(ours.call('com.interop.wampy.fail')).rejects.toMatchObject({
      uri: 'com.example.unknown_city',
      args: ['Atlantis'],
      kwargs: { city: 'Atlantis' },
    });
  });
});

describe('wampy caller, our callee', () => {
  it('receives our return value in argsList[0]', async () => {
    await ours.register('com.interop.ours.w.add', (args) => Number(args[0]) + Number(args[1]));
    const result = await theirs.call('com.interop.ours.w.add', [4, 5]);
    expect(result.argsList).toEqual([9]);
  });

  it('receives a WampResult as argsList and argsDict', async () => {
    await ours.register('com.interop.ours.w.pair', () => new WampResult([1, 2], { sum: 3 }));
    const result = await theirs.call('com.interop.ours.w.pair');
    expect([result.argsList, result.argsDict]).toEqual([[1, 2], { sum: 3 }]);
  });

  it('gets our WampError URI and payload', async () => {
    await ours.register('com.interop.ours.w.fail', () => {
      throw new WampError('com.example.bad_input', ['why'], { field: 'x' });
    });
    const error = (await theirs.call('com.interop.ours.w.fail').catch((e: unknown) => e)) as {
      errorUri: string;
      argsList: unknown[];
      argsDict: object;
    };
    expect([error.errorUri, error.argsList, error.argsDict]).toEqual([
      'com.example.bad_input',
      ['why'],
      { field: 'x' },
    ]);
  });

  it('gets wamp.error.runtime_error for a plain throw', async () => {
    await ours.register('com.interop.ours.w.throws', () => {
      throw new Error('plain failure');
    });
    const error = (await theirs.call('com.interop.ours.w.throws').catch((e: unknown) => e)) as {
      errorUri: string;
      argsList: unknown[];
    };
    expect([error.errorUri, error.argsList]).toEqual([ErrorUri.RUNTIME_ERROR, ['plain failure']]);
  });
});

describe('wampy publisher, our subscriber', () => {
  it('delivers args, kwargs and the topic', async () => {
    const got = new Promise<[unknown[], Record<string, unknown>, EventContext]>((resolve) => {
      void ours.subscribe('com.interop.wampy.topic', (args, kwargs, ctx) => resolve([args, kwargs, ctx]));
    });
    await waitForSubscription(ours, 'com.interop.wampy.topic');
    await theirs.publish(
      'com.interop.wampy.topic',
      { argsList: ['hi'], argsDict: { n: 1 } },
      { acknowledge: true },
    );
    const [args, kwargs, ctx] = await got;
    expect([args, kwargs, ctx.topic]).toEqual([['hi'], { n: 1 }, 'com.interop.wampy.topic']);
  });

  it('lets wampy receive our events', async () => {
    const got = new Promise<unknown[] | undefined>((resolve) => {
      void theirs.subscribe('com.interop.ours.w.topic', ({ argsList }) => resolve(argsList));
    });
    await waitForSubscription(ours, 'com.interop.ours.w.topic');
    await ours.publish('com.interop.ours.w.topic', ['from us'], {}, { acknowledge: true });
    expect(await got).toEqual(['from us']);
  });
});
