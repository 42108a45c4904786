/**
 * The session runtime against fox-wamp, an independent router from npm (JSON only). Where
 * fox-wamp deviates from the spec (docs/interop.md), these tests assert what a correct client
 * must still do: settle every call exactly once, enforce timeouts locally, keep serving.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, WampError } from '../../../runtime/protocol/wamp-error.js';
import type { ConnectOptions } from '../../../runtime/session/connect-options.js';
import { connect } from '../../../runtime/session/connect.js';
import { isConnectionError } from '../../../runtime/transport/connection-error.js';
import type { Session } from '../../../runtime/session/session.js';
import type { EventContext } from '../../../runtime/session/types.js';
import { WampResult } from '../../../runtime/session/wamp-result.js';
import { startFox } from '../../helpers/fox-router.js';

let fox: Awaited<ReturnType<typeof startFox>>;
const sessions: Session[] = [];

async function open(extra: Partial<ConnectOptions> = {}): Promise<Session> {
  const session = await connect({ url: fox.url, realm: 'realm1', lenientPayload: true, ...extra });
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  fox = await startFox();
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

afterAll(() => fox.stop());

describe('fox-wamp: basic profile', () => {
  it('calls a procedure registered by another session', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.add', (args) => Number(args[0]) + Number(args[1]));
    expect((await caller.call('com.fox.add', [2, 3])).args).toEqual([5]);
  });

  it('carries kwargs', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.kw', (_a, kwargs) => new WampResult([], { got: kwargs.x }));
    expect((await caller.call('com.fox.kw', [], { x: 1 })).kwargs).toEqual({ got: 1 });
  });

  it('rejects a call to nothing with no_such_procedure', async () => {
    const caller = await open();
    await expect(caller.call('com.fox.nothing')).rejects.toMatchObject({ uri: ErrorUri.NO_SUCH_PROCEDURE });
  });

  it('delivers events with topic and publisher, not to the publisher itself', async () => {
    const [subscriber, publisher] = [await open(), await open()];
    const got: Array<[unknown[], EventContext]> = [];
    const own: unknown[] = [];
    await subscriber.subscribe('com.fox.topic', (args, _k, ctx) => void got.push([args, ctx]));
    await publisher.subscribe('com.fox.topic', (args) => void own.push(args));
    await publisher.publish('com.fox.topic', ['hello'], {}, { acknowledge: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map(([args, ctx]) => [args, ctx.topic, ctx.publisher])).toEqual([
      [['hello'], 'com.fox.topic', publisher.id],
    ]);
    expect(own).toEqual([]);
  });

  it('leaves with GOODBYE and gets a reply', async () => {
    const session = await open();
    await session.leave();
    expect(session.state).toBe('closed');
  });
});

describe('fox-wamp: deviations a correct client survives', () => {
  it('treats its null ArgumentsKw as a protocol violation in strict mode', async () => {
    const callee = await open();
    const strict = await open({ lenientPayload: false });
    await callee.register('com.fox.scalar', () => 5);
    const error = await strict.call('com.fox.scalar').catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('protocol_violation');
  });

  it('still rejects the caller with a WampError when fox replaces the callee error URI', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.fail', () => {
      throw new WampError('com.example.unknown_city', ['Atlantis']);
    });
    const error = await caller.call('com.fox.fail').catch((e: unknown) => e);
    expect(isWampError(error)).toBe(true);
    // fox-wamp sends wamp.error.callee_failure with the original URI as args[0].
    expect((error as WampError).uri).toBe('wamp.error.callee_failure');
    expect((error as WampError).args[0]).toBe('com.example.unknown_city');
  });

  it('keeps the callee serving after a handler throws', async () => {
    const [callee, caller] = [await open(), await open()];
    let first = true;
    await callee.register('com.fox.flaky', () => {
      if (first) {
        first = false;
        throw new Error('once');
      }
      return 'ok';
    });
    await expect(caller.call('com.fox.flaky')).rejects.toBeInstanceOf(WampError);
    expect((await caller.call('com.fox.flaky')).args).toEqual(['ok']);
  });

  it('enforces the call timeout locally although fox ignores CALL.Options.timeout', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.slow', () => new Promise(() => undefined));
    await expect(caller.call('com.fox.slow', [], {}, { timeout: 50 })).rejects.toMatchObject({
      uri: ErrorUri.TIMEOUT,
    });
    expect(caller.isJoined).toBe(true);
  });

  it('settles an aborted call at once without CANCEL, since fox announces no call_canceling', async () => {
    const [callee, caller] = [await open(), await open()];
    const sent: number[] = [];
    const watched = await open({ onMessage: (d, m) => void (d === 'out' && sent.push(m[0])) });
    await callee.register('com.fox.hang', () => new Promise(() => undefined));
    const controller = new AbortController();
    const call = watched.call('com.fox.hang', [], {}, { signal: controller.signal, cancelMode: 'kill' });
    controller.abort();
    await expect(call).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    expect(sent).not.toContain(49);
    expect(caller.isJoined).toBe(true);
  });

  it('copes with random INVOCATION request ids', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.many', (args) => args[0]);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => caller.call('com.fox.many', [i])));
    expect(results.map((r) => r.args[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('accepts a second single registration of one URI and keeps calling the first', async () => {
    const [first, second, caller] = [await open(), await open(), await open()];
    await first.register('com.fox.twice', () => 'first');
    // A conformant dealer answers wamp.error.procedure_already_exists here.
    await expect(second.register('com.fox.twice', () => 'second')).resolves.toBeDefined();
    expect((await caller.call('com.fox.twice')).args).toEqual(['first']);
  });

  it('sees a single positional list unwrapped by fox', async () => {
    const [callee, caller] = [await open(), await open()];
    await callee.register('com.fox.list', () => [1, 2]);
    // A conformant dealer would give [[1, 2]]; fox-wamp forwards [1, 2].
    expect((await caller.call('com.fox.list')).args).toEqual([1, 2]);
  });
});

describe('fox-wamp: restart on the same port', () => {
  it('reconnects and restores the registration', async () => {
    const own = await startFox();
    const options = {
      url: own.url,
      realm: 'realm1',
      lenientPayload: true,
      reconnect: { initialDelay: 20, maxAttempts: 50 },
    };
    const callee = await connect(options);
    const caller = await connect(options);
    sessions.push(callee, caller);
    await callee.register('com.fox.restart', () => 'back');
    const rejoined = Promise.all([callee, caller].map((s) => new Promise((r) => s.on('join', r))));
    await own.stop();
    const again = await startFox(own.port);
    await rejoined;
    expect((await caller.call('com.fox.restart')).args).toEqual(['back']);
    await Promise.all([callee.close(), caller.close()]);
    await again.stop();
  });
});
