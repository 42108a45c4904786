import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function setup(): Promise<{ caller: FakePeer; callee: FakePeer }> {
  const router = createRouter();
  return { callee: await new FakePeer(router).join(), caller: await new FakePeer(router).join() };
}

describe('dealer: pattern-based registration (D.7)', () => {
  it('matches a prefix registration as a plain string prefix', async () => {
    const { caller, callee } = await setup();
    const reg = callee.register('com.example.a', { match: 'prefix' });
    caller.call('com.example.abc-d');
    const inv = callee.last();
    expect(inv?.[2]).toBe(reg);
    expect(inv?.[3]).toEqual({ procedure: 'com.example.abc-d' });
  });

  it('matches a wildcard registration component by component', async () => {
    const { caller, callee } = await setup();
    const reg = callee.register('com..get', { match: 'wildcard' });
    caller.call('com.users.get');
    expect(callee.last()?.slice(2, 4)).toEqual([reg, { procedure: 'com.users.get' }]);
  });

  it('does not match a wildcard with a different component count', async () => {
    const { caller, callee } = await setup();
    callee.register('com..get', { match: 'wildcard' });
    caller.call('com.users.all.get');
    expect(caller.last()?.[4]).toBe('wamp.error.no_such_procedure');
  });

  it('prefers an exact registration over prefix and wildcard ones', async () => {
    const { caller, callee } = await setup();
    callee.register('a.b', { match: 'prefix' });
    callee.register('a..c', { match: 'wildcard' });
    const exact = callee.register('a.b.c');
    caller.call('a.b.c');
    expect(callee.last()?.slice(2, 4)).toEqual([exact, {}]);
  });

  it('prefers the longest prefix', async () => {
    const { caller, callee } = await setup();
    callee.register('a', { match: 'prefix' });
    const longer = callee.register('a.b.c', { match: 'prefix' });
    callee.register('a.b', { match: 'prefix' });
    caller.call('a.b.c.d');
    expect(callee.last()?.[2]).toBe(longer);
  });

  it('prefers a prefix match over a wildcard match', async () => {
    const { caller, callee } = await setup();
    callee.register('a.b..d', { match: 'wildcard' });
    const prefix = callee.register('a', { match: 'prefix' });
    caller.call('a.b.c.d');
    expect(callee.last()?.[2]).toBe(prefix);
  });

  it('prefers the wildcard with the longer literal run before its first wildcard', async () => {
    const { caller, callee } = await setup();
    callee.register('a...d', { match: 'wildcard' });
    const better = callee.register('a.b..d', { match: 'wildcard' });
    caller.call('a.b.c.d');
    expect(callee.last()?.[2]).toBe(better);
  });

  it('compares the runs before the second wildcard when the first ties', async () => {
    const { caller, callee } = await setup();
    callee.register('a..c.', { match: 'wildcard' });
    const better = callee.register('a..c.d', { match: 'wildcard' });
    caller.call('a.b.c.d');
    expect(callee.last()?.[2]).toBe(better);
  });

  it('keeps exact and prefix registrations of the same URI apart', async () => {
    const { callee } = await setup();
    const exact = callee.register('a.b');
    const prefix = callee.register('a.b', { match: 'prefix' });
    expect(exact).not.toBe(prefix);
  });

  it('omits Details.procedure for exact registrations', async () => {
    const { caller, callee } = await setup();
    callee.register('a.b');
    caller.call('a.b');
    expect(callee.last()?.[3]).toEqual({});
  });
});
