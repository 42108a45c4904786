/**
 * Authorization sees the match policy (real sockets): an exact grant never admits a prefix or
 * wildcard SUBSCRIBE/REGISTER on the same string, and a pattern request is granted only by a rule
 * that covers every URI it can match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';
import { RawWamp } from '../../../helpers/raw-wamp.js';

const ERROR = 8;
const SUBSCRIBE = 32;
const SUBSCRIBED = 33;
const REGISTER = 64;
const REGISTERED = 65;

let router: RunningRouter;
let client: RawWamp;

beforeAll(async () => {
  router = await serve({
    transports: [{ type: 'websocket', port: 0 }],
    authorization: {
      roles: {
        anonymous: [
          { uri: 'com.example.news', allow: ['subscribe', 'register', 'publish'] },
          { uri: 'com.example.open.', match: 'prefix', allow: ['subscribe', 'register'] },
          { uri: 'com.example..status', match: 'wildcard', allow: ['subscribe'] },
        ],
      },
    },
  });
  client = await RawWamp.joined(router.url);
});

afterAll(async () => {
  client.close();
  await router.close();
});

function subscribe(topic: string, match?: string): Promise<unknown[]> {
  return client.request((id) => [SUBSCRIBE, id, match === undefined ? {} : { match }, topic], SUBSCRIBED);
}

function register(procedure: string, match?: string): Promise<unknown[]> {
  return client.request((id) => [REGISTER, id, match === undefined ? {} : { match }, procedure], REGISTERED);
}

describe('an exact grant does not admit a pattern request on the same string', () => {
  it('refuses a prefix SUBSCRIBE that would receive com.example.news.internal.payroll', async () => {
    const reply = await subscribe('com.example.news', 'prefix');
    expect(reply[0]).toBe(ERROR);
    expect(reply[4]).toBe('wamp.error.not_authorized');
  });

  it('refuses a prefix REGISTER on an exactly granted procedure', async () => {
    const reply = await register('com.example.news', 'prefix');
    expect(reply[0]).toBe(ERROR);
    expect(reply[4]).toBe('wamp.error.not_authorized');
  });

  it('still grants the exact SUBSCRIBE and REGISTER', async () => {
    expect((await subscribe('com.example.news'))[0]).toBe(SUBSCRIBED);
    expect((await register('com.example.news'))[0]).toBe(REGISTERED);
  });
});

describe('a pattern request needs a rule covering all its matches', () => {
  it('grants a prefix request inside a prefix rule, refuses one wider than it', async () => {
    expect((await subscribe('com.example.open.feed', 'prefix'))[0]).toBe(SUBSCRIBED);
    expect((await register('com.example.open.rpc.', 'prefix'))[0]).toBe(REGISTERED);
    const wider = await subscribe('com.example.', 'prefix');
    expect(wider[4]).toBe('wamp.error.not_authorized');
  });

  it('grants a wildcard request inside a prefix rule or an equal-or-wider wildcard rule', async () => {
    expect((await subscribe('com.example.open..x', 'wildcard'))[0]).toBe(SUBSCRIBED);
    expect((await subscribe('com.example.pump.status', 'wildcard'))[0]).toBe(SUBSCRIBED);
    expect((await subscribe('com.example..status', 'wildcard'))[0]).toBe(SUBSCRIBED);
  });

  it('refuses a wildcard request that can match outside every rule', async () => {
    const reply = await subscribe('com...status', 'wildcard');
    expect(reply[4]).toBe('wamp.error.not_authorized');
    const onNews = await subscribe('com.example.', 'wildcard');
    expect(onNews[4]).toBe('wamp.error.not_authorized');
  });
});
