/**
 * The session as browser builds run it: `load-callee.ts` swapped for `load-callee-browser.ts` (what
 * the package's `browser` field does), so the callee role is loaded with `import()` on the first
 * `register()`. Before that, what only a callee can be sent is answered as a callee with no
 * registrations would; registrations made while the role loads keep their order.
 */
import { describe, expect, it, vi } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { connect } from '../../../runtime/session/connect.js';
import { createScriptedRouter, settle } from '../../helpers/scripted-router.js';

const loads = vi.hoisted(() => ({ count: 0, failNext: 0 }));

vi.mock('../../../runtime/session/load-callee.js', async () => {
  const browser = await vi.importActual<typeof import('../../../runtime/session/load-callee-browser.js')>(
    '../../../runtime/session/load-callee-browser.js',
  );
  return {
    loadCallee: () => {
      loads.count++;
      if (loads.failNext > 0) {
        loads.failNext--;
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module: callee-x.js'));
      }
      return browser.loadCallee();
    },
  };
});

async function joined() {
  const router = createScriptedRouter();
  const session = await connect({ realm: 'realm1', transport: router.factory, reconnect: false });
  return { router, session };
}

describe('callee role loaded on first register (browser builds)', () => {
  it('uses the browser loader, which hands back a promise of the role', async () => {
    const browser = await vi.importActual<typeof import('../../../runtime/session/load-callee-browser.js')>(
      '../../../runtime/session/load-callee-browser.js',
    );
    const loaded = browser.loadCallee();
    expect(loaded).toBeInstanceOf(Promise);
    expect(typeof (await loaded)).toBe('function');
  });

  it('sends REGISTER once the role is loaded, and keeps the order of registrations made meanwhile', async () => {
    const { router, session } = await joined();
    const before = loads.count;
    const first = session.register('com.example.first', () => 1);
    const second = session.register('com.example.second', () => 2);
    // Nothing is on the wire in the same tick: the role is still loading.
    expect(router.traffic()).toEqual([]);
    await router.waitFor((m) => m[0] === 64 && m[3] === 'com.example.second');
    const registers = router.traffic().filter((m) => m[0] === 64);
    expect(registers.map((m) => m[3])).toEqual(['com.example.first', 'com.example.second']);
    expect(loads.count - before).toBe(1);
    router.deliver([65, registers[0]?.[1], 11]);
    router.deliver([65, registers[1]?.[1], 12]);
    expect((await first).id).toBe(11);
    expect((await second).id).toBe(12);
    // The role now answers invocations.
    router.deliver([68, 7, 12, {}, []]);
    expect(await router.waitFor((m) => m[0] === 70)).toEqual([70, 7, {}, [2]]);
  });

  it('rejects register when the role fails to load, and loads it again on the next register', async () => {
    const { router, session } = await joined();
    loads.failNext = 1;
    const before = loads.count;
    await expect(session.register('com.example.first', () => 1)).rejects.toThrow(/Failed to fetch/);
    expect(router.traffic()).toEqual([]);
    expect(session.state).toBe('joined');
    const second = session.register('com.example.second', () => 2);
    const sent = await router.waitFor((m) => m[0] === 64);
    expect(sent[3]).toBe('com.example.second');
    expect(loads.count - before).toBe(2);
    router.deliver([65, sent[1], 21]);
    expect((await second).id).toBe(21);
  });

  it('treats an INVOCATION before any registration as a protocol violation', async () => {
    const { router } = await joined();
    router.deliver([68, 1, 5, {}, []]);
    const abort = await router.waitFor((m) => m[0] === 3);
    expect(abort[2]).toBe(ErrorUri.PROTOCOL_VIOLATION);
    expect((abort[1] as { message: string }).message).toContain('INVOCATION for unknown registration 5');
  });

  it('treats a registration revocation before any registration as a protocol violation', async () => {
    const { router } = await joined();
    router.deliver([67, 0, { registration: 5, reason: 'wamp.close.killed' }]);
    const abort = await router.waitFor((m) => m[0] === 3);
    expect((abort[1] as { message: string }).message).toContain(
      'UNREGISTERED revocation for an unknown registration',
    );
  });

  it('ignores an INTERRUPT before any registration (it crossed nothing), and stays joined', async () => {
    const { router, session } = await joined();
    router.deliver([69, 3, {}]);
    await settle();
    expect(session.state).toBe('joined');
    expect(router.traffic()).toEqual([]);
  });

  it('rejects register before the join without loading anything', async () => {
    const router = createScriptedRouter();
    const session = await connect({ realm: 'realm1', transport: router.factory, reconnect: false });
    await session.close();
    const before = loads.count;
    await expect(session.register('com.example.late', () => 1)).rejects.toThrow();
    expect(loads.count).toBe(before);
  });
});
