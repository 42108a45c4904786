/**
 * A caller that streams progressive call input faster than the callee's handler reads it must not
 * fill the callee's memory: past MAX_UNREAD_INPUT unread chunks the invocation fails with
 * `wamp.error.quota_exceeded` and the handler's signal aborts. A handler that reads keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import type { Session } from '../../../runtime/session/session.js';
import { MAX_UNREAD_INPUT } from '../../../runtime/session/invocation.js';
import type { CallInputChunk, InvocationContext } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { until } from '../../helpers/timing.js';

function* numbers(count: number): Generator<CallInputChunk> {
  for (let i = 0; i < count; i++) yield { args: [i] };
}

describe('progressive call input the handler does not read', () => {
  let router: TestRouter;
  let caller: Session;
  let callee: Session;

  beforeAll(async () => {
    router = await startTestRouter();
    [caller, callee] = await Promise.all([router.connect(), router.connect()]);
  });

  afterAll(async () => {
    await Promise.all([caller.leave(), callee.leave()]);
    await router.close();
  });

  it('fails the invocation with quota_exceeded once too many chunks wait, and aborts the handler', async () => {
    const reasons: unknown[] = [];
    await callee.register('com.test.overflow.ignore', (_args, _kwargs, ctx: InvocationContext) => {
      // Never reads ctx.input: waits for the session to give up on it.
      return new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          reasons.push(ctx.signal.reason);
          reject(ctx.signal.reason);
        });
      });
    });
    const outcome = await caller
      .call('com.test.overflow.ignore', [], undefined, {
        input: numbers(MAX_UNREAD_INPUT + 50),
        inputEnd: 'empty',
      })
      .catch((error: unknown) => error);
    expect(outcome).toMatchObject({ uri: ErrorUri.QUOTA_EXCEEDED });
    expect(String((outcome as Error).message)).toContain(
      `more than ${MAX_UNREAD_INPUT} chunks waiting unread`,
    );
    await until(() => reasons.length === 1);
    expect(reasons[0]).toMatchObject({ uri: ErrorUri.QUOTA_EXCEEDED });
    // The session goes on serving: a plain call still works.
    await callee.register('com.test.overflow.echo', (args) => args[0]);
    expect((await caller.call('com.test.overflow.echo', ['still here'])).args).toEqual(['still here']);
  });

  it('delivers every chunk to a handler that reads them, beyond the limit in total', async () => {
    await callee.register('com.test.overflow.sum', async (_args, _kwargs, ctx: InvocationContext) => {
      let sum = 0;
      let count = 0;
      for await (const chunk of ctx.input ?? []) {
        // The closing CALL (inputEnd: 'empty') arrives as a chunk without arguments.
        if (chunk.args.length === 0) continue;
        sum += Number(chunk.args[0]);
        count++;
      }
      return [count, sum];
    });
    const total = MAX_UNREAD_INPUT + 500;
    const result = await caller.call('com.test.overflow.sum', [], undefined, {
      input: (async function* () {
        // One chunk per macrotask at most in flight: the reader keeps up.
        for (const chunk of numbers(total)) {
          yield chunk;
          if ((chunk.args?.[0] as number) % 100 === 0) await new Promise((r) => setImmediate(r));
        }
      })(),
      inputEnd: 'empty',
    });
    expect(result.args).toEqual([[total, (total * (total - 1)) / 2]]);
  });
});
