import { describe, expect, it, vi } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { connect } from '../../../runtime/session/connect.js';
import type { CallResult } from '../../../runtime/session/types.js';
import { createScriptedRouter, type ScriptedRouter, settle } from '../../helpers/scripted-router.js';

async function joined(router: ScriptedRouter = createScriptedRouter()) {
  const session = await connect({ realm: 'realm1', transport: router.factory });
  return { router, session };
}

describe('call options on the wire', () => {
  it('sends positional args only when there are no kwargs', async () => {
    const { router, session } = await joined();
    void session.call('c.d', [1, 2]);
    expect(await router.waitFor((m) => m[0] === 48)).toEqual([48, 1, {}, 'c.d', [1, 2]]);
  });

  it('sends [] before kwargs and omits an empty payload', async () => {
    const { router, session } = await joined();
    void session.call('c.d', undefined, { a: 1 });
    void session.call('c.e', [], {});
    await settle();
    expect(router.traffic()).toEqual([
      [48, 1, {}, 'c.d', [], { a: 1 }],
      [48, 2, {}, 'c.e'],
    ]);
  });

  it('sends timeout, receive_progress and disclose_me as CALL.Options', async () => {
    const { router, session } = await joined();
    void session.call('c.d', [], {}, { timeout: 500, onProgress: () => undefined, discloseMe: true });
    const call = await router.waitFor((m) => m[0] === 48);
    expect(call[2]).toEqual({ timeout: 500, receive_progress: true, disclose_me: true });
  });
});

