/**
 * The reserved `wamp.` namespace over real sockets with the default config: no client
 * registration pattern may match a `wamp.` procedure (so none can answer another session's call
 * to a meta procedure the router does not serve), while exact and pattern subscriptions to meta
 * topics keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';
import { RawWamp, ticketLogin } from '../../../helpers/raw-wamp.js';

const ERROR = 8;
const PUBLISH = 16;
const PUBLISHED = 17;
const SUBSCRIBE = 32;
const SUBSCRIBED = 33;
const CALL = 48;
const REGISTER = 64;
const REGISTERED = 65;

let router: RunningRouter;
let claimer: RawWamp;
let victim: RawWamp;

beforeAll(async () => {
  // The victim is an authenticated admin, whom the default config lets use the whole meta API.
  router = await serve({
    transports: [{ type: 'websocket', port: 0 }],
    auth: { users: { admin: { role: 'admin', ticket: 'admin-ticket' } } },
  });
  claimer = await RawWamp.joined(router.url);
  const login = await ticketLogin(router.url, 'admin', 'admin-ticket');
  expect(login.reply[0]).toBe(2);
  victim = login.peer;
});

afterAll(async () => {
  claimer.close();
  victim.close();
  await router.close();
});

function register(procedure: string, match?: string): Promise<unknown[]> {
  return claimer.request((id) => [REGISTER, id, match === undefined ? {} : { match }, procedure], REGISTERED);
}

describe('registrations that could match wamp.* are refused', () => {
  it.each([
    ['wamp', 'prefix'],
    ['', 'prefix'],
    ['wa', 'prefix'],
    ['wamp.registration.', 'prefix'],
    ['.registration.remove_callee', 'wildcard'],
    ['wamp..remove_subscriber', 'wildcard'],
    ['wamp.session.kill_all', undefined],
  ])('REGISTER %j (match %s) gets ERROR wamp.error.not_authorized', async (uri, match) => {
    const reply = await register(uri, match);
    expect(reply[0]).toBe(ERROR);
    expect(reply[4]).toBe('wamp.error.not_authorized');
  });

  it('leaves wamp.registration.remove_callee unserved: the victim gets no_such_procedure', async () => {
    const reply = await victim.request((id) => [CALL, id, {}, 'wamp.registration.remove_callee', [1, 2]], 50);
    expect(reply[0]).toBe(ERROR);
    expect(reply[4]).toBe('wamp.error.no_such_procedure');
    expect(claimer.received.filter((m) => m[0] === 68)).toEqual([]);
  });

  it('still registers application patterns that cannot match wamp.', async () => {
    expect((await register('com.example.', 'prefix'))[0]).toBe(REGISTERED);
    expect((await register('com..status', 'wildcard'))[0]).toBe(REGISTERED);
  });

  it('refuses PUBLISH to a wamp. topic', async () => {
    const reply = await claimer.request(
      (id) => [PUBLISH, id, { acknowledge: true }, 'wamp.session.on_leave', []],
      PUBLISHED,
    );
    expect(reply[4]).toBe('wamp.error.not_authorized');
  });
});

describe('meta subscriptions keep working', () => {
  it('allows exact and pattern subscriptions to meta topics a client may subscribe to exactly', async () => {
    const exact = await victim.request((id) => [SUBSCRIBE, id, {}, 'wamp.session.on_leave'], SUBSCRIBED);
    expect(exact[0]).toBe(SUBSCRIBED);
    const prefix = await victim.request(
      (id) => [SUBSCRIBE, id, { match: 'prefix' }, 'wamp.registration.'],
      SUBSCRIBED,
    );
    expect(prefix[0]).toBe(SUBSCRIBED);
  });
});
