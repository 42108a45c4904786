import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import { connectInMemory, createInMemoryPair } from '../../../runtime/testing/in-memory-pair.js';
import { startTestRouter } from '../../../runtime/testing/start-test-router.js';
import { waitForRegistration } from '../../../runtime/testing/wait-for.js';

describe('testing helpers', () => {
  it('creates a joined in-memory caller/callee pair on a fresh router', async () => {
    const pair = await createInMemoryPair();
    await pair.callee.register('com.test.pair.ping', () => 'pong');
    expect((await pair.caller.call('com.test.pair.ping')).args).toEqual(['pong']);
    await pair.close();
    expect(pair.caller.state).toBe('closed');
  });

  it('never lets in-memory peers share objects', async () => {
    const router = createRouter();
    const [a, b] = await Promise.all([connectInMemory(router), connectInMemory(router)]);
    await b.register('com.test.pair.mutate', (args) => {
      (args[0] as { touched?: boolean }).touched = true;
      return args[0];
    });
    const sent = { touched: false };
    const { args } = await a.call('com.test.pair.mutate', [sent]);
    expect(sent.touched).toBe(false);
    expect(args[0]).toEqual({ touched: true });
    await Promise.all([a.leave(), b.leave()]);
    await router.close();
  });

  it('rejects waitForRegistration with wamp.error.timeout when nothing registers', async () => {
    const pair = await createInMemoryPair();
    await expect(
      waitForRegistration(pair.caller, 'com.test.pair.never', { timeout: 30 }),
    ).rejects.toMatchObject({
      uri: 'wamp.error.timeout',
    });
    await pair.close();
  });

  it('keeps RawSocket sessions alive with pings answered by the router', async () => {
    const testRouter = await startTestRouter({ rawSocket: true });
    const session = await testRouter.connect({
      url: testRouter.rawSocketUrl as string,
      ping: { interval: 10, timeout: 50 },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(session.isJoined).toBe(true);
    await session.leave();
    await testRouter.close();
  });
});
