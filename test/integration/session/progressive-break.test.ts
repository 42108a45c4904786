/**
 * Leaving `for await` over a progressive call early (break, return, throw) cancels the call: the
 * router gets CANCEL, the callee's signal aborts and it stops producing. Over a real WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractClient, type ServiceContract, z } from '../../../runtime/contracts/index.js';
import { ErrorUri, isWampError } from '../../../runtime/index.js';
import type { Session } from '../../../runtime/session/session.js';
import type { InvocationContext, SessionApi } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { sleep, until } from '../../helpers/timing.js';

let router: TestRouter;
let callee: Session;
let caller: Session;
/** Per call (by its first argument): chunks sent and whether the callee saw the abort. */
const streams = new Map<string, { sent: number; aborted: boolean }>();

beforeAll(async () => {
  router = await startTestRouter();
  callee = await router.connect();
  caller = await router.connect();
  await callee.register('com.example.stream.count', async ([id]: unknown[], _kw, ctx: InvocationContext) => {
    const state = { sent: 0, aborted: false };
    streams.set(String(id), state);
    ctx.signal.addEventListener('abort', () => {
      state.aborted = true;
    });
    for (let i = 1; i <= 50 && !ctx.signal.aborted; i++) {
      ctx.progress([i]);
      state.sent = i;
      await sleep(10);
    }
    return 'done';
  });
});

afterAll(async () => {
  await caller.leave();
  await callee.leave();
  await router.close();
});

/** Waits until the callee of call `id` saw the abort, then checks it stopped well before 50. */
async function expectCanceled(id: string): Promise<void> {
  await until(() => streams.get(id)?.aborted === true);
  const sent = streams.get(id)?.sent ?? 0;
  await sleep(50);
  expect(streams.get(id)?.sent).toBe(sent);
  expect(sent).toBeLessThan(50);
}

describe('leaving a progressive call early', () => {
  it('cancels it on break', async () => {
    const call = caller.callProgressive('com.example.stream.count', ['break']);
    const seen: unknown[] = [];
    for await (const chunk of call) {
      seen.push(chunk.args[0]);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    await expectCanceled('break');
    const error = await call.result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isWampError(error) && error.uri).toBe(ErrorUri.CANCELED);
  });

  it('cancels it when the loop body throws', async () => {
    const call = caller.callProgressive('com.example.stream.count', ['throw']);
    await expect(
      (async () => {
        for await (const chunk of call) if (chunk.args[0] === 3) throw new Error('stop here');
      })(),
    ).rejects.toThrow('stop here');
    await expectCanceled('throw');
  });

  it('does not cancel a call that was read to the end', async () => {
    const call = caller.callProgressive('com.example.stream.count', ['all']);
    let count = 0;
    for await (const _ of call) count++;
    expect(count).toBe(50);
    await expect(call.result).resolves.toMatchObject({ args: ['done'] });
    expect(streams.get('all')?.aborted).toBe(false);
  });

  it('cancels a call made through a generated client on break', async () => {
    const contract = {
      name: 'Stream',
      prefix: 'com.example.stream',
      procedures: [
        {
          name: 'count',
          uri: 'com.example.stream.count',
          params: 1,
          kwargs: false,
          args: z.tuple([z.string()]),
          result: z.string(),
          progress: z.number(),
          codec: false,
        },
      ],
    } as const satisfies ServiceContract;
    type Rpc = { count(id: string): AsyncIterable<number> & { result: Promise<string> } };
    class StreamClient extends ContractClient<Rpc> {
      constructor(session: SessionApi) {
        super(session, contract);
      }
    }
    const seen: number[] = [];
    for await (const n of new StreamClient(caller).rpc.count('typed')) {
      seen.push(n);
      if (n === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    await expectCanceled('typed');
  });
});
