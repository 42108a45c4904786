/**
 * Errors are mapped to their classes once: a generated client hands on the session's own error
 * (cause and stack included) unless the URI has a registered class the session did not apply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ContractClient, type ServiceContract, z } from '../../../runtime/contracts/index.js';
import { ErrorUri, isWampError } from '../../../runtime/index.js';
import type { CallOptions, SessionApi } from '../../../runtime/session/types.js';
import { createInMemoryPair, type InMemoryPair } from '../../../runtime/testing/index.js';

const SlowContract = {
  name: 'Slow',
  prefix: 'com.example.slow',
  procedures: [
    {
      name: 'wait',
      uri: 'com.example.slow.wait',
      params: 0,
      kwargs: false,
      args: z.tuple([]),
      result: z.string(),
      codec: false,
    },
  ],
} as const satisfies ServiceContract;

class SlowClient extends ContractClient<{ wait(options?: CallOptions): Promise<string> }> {
  constructor(session: SessionApi) {
    super(session, SlowContract);
  }
}

let pair: InMemoryPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('errors through a generated client', () => {
  it('keeps the abort reason as cause when a call is aborted, as session.call does', async () => {
    pair = await createInMemoryPair();
    // A callee that answers only when interrupted.
    await pair.callee.register('com.example.slow.wait', (_a, _k, ctx) => new Promise(() => ctx.signal));
    const controller = new AbortController();
    const reason = new Error('user pressed stop');
    const call = new SlowClient(pair.caller).rpc.wait({ signal: controller.signal });
    controller.abort(reason);
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isWampError(error)).toBe(true);
    expect((error as { uri: string }).uri).toBe(ErrorUri.CANCELED);
    expect((error as Error).cause).toBe(reason);
  });

  it('hands on an unmapped application error unchanged', async () => {
    pair = await createInMemoryPair();
    await pair.callee.register('com.example.slow.wait', () => {
      throw new Error('boom');
    });
    const error = await new SlowClient(pair.caller).rpc.wait().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { uri: string }).uri).toBe(ErrorUri.RUNTIME_ERROR);
    expect((error as Error).message).toContain('boom');
  });
});
