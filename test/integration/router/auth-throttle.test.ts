/**
 * Brute-force throttling of failed logins (real sockets): per authid and per remote address,
 * ABORT `wamp.error.authentication_failed` saying so; bounded memory (unit part, injected clock).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLoginThrottle, remoteAddress } from '../../../runtime/router/auth/login-throttle.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { ticketLogin } from '../../helpers/raw-wamp.js';

let router: RunningRouter | undefined;

afterEach(async () => {
  await router?.close();
  router = undefined;
});

async function start(throttle: Record<string, number>): Promise<RunningRouter> {
  router = await serve({
    transports: [{ type: 'websocket', port: 0 }],
    auth: {
      users: {
        joe: { role: 'user', ticket: 'joes-ticket' },
        ann: { role: 'user', ticket: 'anns-ticket' },
      },
      throttle,
    },
  });
  return router;
}

async function login(url: string, authid: string, ticket: string): Promise<unknown[]> {
  const { peer, reply } = await ticketLogin(url, authid, ticket);
  peer.close();
  return reply;
}

describe('login throttling over real sockets', () => {
  it('refuses an authid after too many failures, even with the right ticket; other authids go on', async () => {
    const { url } = await start({ maxFailuresPerAuthid: 3, maxFailuresPerAddress: 0 });
    for (let i = 0; i < 3; i++)
      expect((await login(url, 'joe', 'guess'))[2]).toBe('wamp.error.authentication_denied');
    const throttled = await login(url, 'joe', 'joes-ticket');
    expect(throttled[0]).toBe(3);
    expect(throttled[2]).toBe('wamp.error.authentication_failed');
    expect((throttled[1] as { message: string }).message).toMatch(
      /too many failed logins \(throttled\); try again in \d+ s/,
    );
    expect((await login(url, 'ann', 'anns-ticket'))[0]).toBe(2);
  });

  it('refuses a remote address after too many failures across authids', async () => {
    const { url } = await start({ maxFailuresPerAuthid: 0, maxFailuresPerAddress: 2 });
    expect((await login(url, 'nobody', 'x'))[2]).toBe('wamp.error.no_such_principal');
    expect((await login(url, 'ann', 'x'))[2]).toBe('wamp.error.authentication_denied');
    const throttled = await login(url, 'joe', 'joes-ticket');
    expect(throttled[2]).toBe('wamp.error.authentication_failed');
    expect((throttled[1] as { message: string }).message).toContain('throttled');
  });

  it('a success clears the authid count', async () => {
    const { url } = await start({ maxFailuresPerAuthid: 2, maxFailuresPerAddress: 0 });
    expect((await login(url, 'joe', 'guess'))[2]).toBe('wamp.error.authentication_denied');
    expect((await login(url, 'joe', 'joes-ticket'))[0]).toBe(2);
    expect((await login(url, 'joe', 'guess'))[2]).toBe('wamp.error.authentication_denied');
    expect((await login(url, 'joe', 'joes-ticket'))[0]).toBe(2);
  });
});

describe('createLoginThrottle', () => {
  const settings = { maxFailuresPerAuthid: 2, maxFailuresPerAddress: 3, windowMs: 1000, maxTrackedKeys: 100 };

  it('tracks at most maxTrackedKeys keys however many authids fail', () => {
    const t = 0;
    const throttle = createLoginThrottle(settings, () => t);
    for (let i = 0; i < 10_000; i++) throttle.failed(`user-${i}`, undefined);
    expect(throttle.size).toBeLessThanOrEqual(100);
  });

  it('forgets a key once its window has passed', () => {
    let t = 0;
    const throttle = createLoginThrottle(settings, () => t);
    throttle.failed('joe', '10.0.0.1');
    throttle.failed('joe', '10.0.0.1');
    expect(throttle.blockedFor('joe', undefined)).toBe(1000);
    expect(throttle.blockedFor(undefined, '10.0.0.1')).toBe(0);
    t = 600;
    expect(throttle.blockedFor('joe', undefined)).toBe(400);
    t = 1000;
    expect(throttle.blockedFor('joe', '10.0.0.1')).toBe(0);
    throttle.failed('other', undefined);
    expect(throttle.size).toBe(1);
  });

  it('reads the address out of transport details', () => {
    expect(remoteAddress({ peer: '127.0.0.1:5000' })).toBe('127.0.0.1');
    expect(remoteAddress({ peer: '[::1]:5000' })).toBe('::1');
    expect(remoteAddress({ peer: 'unknown' })).toBeUndefined();
    expect(remoteAddress({})).toBeUndefined();
  });
});
