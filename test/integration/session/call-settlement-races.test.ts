/**
 * How calls settle when the router is slow, silent or gone: a kill CANCEL that is never answered,
 * overlapping reads of a progressive call, and answers of an old session after a reconnect. Each
 * runs against the real embedded router (in memory); a PeerAcceptor wrapper stands in for a router
 * that drops the link or never answers a CANCEL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WampMessage } from '../../../runtime/protocol/messages.js';
import type { PeerAcceptor, PeerLink } from '../../../runtime/router/index.js';
import { createRouter, type Router } from '../../../runtime/router/index.js';
import type { Session } from '../../../runtime/session/session.js';
import type { CallResult } from '../../../runtime/session/types.js';
import { connectInMemory } from '../../../runtime/testing/index.js';
import { sleep, until } from '../../helpers/timing.js';

/** Wraps a router: inbound values failing `keep` never reach it; accepted links can be dropped. */
function wrapped(router: Router, keep: (value: unknown[]) => boolean = () => true) {
  const links: PeerLink[] = [];
  const acceptor: PeerAcceptor = {
    attach(link) {
      links.push(link);
      const handle = router.attach(link);
      return {
        receive: (value) => {
          if (keep(value as unknown[])) handle.receive(value);
        },
        closed: () => handle.closed(),
      };
    },
  };
  return { acceptor, links };
}

let open: Session[] = [];
let routers: Router[] = [];
/** Settles handlers left waiting by a test, so nothing outlives it. */
let cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups) cleanup();
  for (const s of open) await s.leave().catch(() => undefined);
  for (const r of routers) await r.close();
  open = [];
  routers = [];
  cleanups = [];
});

function newRouter(): Router {
  const router = createRouter();
  routers.push(router);
  return router;
}

async function join(acceptor: PeerAcceptor, options: Parameters<typeof connectInMemory>[1] = {}) {
  const session = await connectInMemory(acceptor, options);
  open.push(session);
  return session;
}

describe('a kill cancel and the local timeout', () => {
  it('rejects with wamp.error.timeout when the dealer never answers a kill CANCEL', async () => {
    const router = newRouter();
    // A dealer that swallows CANCEL and ignores CALL.Options.timeout: it will never answer.
    const { acceptor } = wrapped(router, (m) => {
      if (m[0] === 48) delete (m[2] as Record<string, unknown>).timeout;
      return m[0] !== 49;
    });
    const callee = await join(router);
    let started = false;
    await callee.register('com.example.stuck', () => {
      started = true;
      return new Promise((resolve) => cleanups.push(() => resolve(undefined)));
    });
    const cancels: WampMessage[] = [];
    const caller = await join(acceptor, {
      onMessage: (direction, message) => {
        if (direction === 'out' && message[0] === 49) cancels.push(message);
      },
    });
    const controller = new AbortController();
    const call = caller.call(
      'com.example.stuck',
      [],
      {},
      {
        timeout: 100,
        signal: controller.signal,
        cancelMode: 'kill',
      },
    );
    await until(() => started);
    controller.abort();
    await expect(call).rejects.toMatchObject({ uri: 'wamp.error.timeout' });
    // The timeout settles locally: the dealer already has the kill CANCEL, no second one is sent.
    expect(cancels).toEqual([[49, 1, { mode: 'kill' }]]);
  });
});

describe('overlapping next() on a progressive call', () => {
  it('settles every overlapping next() with the chunks in order, then the end', async () => {
    const router = newRouter();
    const callee = await join(router);
    await callee.register('com.example.count', (_args, _kwargs, ctx) => {
      ctx.progress([1]);
      ctx.progress([2]);
      return 3;
    });
    const caller = await join(router);
    const call = caller.callProgressive('com.example.count');
    const it = call[Symbol.asyncIterator]();
    // All three asked for before the first chunk arrives.
    const nexts = [it.next(), it.next(), it.next()];
    const settled = [false, false, false];
    nexts.forEach((p, i) => {
      p.then(
        () => {
          settled[i] = true;
        },
        () => {
          settled[i] = true;
        },
      );
    });
    expect((await call.result).args).toEqual([3]);
    await sleep(0);
    expect(settled).toEqual([true, true, true]);
    const [a, b, c] = (await Promise.all(nexts)) as IteratorResult<CallResult>[];
    expect(a).toMatchObject({ done: false, value: { args: [1] } });
    expect(b).toMatchObject({ done: false, value: { args: [2] } });
    expect(c).toEqual({ done: true, value: undefined });
  });
});