describe('timeout', () => {
  it('rejects with wamp.error.timeout when no result comes in time', async () => {
    const { session } = await joined();
    await expect(session.call('c.d', [], {}, { timeout: 10 })).rejects.toMatchObject({
      uri: ErrorUri.TIMEOUT,
    });
  });

  it('sends CANCEL killnowait when the local timeout fires and the dealer can cancel', async () => {
    const { router, session } = await joined();
    await session.call('c.d', [], {}, { timeout: 10 }).catch(() => undefined);
    expect(router.sent.find((m) => m[0] === 49)).toEqual([49, 1, { mode: 'killnowait' }]);
  });

  it('restarts the local timeout at each progressive result (D.1)', async () => {
    const { router, session } = await joined();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const call = session.call('c.d', [], {}, { timeout: 60, onProgress: () => undefined });
      for (let i = 0; i < 3; i++) {
        await vi.advanceTimersByTimeAsync(40);
        router.deliver([50, 1, { progress: true }, [i]]);
      }
      await vi.advanceTimersByTimeAsync(40);
      router.deliver([50, 1, {}, ['done']]);
      expect((await call).args).toEqual(['done']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a RESULT that arrives after the local timeout', async () => {
    const { router, session } = await joined();
    await session.call('c.d', [], {}, { timeout: 5 }).catch(() => undefined);
    router.deliver([50, 1, {}, [1]]);
    router.deliver([8, 48, 1, {}, ErrorUri.CANCELED]);
    await settle();
    expect(session.stats.lateResults).toBe(2);
    expect(session.isJoined).toBe(true);
  });
});

describe('cancel through an AbortSignal', () => {
  it('rejects at once with wamp.error.canceled and sends CANCEL with the chosen mode', async () => {
    const { router, session } = await joined();
    const controller = new AbortController();
    const call = session.call('c.d', [], {}, { signal: controller.signal, cancelMode: 'skip' });
    controller.abort();
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    expect(router.sent.find((m) => m[0] === 49)).toEqual([49, 1, { mode: 'skip' }]);
  });

  it('settles exactly once when the router also answers the CANCEL with ERROR', async () => {
    const { router, session } = await joined();
    const controller = new AbortController();
    const call = session.call('c.d', [], {}, { signal: controller.signal });
    controller.abort();
    router.deliver([8, 48, 1, {}, ErrorUri.CANCELED]);
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    await settle();
    expect(session.isJoined).toBe(true);
  });

  it('waits for the router answer in kill mode', async () => {
    const { router, session } = await joined();
    const controller = new AbortController();
    const call = session.call('c.d', [], {}, { signal: controller.signal, cancelMode: 'kill' });
    controller.abort();
    await router.waitFor((m) => m[0] === 49);
    router.deliver([50, 1, {}, ['finished anyway']]);
    expect((await call).args).toEqual(['finished anyway']);
  });

  it('sends no CANCEL when the dealer did not announce call_canceling, and still rejects', async () => {
    const { router, session } = await joined(createScriptedRouter({ roles: { dealer: {}, broker: {} } }));
    const controller = new AbortController();
    const call = session.call('c.d', [], {}, { signal: controller.signal, cancelMode: 'kill' });
    controller.abort();
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    expect(router.sent.some((m) => m[0] === 49)).toBe(false);
  });

  it('does not send the CALL when the signal is already aborted', async () => {
    const { router, session } = await joined();
    await expect(session.call('c.d', [], {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      uri: ErrorUri.CANCELED,
    });
    expect(router.traffic()).toEqual([]);
  });
});

describe('progressive call invocations (streamed input)', () => {
  it('sends every chunk with the same request id, the last one without progress', async () => {
    const { router, session } = await joined();
    void session.call('c.d', ['a'], undefined, {
      input: [{ args: ['b'] }, { args: ['c'], kwargs: { end: true } }],
    });
    await router.waitFor((m) => m[0] === 48 && (m[2] as { progress?: boolean }).progress === undefined);
    expect(router.traffic()).toEqual([
      [48, 1, { progress: true }, 'c.d', ['a']],
      [48, 1, { progress: true }, 'c.d', ['b']],
      [48, 1, {}, 'c.d', ['c'], { end: true }],
    ]);
  });

  it('closes the input with an empty final chunk when the input is empty', async () => {
    const { router, session } = await joined();
    void session.call('c.d', ['only'], undefined, { input: [] });
    await router.waitFor((m) => m[0] === 48 && (m[2] as { progress?: boolean }).progress === undefined);
    expect(router.traffic()).toEqual([
      [48, 1, { progress: true }, 'c.d', ['only']],
      [48, 1, {}, 'c.d'],
    ]);
  });

  it("sends each chunk as soon as it is produced with inputEnd 'empty', then an empty final CALL", async () => {
    const { router, session } = await joined();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* input() {
      yield { args: ['b'] };
      await gate;
      yield { args: ['c'] };
    }
    void session.call('c.d', ['a'], undefined, { input: input(), inputEnd: 'empty' });
    // 'b' goes out while the iterator still waits for its next chunk.
    await router.waitFor((m) => m[0] === 48 && (m[4] as unknown[] | undefined)?.[0] === 'b');
    release();
    await router.waitFor((m) => m[0] === 48 && (m[2] as { progress?: boolean }).progress === undefined);
    expect(router.traffic()).toEqual([
      [48, 1, { progress: true }, 'c.d', ['a']],
      [48, 1, { progress: true }, 'c.d', ['b']],
      [48, 1, { progress: true }, 'c.d', ['c']],
      [48, 1, {}, 'c.d'],
    ]);
  });

  it('rejects with feature_not_supported when the dealer did not announce the feature', async () => {
    const { router, session } = await joined(createScriptedRouter({ roles: { dealer: {}, broker: {} } }));
    await expect(session.call('c.d', [], {}, { input: [] })).rejects.toMatchObject({
      uri: ErrorUri.FEATURE_NOT_SUPPORTED,
    });
    expect(router.traffic()).toEqual([]);
  });

  it('cancels the call when the input iterator fails', async () => {
    const { router, session } = await joined();
    async function* failing() {
      yield { args: [1] };
      throw new Error('source broke');
    }
    const call = session.call('c.d', [], {}, { input: failing() });
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    expect(router.sent.find((m) => m[0] === 49)).toEqual([49, 1, { mode: 'killnowait' }]);
  });
});

describe('progressive results', () => {
  it('passes each progressive RESULT to onProgress, then resolves with the final one', async () => {
    const { router, session } = await joined();
    const chunks: unknown[] = [];
    const call = session.call('c.d', [], {}, { onProgress: (p) => chunks.push(p.args[0]) });
    router.deliver([50, 1, { progress: true }, [1]]);
    router.deliver([50, 1, { progress: true }, [2]]);
    router.deliver([50, 1, {}, [3]]);
    expect((await call).args).toEqual([3]);
    expect(chunks).toEqual([1, 2]);
  });

  it('iterates progressive results with callProgressive and exposes the final result', async () => {
    const { router, session } = await joined();
    const call = session.callProgressive('c.d');
    router.deliver([50, 1, { progress: true }, ['a']]);
    router.deliver([50, 1, {}, ['done']]);
    const seen: CallResult[] = [];
    for await (const chunk of call) seen.push(chunk);
    expect(seen.map((c) => c.args[0])).toEqual(['a']);
    expect((await call.result).args).toEqual(['done']);
  });

  it('makes the iterator throw when the call fails', async () => {
    const { router, session } = await joined();
    const call = session.callProgressive('c.d');
    router.deliver([8, 48, 1, {}, 'com.example.failed']);
    const iterate = async () => {
      for await (const _ of call) {
        // drain
      }
    };
    await expect(iterate()).rejects.toMatchObject({ uri: 'com.example.failed' });
  });
});
