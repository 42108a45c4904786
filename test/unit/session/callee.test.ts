import { describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import { connect } from '../../../runtime/session/connect.js';
import type { InvocationContext, InvocationHandler } from '../../../runtime/session/types.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { createScriptedRouter, settle } from '../../helpers/scripted-router.js';

async function registered(handler: InvocationHandler, extra: object = {}) {
  const router = createScriptedRouter();
  const session = await connect({ realm: 'realm1', transport: router.factory, ...extra });
  const registration = session.register('com.example.proc', handler);
  router.deliver([65, 1, 100]);
  await registration;
  return { router, session };
}

function invoke(router: ReturnType<typeof createScriptedRouter>, id: number, details = {}, args?: unknown[]) {
  router.deliver(args === undefined ? [68, id, 100, details] : [68, id, 100, details, args]);
  return router.waitFor((m) => (m[0] === 70 || m[0] === 8) && m[m[0] === 70 ? 1 : 2] === id);
}

describe('handler results become YIELD', () => {
  it('sends no payload for undefined', async () => {
    const { router } = await registered(() => undefined);
    expect(await invoke(router, 1)).toEqual([70, 1, {}]);
  });

  it('sends any other value as Arguments[0]', async () => {
    const { router } = await registered((args) => ({ sum: Number(args[0]) + Number(args[1]) }));
    expect(await invoke(router, 1, {}, [2, 3])).toEqual([70, 1, {}, [{ sum: 5 }]]);
  });

  it('sends args and kwargs of a WampResult', async () => {
    const { router } = await registered(() => new WampResult([1], { k: 2 }));
    expect(await invoke(router, 1)).toEqual([70, 1, {}, [1], { k: 2 }]);
  });

  it('awaits an async handler', async () => {
    const { router } = await registered(async () => 'later');
    expect(await invoke(router, 1)).toEqual([70, 1, {}, ['later']]);
  });
});

describe('handler errors become ERROR', () => {
  it('keeps the URI and payload of a thrown WampError', async () => {
    const { router } = await registered(() => {
      throw new WampError('com.example.unknown_city', ['Atlantis'], { city: 'Atlantis' });
    });
    expect(await invoke(router, 1)).toEqual([
      8,
      68,
      1,
      {},
      'com.example.unknown_city',
      ['Atlantis'],
      { city: 'Atlantis' },
    ]);
  });

  it('turns any other throw into wamp.error.runtime_error with the message, and keeps serving', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const { router, session } = await registered(
      () => {
        n++;
        if (n === 1) throw new Error('boom');
        return 'ok';
      },
      { onError: (e: unknown) => errors.push(e) },
    );
    expect(await invoke(router, 1)).toEqual([8, 68, 1, {}, ErrorUri.RUNTIME_ERROR, ['boom']]);
    expect(await invoke(router, 2)).toEqual([70, 2, {}, ['ok']]);
    expect(errors).toHaveLength(1);
    expect(session.stats.handlerErrors).toBe(1);
  });

  it('turns a rejected promise into wamp.error.runtime_error', async () => {
    const { router } = await registered(async () => {
      throw new TypeError('bad input');
    });
    expect(await invoke(router, 1)).toEqual([8, 68, 1, {}, ErrorUri.RUNTIME_ERROR, ['bad input']]);
  });
});

describe('invocation context', () => {
  it('carries caller identity and the concrete procedure', async () => {
    let seen: InvocationContext | undefined;
    const { router } = await registered((_a, _k, ctx) => {
      seen = ctx;
    });
    await invoke(router, 1, {
      caller: 7,
      caller_authid: 'alice',
      caller_authrole: 'user',
      procedure: 'com.example.proc.x',
    });
    expect([seen?.caller, seen?.callerAuthid, seen?.callerAuthrole, seen?.procedure]).toEqual([
      7,
      'alice',
      'user',
      'com.example.proc.x',
    ]);
  });

  it('sends progressive YIELDs only when the caller asked for progress', async () => {
    const { router } = await registered((_a, _k, ctx) => {
      ctx.progress([1]);
      return 2;
    });
    await invoke(router, 1, { receive_progress: true });
    await invoke(router, 2, {});
    expect(router.traffic().filter((m) => m[0] === 70)).toEqual([
      [70, 1, { progress: true }, [1]],
      [70, 1, {}, [2]],
      [70, 2, {}, [2]],
    ]);
  });

  it('fires the signal on INTERRUPT and answers wamp.error.canceled', async () => {
    let aborted = false;
    const { router } = await registered(
      (_a, _k, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve('too late');
          });
        }),
    );
    router.deliver([68, 1, 100, {}]);
    await settle();
    router.deliver([69, 1, { mode: 'kill' }]);
    const answer = await router.waitFor((m) => m[0] === 8);
    expect(answer).toEqual([8, 68, 1, {}, ErrorUri.CANCELED]);
    await settle();
    expect(aborted).toBe(true);
    expect(router.traffic().some((m) => m[0] === 70)).toBe(false);
  });

  it('sends nothing after an INTERRUPT in killnowait mode', async () => {
    const { router, session } = await registered(() => new Promise(() => undefined));
    router.deliver([68, 1, 100, {}]);
    await settle();
    router.deliver([69, 1, { mode: 'killnowait' }]);
    await settle();
    expect(router.traffic().filter((m) => m[0] === 8 || m[0] === 70)).toEqual([]);
    expect(session.isJoined).toBe(true);
  });

  it('ignores an INTERRUPT for an invocation already answered', async () => {
    const { router, session } = await registered(() => 1);
    await invoke(router, 1);
    router.deliver([69, 1, { mode: 'kill' }]);
    await settle();
    expect(session.isJoined).toBe(true);
  });

  it('streams progressive call invocations through ctx.input', async () => {
    const { router } = await registered(async (args, _k, ctx) => {
      const parts = [args[0]];
      for await (const chunk of ctx.input ?? []) parts.push(chunk.args[0]);
      return parts.join('');
    });
    router.deliver([68, 1, 100, { progress: true }, ['a']]);
    router.deliver([68, 1, 100, { progress: true }, ['b']]);
    router.deliver([68, 1, 100, {}, ['c']]);
    expect(await router.waitFor((m) => m[0] === 70)).toEqual([70, 1, {}, ['abc']]);
  });
});
