/**
 * Request ids, handler changes and restores that race the router: each test names the behaviour it keeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PeerAcceptor, PeerLink } from '../../../runtime/router/index.js';
import { createRouter, type Router } from '../../../runtime/router/index.js';
import type { Session } from '../../../runtime/session/session.js';
import { connectInMemory } from '../../../runtime/testing/index.js';
import { sleep } from '../../helpers/timing.js';

/** Wraps a router so a test can drop the links it has accepted. */
function droppable(router: Router): PeerAcceptor & { links: PeerLink[] } {
  const links: PeerLink[] = [];
  return {
    links,
    attach(link) {
      links.push(link);
      return router.attach(link);
    },
  };
}

let open: Session[] = [];
let routers: Router[] = [];
afterEach(async () => {
  for (const s of open) await s.leave().catch(() => undefined);
  for (const r of routers) await r.close();
  open = [];
  routers = [];
});

function newRouter(options: Parameters<typeof createRouter>[0] = {}): Router {
  const router = createRouter(options);
  routers.push(router);
  return router;
}

async function join(acceptor: PeerAcceptor, options: Parameters<typeof connectInMemory>[1] = {}) {
  const session = await connectInMemory(acceptor, options);
  open.push(session);
  return session;
}

describe('request ids, handler changes and restores racing the router', () => {
  it('keeps request ids gap-free when a payload cannot be serialized (the router used to abort the session)', async () => {
    const session = await join(newRouter());
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(session.call('com.example.x', [cyclic])).rejects.toThrow();
    await expect(session.publish('com.example.t', [1], {}, { acknowledge: true })).resolves.toBeTypeOf(
      'number',
    );
    expect(session.state).toBe('joined');
  });

  it('delivers an event to every handler when an earlier handler unsubscribes while handling it', async () => {
    const router = newRouter();
    const subscriber = await join(router);
    const publisher = await join(router);
    const called: string[] = [];
    const first = await subscriber.subscribe('com.example.t', () => {
      called.push('h1');
      void first.unsubscribe();
    });
    await subscriber.subscribe('com.example.t', () => void called.push('h2'));
    await subscriber.subscribe('com.example.t', () => void called.push('h3'));
    await publisher.publish('com.example.t', [], {}, { acknowledge: true });
    await sleep(20);
    expect(called).toEqual(['h1', 'h2', 'h3']);
  });

  it('keeps a subscription made while an UNSUBSCRIBE for the same topic is in flight', async () => {
    const router = newRouter();
    const subscriber = await join(router);
    const publisher = await join(router);
    const got: string[] = [];
    const a = await subscriber.subscribe('com.example.t', () => void got.push('A'));
    const b = subscriber.subscribe('com.example.t', () => void got.push('B'));
    const unsubscribed = a.unsubscribe();
    await b;
    await unsubscribed;
    await sleep(10);
    await publisher.publish('com.example.t', [], {}, { acknowledge: true });
    await sleep(20);
    expect(got).toEqual(['B']);
  });

  it('unregisters at the router when unregister() runs while a restore REGISTER is in flight', async () => {
    const router = newRouter();
    const acceptor = droppable(router);
    let armed = false;
    let registration: Awaited<ReturnType<Session['register']>> | undefined;
    let unregistered: Promise<void> | undefined;
    const callee = await join(acceptor, {
      reconnect: { initialDelay: 10, maxAttempts: 3 },
      onMessage: (direction, message) => {
        if (armed && direction === 'out' && message[0] === 64) {
          armed = false;
          queueMicrotask(() => {
            unregistered = registration?.unregister();
          });
        }
      },
    });
    registration = await callee.register('com.example.proc', () => 'still here');
    const caller = await join(router);
    armed = true;
    const rejoined = new Promise((resolve) => callee.on('join', resolve));
    acceptor.links[0]?.close(1001, 'drop');
    await rejoined;
    await unregistered;
    await sleep(20);
    await expect(caller.call('com.example.proc')).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
  });

  it('does not let the connect timeout cut off a restore that outlasts it (links used to leak)', async () => {
    let slow = false;
    const router = newRouter({
      authorizer: {
        authorize: (_principal, _realm, action) =>
          slow && action === 'register' ? sleep(300).then(() => true) : true,
      },
    });
    const acceptor = droppable(router);
    const session = await join(acceptor, {
      connectTimeout: 100,
      reconnect: { initialDelay: 10, maxAttempts: 5 },
    });
    await session.register('com.example.slow', () => 1);
    slow = true;
    const rejoined = new Promise((resolve) => session.on('join', resolve));
    acceptor.links[0]?.close(1001, 'drop');
    await rejoined;
    await sleep(50);
    expect(acceptor.links).toHaveLength(2);
    expect(session.state).toBe('joined');
    expect(router.sessionCount()).toBe(1);
  });
});
