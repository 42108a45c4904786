/**
 * Failover between router nodes: embedded routers on 127.0.0.1 stand in for the nodes of a
 * cluster (they have no router-to-router links, so a caller sits on a node that stays up and the
 * callee fails over to it). Also: the order URLs are tried in, pings on a custom transport factory,
 * and restoring a registration the new node refuses at first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serializers } from '../../../runtime/serializers/registry.js';
import type { RestoreFailedInfo, RestoreRetryInfo } from '../../../runtime/session/connect-options.js';
import { connect } from '../../../runtime/session/connect.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { createWsNodeTransportFactory } from '../../../runtime/transport/ws-node.js';
import { freezableProxy } from '../../helpers/freezable-proxy.js';

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function node(port?: number): Promise<TestRouter> {
  const r = await startTestRouter(port === undefined ? {} : { port });
  cleanup.push(() => r.close());
  return r;
}

const RECONNECT = { initialDelay: 10, maxDelay: 50, maxAttempts: 100 };
const PING = { interval: 50, timeout: 100 };

async function session(url: string | string[], extra: object = {}): Promise<Session> {
  const s = await connect({ realm: 'realm1', url, reconnect: RECONNECT, ping: PING, ...extra });
  cleanup.push(() => s.close());
  return s;
}

function next<T extends unknown[]>(s: Session, event: 'join' | 'disconnect' | 'close'): Promise<T> {
  return new Promise((resolve) => {
    const off = s.on(event, ((...args: T) => {
      off();
      resolve(args);
    }) as never);
  });
}

/** Rejects after `ms`: a hang guard, not a timing assertion. */
function guard<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Calls until the call succeeds. */
async function callUntilAnswered(caller: Session, procedure: string): Promise<unknown[]> {
  for (;;) {
    try {
      return (await caller.call(procedure, ['ping'])).args;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** Which of `nodes` holds one session, by their session counts (each node has `base` others). */
function nodeOf(nodes: TestRouter[], base: number[]): number {
  return nodes.findIndex((n, i) => n.router.sessionCount() === (base[i] as number) + 1);
}

describe('failover between nodes', () => {
  it("the callee's node is killed: the callee rejoins the other node and calls succeed within 1 s", async () => {
    const a = await node();
    const b = await node();
    const caller = await session(b.url);
    const callee = await session([a.url, b.url]);
    await callee.register('com.test.failover.echo', (args) => `callee:${String(args[0])}`);
    expect(a.router.sessionCount()).toBe(1);
    await expect(caller.call('com.test.failover.echo', ['x'])).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
    const rejoined = next<[{ reconnected: boolean }]>(callee, 'join');
    await a.drop();
    // 1 s is the bound, used as a hang guard; the measured time is reported, not asserted.
    const args = await guard(callUntilAnswered(caller, 'com.test.failover.echo'), 1_000, 'recovery');
    expect(args).toEqual(['callee:ping']);
    const [info] = await rejoined;
    expect(info.reconnected).toBe(true);
    expect(b.router.sessionCount()).toBe(2);
  });

  it('the callee reaches its node through a link that dies silently: pings detect it and it fails over', async () => {
    const a = await node();
    const b = await node();
    const proxy = await freezableProxy(a.port);
    cleanup.push(() => proxy.close());
    const caller = await session(b.url);
    const callee = await session([`ws://127.0.0.1:${proxy.port}/ws`, b.url]);
    await callee.register('com.test.failover.silent', () => 'callee');
    const disconnected = next<[{ reason: string }]>(callee, 'disconnect');
    proxy.freeze();
    const args = await guard(callUntilAnswered(caller, 'com.test.failover.silent'), 2_000, 'recovery');
    expect(args).toEqual(['callee']);
    const [info] = await disconnected;
    expect(info.reason).toMatch(/no pong/);
  });

  it('tries the URLs in order, skips a node that is down, and rotates to the next node after each loss', async () => {
    const down = await node();
    const downUrl = down.url;
    await down.close();
    const nodes = [await node(), await node(), await node()];
    const [a, b, c] = nodes as [TestRouter, TestRouter, TestRouter];
    const s = await session([downUrl, a.url, b.url, c.url]);
    expect(nodeOf(nodes, [0, 0, 0])).toBe(0);
    let back = next(s, 'join');
    await a.drop();
    await guard(back, 2_000, 'rejoin after a');
    expect(nodeOf(nodes, [0, 0, 0])).toBe(1);
    back = next(s, 'join');
    await b.drop();
    await guard(back, 2_000, 'rejoin after b');
    expect(nodeOf(nodes, [0, 0, 0])).toBe(2);
    // a comes back on its port; c dies: the rotation wraps (past the dead first URL) to a.
    const a2 = await node(a.port);
    back = next(s, 'join');
    await c.drop();
    await guard(back, 2_000, 'rejoin after c');
    expect(a2.router.sessionCount()).toBe(1);
  });

  it('rotates through a list of custom transport factories too', async () => {
    const a = await node();
    const b = await node();
    const factory = (url: string) => createWsNodeTransportFactory({ url, serializer: serializers.json });
    const s = await connect({
      realm: 'realm1',
      transport: [factory(a.url), factory(b.url)],
      reconnect: RECONNECT,
    });
    cleanup.push(() => s.close());
    expect(a.router.sessionCount()).toBe(1);
    const back = next(s, 'join');
    await a.drop();
    await guard(back, 2_000, 'rejoin');
    expect(b.router.sessionCount()).toBe(1);
  });
});

describe('pings on every transport', () => {
  it('a custom transport factory gets the keep-alive: a peer that stops answering pings is detected', async () => {
    const r = await node();
    const proxy = await freezableProxy(r.port);
    cleanup.push(() => proxy.close());
    const s = await connect({
      realm: 'realm1',
      transport: createWsNodeTransportFactory({
        url: `ws://127.0.0.1:${proxy.port}/ws`,
        serializer: serializers.json,
      }),
      ping: { interval: 20, timeout: 50 },
    });
    cleanup.push(() => s.close());
    const disconnected = next<[{ code: number; reason: string }]>(s, 'disconnect');
    proxy.freeze();
    const [info] = await guard(disconnected, 2_000, 'dead link detected');
    expect(info.code).toBe(1006);
    expect(info.reason).toMatch(/no pong within 50 ms/);
  });

  it('RawSocket gets the same keep-alive: a frozen peer is detected', async () => {
    const r = await startTestRouter({ rawSocket: true });
    cleanup.push(() => r.close());
    const rsPort = Number(new URL(r.rawSocketUrl as string).port);
    const proxy = await freezableProxy(rsPort);
    cleanup.push(() => proxy.close());
    const s = await connect({
      realm: 'realm1',
      url: `rs://127.0.0.1:${proxy.port}`,
      ping: { interval: 20, timeout: 50 },
    });
    cleanup.push(() => s.close());
    const disconnected = next<[{ code: number; reason: string }]>(s, 'disconnect');
    proxy.freeze();
    const [info] = await guard(disconnected, 2_000, 'dead link detected');
    expect(info.code).toBe(1006);
    expect(info.reason).toMatch(/no pong within 50 ms/);
  });

  it('the in-memory transport answers pings and stays up', async () => {
    const r = await node();
    const { createInMemoryTransportFactory } = await import('../../../runtime/transport/in-memory.js');
    const s = await connect({
      realm: 'realm1',
      transport: createInMemoryTransportFactory(r.router),
      ping: { interval: 5, timeout: 20 },
    });
    cleanup.push(() => s.close());
    let lost = false;
    s.on('disconnect', () => {
      lost = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lost).toBe(false);
    expect(s.state).toBe('joined');
  });
});

describe('restoring a registration the new node refuses', () => {
  it('retries with backoff, reporting each retry, and succeeds once the node frees the procedure', async () => {
    const a = await node();
    const b = await node();
    const rival = await session(b.url);
    const held = await rival.register('com.test.failover.owned', () => 'rival');
    const callee = await session([a.url, b.url], {
      restoreRetry: { period: 10_000, initialDelay: 10, maxDelay: 20 },
    });
    await callee.register('com.test.failover.owned', () => 'callee');
    const retries: RestoreRetryInfo[] = [];
    const firstRetry = new Promise<void>((resolve) => {
      callee.on('restore-retry', (info) => {
        retries.push(info);
        resolve();
      });
    });
    const errors: unknown[] = [];
    callee.on('error', (error) => void errors.push(error));
    await a.drop();
    await guard(firstRetry, 2_000, 'first retry');
    expect(retries[0]).toMatchObject({
      kind: 'registration',
      uri: 'com.test.failover.owned',
      attempt: 1,
      error: expect.objectContaining({ uri: 'wamp.error.procedure_already_exists' }),
    });
    // The old owner goes away (on a cluster: the dead node's entry expires).
    await held.unregister();
    const args = await guard(callUntilAnswered(rival, 'com.test.failover.owned'), 2_000, 'restored');
    expect(args).toEqual(['callee']);
    expect(errors).toEqual([]);
  });

  it('gives up after the retry period with restore-failed (and error), leaving the session running', async () => {
    const a = await node();
    const b = await node();
    const rival = await session(b.url);
    await rival.register('com.test.failover.taken', () => 'rival');
    const callee = await session([a.url, b.url], {
      restoreRetry: { period: 100, initialDelay: 10, maxDelay: 20 },
    });
    await callee.register('com.test.failover.taken', () => 'callee');
    await callee.register('com.test.failover.free', () => 'callee');
    const failed = new Promise<RestoreFailedInfo>((resolve) => callee.on('restore-failed', resolve));
    const errors: string[] = [];
    callee.on('error', (_error, where) => void errors.push(where));
    await a.drop();
    const info = await guard(failed, 2_000, 'restore-failed');
    expect(info).toMatchObject({ kind: 'registration', uri: 'com.test.failover.taken' });
    expect(info.attempts).toBeGreaterThan(1);
    expect(errors).toEqual(['restoring registration com.test.failover.taken']);
    expect(callee.state).toBe('joined');
    expect((await rival.call('com.test.failover.free')).args).toEqual(['callee']);
    expect((await rival.call('com.test.failover.taken')).args).toEqual(['rival']);
  });

  it('with restoreRetry false a refusal is given up at once, as before', async () => {
    const a = await node();
    const b = await node();
    const rival = await session(b.url);
    await rival.register('com.test.failover.once', () => 'rival');
    const callee = await session([a.url, b.url], { restoreRetry: false });
    await callee.register('com.test.failover.once', () => 'callee');
    let retried = false;
    callee.on('restore-retry', () => {
      retried = true;
    });
    const failed = new Promise<RestoreFailedInfo>((resolve) => callee.on('restore-failed', resolve));
    const errored = new Promise<string>((resolve) => callee.on('error', (_e, where) => resolve(where)));
    await a.drop();
    expect((await guard(failed, 2_000, 'restore-failed')).attempts).toBe(1);
    expect(await errored).toBe('restoring registration com.test.failover.once');
    expect(retried).toBe(false);
  });
});