describe('late answers of an old session after a reconnect', () => {
  it('does not send an old invocation answer on the new session, even when the invocation id is reused', async () => {
    const router = newRouter();
    const { acceptor, links } = wrapped(router);
    const answers: Array<(value: string) => void> = [];
    const invocationIds: number[] = [];
    const callee = await join(acceptor, {
      reconnect: { initialDelay: 10, maxAttempts: 3 },
      onMessage: (direction, message) => {
        if (direction === 'in' && message[0] === 68) invocationIds.push(message[1]);
      },
    });
    await callee.register('com.example.slow', () => new Promise<string>((r) => answers.push(r)));
    const caller = await join(router);
    const first = caller.call('com.example.slow', ['first']);
    first.catch(() => undefined);
    await until(() => answers.length === 1);
    const rejoined = new Promise((resolve) => callee.on('reconnect', resolve));
    links[0]?.close(1001, 'drop');
    // The callee left: the dealer cancels the caller's call (D.1).
    await expect(first).rejects.toMatchObject({ uri: 'wamp.error.canceled' });
    await rejoined;
    const second = caller.call('com.example.slow', ['second']);
    await until(() => answers.length === 2);
    // The new session's INVOCATION carries the same id as the old one: the collision is real.
    expect(invocationIds[1]).toBe(invocationIds[0]);
    answers[0]?.('old answer');
    await sleep(0);
    answers[1]?.('second');
    expect((await second).args).toEqual(['second']);
    expect(callee.stats.lateYields).toBe(1);
  });

  it('does not cancel a new call with the same request id when an old call input fails after a reconnect', async () => {
    const router = newRouter();
    const { acceptor, links } = wrapped(router);
    const callee = await join(router);
    await callee.register('com.example.stream', async (_args, _kwargs, ctx) => {
      for await (const _chunk of ctx.input ?? []) {
        // Consumes the input until it ends (INTERRUPT when the caller leaves).
      }
    });
    const answers: Array<(value: string) => void> = [];
    await callee.register('com.example.slow', () => new Promise<string>((r) => answers.push(r)));
    const callIds: number[] = [];
    const caller = await join(acceptor, {
      reconnect: { initialDelay: 10, maxAttempts: 3 },
      onMessage: (direction, message) => {
        if (direction === 'out' && message[0] === 48) callIds.push(message[1]);
      },
    });
    let breakInput!: () => void;
    const broken = new Promise<void>((resolve) => {
      breakInput = resolve;
    });
    cleanups.push(breakInput);
    async function* input() {
      yield { args: [1] };
      await broken;
      throw new Error('input broke');
    }
    const old = caller.call('com.example.stream', [0], {}, { input: input() });
    old.catch(() => undefined);
    const rejoined = new Promise((resolve) => caller.on('reconnect', resolve));
    await sleep(5);
    links[0]?.close(1001, 'drop');
    await expect(old).rejects.toMatchObject({ code: 'connection_lost' });
    await rejoined;
    const fresh = caller.call('com.example.slow');
    fresh.catch(() => undefined);
    await until(() => answers.length === 1);
    // Request ids start again at 1 on the new session: both calls carry the same id.
    expect(callIds.at(-1)).toBe(callIds[0]);
    breakInput();
    await sleep(5);
    answers[0]?.('fresh');
    expect((await fresh).args).toEqual(['fresh']);
  });
});
