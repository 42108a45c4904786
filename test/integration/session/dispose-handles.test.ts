/**
 * `await using` on what the session and a generated callee hand out: a subscription, a
 * registration and a registered callee are released when their scope ends.
 */
import { describe, expect, it } from 'vitest';
import { ContractCallee, type ServiceContract, z } from '../../../runtime/contracts/index.js';
import { ErrorUri, isWampError } from '../../../runtime/index.js';
import { createInMemoryPair } from '../../../runtime/testing/index.js';

const PingContract = {
  name: 'Ping',
  prefix: 'com.example.ping',
  procedures: [
    { name: 'ping', uri: 'com.example.ping.ping', params: 0, kwargs: false, args: z.tuple([]), codec: false },
  ],
} as const satisfies ServiceContract;

class Ping extends ContractCallee {
  constructor() {
    super(PingContract);
  }
  ping(): void {}
}

/** The error URI a call fails with, or undefined when it succeeds. */
async function callError(call: Promise<unknown>): Promise<string | undefined> {
  return call.then(
    () => undefined,
    (e: unknown) => (isWampError(e) ? e.uri : String(e)),
  );
}

describe('await using', () => {
  it('unregisters a registration at the end of its scope', async () => {
    const { caller, callee, close } = await createInMemoryPair();
    {
      await using _registration = await callee.register('com.example.add', () => 3);
      expect((await caller.call('com.example.add')).args).toEqual([3]);
    }
    expect(await callError(caller.call('com.example.add'))).toBe(ErrorUri.NO_SUCH_PROCEDURE);
    await close();
  });

  it('unsubscribes a subscription at the end of its scope', async () => {
    const { caller, callee, close } = await createInMemoryPair();
    const seen: unknown[] = [];
    {
      // A handler may return anything (here the new length): its value is ignored.
      await using _subscription = await callee.subscribe('com.example.news', (args) => seen.push(args[0]));
      await caller.publish('com.example.news', ['a'], undefined, { acknowledge: true, excludeMe: false });
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 2));
    }
    await caller.publish('com.example.news', ['b'], undefined, { acknowledge: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['a']);
    await close();
  });

  it('unregisters every procedure of a generated callee at the end of its scope', async () => {
    const { caller, callee, close } = await createInMemoryPair();
    {
      await using ping = new Ping();
      await ping.register(callee);
      expect(await callError(caller.call('com.example.ping.ping'))).toBeUndefined();
    }
    expect(await callError(caller.call('com.example.ping.ping'))).toBe(ErrorUri.NO_SUCH_PROCEDURE);
    await close();
  });
});
