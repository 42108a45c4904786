/**
 * The dealer alone: fake peers implementing the routing peer interface, a fake routing context,
 * and the exact messages each peer is sent. No socket, session or realm is involved.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallMessage, Dict } from '../../../runtime/protocol/messages.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import { Feature } from '../../../runtime/router/core/features.js';
import type { PeerCall } from '../../../runtime/router/core/peer.js';
import { Dealer } from '../../../runtime/router/routing/dealer.js';
import { InternalPeer } from '../../../runtime/router/routing/internal-peer.js';
import { type TestContext, TestPeer, testContext } from '../../helpers/routing-fakes.js';

const CALLER = Feature.CALLER;
const CALLEE = Feature.CALLEE;
const CANCELING = Feature.CALLEE_CANCELING;
const ALL_CALLEE =
  Feature.CALLEE |
  Feature.CALLEE_CANCELING |
  Feature.CALLEE_PROGRESSIVE_RESULTS |
  Feature.CALLEE_PROGRESSIVE_INVOCATIONS |
  Feature.CALLEE_TIMEOUT;

interface Setup {
  ctx: TestContext;
  dealer: Dealer;
  caller: TestPeer;
}

function setup(): Setup {
  const ctx = testContext();
  return { ctx, dealer: new Dealer(ctx), caller: new TestPeer(22, CALLER) };
}

/** Registers `uri` for `callee` and returns the registration id from its REGISTERED. */
function register(dealer: Dealer, callee: TestPeer, uri: string, options: Dict = {}, request = 1): number {
  dealer.register(callee, request, options, uri);
  const [registered] = callee.take();
  expect(registered?.slice(0, 2)).toEqual([65, request]);
  return registered?.[2] as number;
}

function call(request: number, procedure: string, options: Dict = {}, ...payload: unknown[]): CallMessage {
  return [48, request, options, procedure, ...payload] as CallMessage;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Dealer: routing a call', () => {
  it('sends INVOCATION to the callee and its YIELD back to the caller as RESULT', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    const reg = register(dealer, callee, 'com.example.add');

    dealer.call(caller, call(5, 'com.example.add', {}, [1, 2]));
    expect(callee.take()).toEqual([[68, 1, reg, {}, [1, 2]]]);
    expect(caller.inbox).toEqual([]);

    expect(dealer.yield(callee, [70, 1, {}, [3]])).toBe(true);
    expect(caller.take()).toEqual([[50, 5, {}, [3]]]);
    expect(caller.calls.size).toBe(0);
    expect(callee.invocations.size).toBe(0);
  });

  it('passes the payload by reference, kwargs included', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    const reg = register(dealer, callee, 'com.example.kw');
    const args = [1];
    const kwargs = { a: 1 };

    dealer.call(caller, call(5, 'com.example.kw', {}, args, kwargs));
    const [invocation] = callee.take();
    expect(invocation).toEqual([68, 1, reg, {}, [1], { a: 1 }]);
    expect(invocation?.[4]).toBe(args);
    expect(invocation?.[5]).toBe(kwargs);

    const resultKwargs = { sum: 1 };
    dealer.yield(callee, [70, 1, {}, [], resultKwargs]);
    const [result] = caller.take();
    expect(result).toEqual([50, 5, {}, [], { sum: 1 }]);
    expect(result?.[4]).toBe(resultKwargs);
  });

  it('numbers invocations per callee and keeps concurrent calls apart', () => {
    const { dealer } = setup();
    const callee = new TestPeer(11, CALLEE);
    const reg = register(dealer, callee, 'com.example.echo');
    const a = new TestPeer(31, CALLER);
    const b = new TestPeer(32, CALLER);

    dealer.call(a, call(7, 'com.example.echo', {}, ['a']));
    dealer.call(b, call(7, 'com.example.echo', {}, ['b']));
    expect(callee.take()).toEqual([
      [68, 1, reg, {}, ['a']],
      [68, 2, reg, {}, ['b']],
    ]);

    dealer.yield(callee, [70, 2, {}, ['to b']]);
    dealer.yield(callee, [70, 1, {}, ['to a']]);
    expect(a.take()).toEqual([[50, 7, {}, ['to a']]]);
    expect(b.take()).toEqual([[50, 7, {}, ['to b']]]);
  });

  it('answers a call nobody registered with wamp.error.no_such_procedure', () => {
    const { dealer, caller } = setup();
    dealer.call(caller, call(5, 'com.example.nothing'));
    expect(caller.take()).toEqual([
      [8, 48, 5, {}, 'wamp.error.no_such_procedure', ['no callee registered for com.example.nothing']],
    ]);
    expect(caller.calls.size).toBe(0);
  });

  it("passes the callee's ERROR to the caller under the caller's request id", () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    register(dealer, callee, 'com.example.fail');
    dealer.call(caller, call(5, 'com.example.fail'));
    callee.take();

    expect(dealer.error(callee, [8, 68, 1, { why: 1 }, 'com.example.error.nope', ['bad'], { k: 2 }])).toBe(
      true,
    );
    expect(caller.take()).toEqual([[8, 48, 5, { why: 1 }, 'com.example.error.nope', ['bad'], { k: 2 }]]);
    expect(callee.invocations.size).toBe(0);
  });

  it('counts an answer to a finished invocation as late, and refuses one never issued', () => {
    const { ctx, dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    register(dealer, callee, 'com.example.once');
    dealer.call(caller, call(5, 'com.example.once'));
    dealer.yield(callee, [70, 1, {}]);
    caller.take();

    expect(dealer.yield(callee, [70, 1, {}])).toBe(true);
    expect(dealer.error(callee, [8, 68, 1, {}, 'com.example.error.late'])).toBe(true);
    expect(ctx.stats.lateYields).toBe(2);
    expect(caller.inbox).toEqual([]);
    // Id 2 was never sent to this callee: the session turns `false` into a protocol violation.
    expect(dealer.yield(callee, [70, 2, {}])).toBe(false);
  });

  it('discloses the caller when it asks or the registration asks', () => {
    const { dealer, caller } = setup();
    const plain = new TestPeer(11, CALLEE);
    const curious = new TestPeer(12, CALLEE);
    register(dealer, plain, 'com.example.plain');
    register(dealer, curious, 'com.example.curious', { disclose_caller: true });
    const identity = { caller: 22, caller_authid: 'user-22', caller_authrole: 'user' };

    dealer.call(caller, call(5, 'com.example.plain'));
    dealer.call(caller, call(6, 'com.example.plain', { disclose_me: true }));
    dealer.call(caller, call(7, 'com.example.curious'));
    expect(plain.take().map((m) => m[3])).toEqual([{}, identity]);
    expect(curious.take().map((m) => m[3])).toEqual([identity]);
  });

  it('forwards custom `_` CALL options into INVOCATION.Details, and no other unknown key', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    register(dealer, callee, 'com.example.traced');
    const options = { _trace_id: 'abc', _tenant: { id: 7 }, x_cb_node: 'n1', custom: 1, _ab: 'short' };
    dealer.call(caller, call(5, 'com.example.traced', options));
    expect(callee.take().map((m) => m[3])).toEqual([{ _trace_id: 'abc', _tenant: { id: 7 } }]);
  });

  it('never lets a custom option forge the caller identity or the prototype of the details', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    register(dealer, callee, 'com.example.traced');
    const options = JSON.parse(
      '{"caller_authid":"admin","caller":1,"__proto__":{"polluted":true},"_Upper":1}',
    );
    dealer.call(caller, call(5, 'com.example.traced', options));
    const [details] = callee.take().map((m) => m[3] as Dict);
    expect(details).toEqual({});
    expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
    expect((details as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('publishes registration meta events: on_create and on_register, then on_unregister and on_delete', () => {
    const { ctx, dealer } = setup();
    const callee = new TestPeer(11, CALLEE);
    const reg = register(dealer, callee, 'com.example.meta');
    dealer.unregister(callee, 2, reg);
    expect(callee.take()).toEqual([[67, 2]]);
    expect(ctx.meta.map(([topic, args]) => [topic, args[0], args[1]])).toEqual([
      [
        'wamp.registration.on_create',
        11,
        expect.objectContaining({ id: reg, uri: 'com.example.meta', match: 'exact', invoke: 'single' }),
      ],
      ['wamp.registration.on_register', 11, reg],
      ['wamp.registration.on_unregister', 11, reg],
      ['wamp.registration.on_delete', 11, reg],
    ]);
    expect(dealer.byId.size).toBe(0);
  });

  it('refuses UNREGISTER of a registration the session is not a callee of', () => {
    const { dealer } = setup();
    const owner = new TestPeer(11, CALLEE);
    const other = new TestPeer(12, CALLEE);
    const reg = register(dealer, owner, 'com.example.mine');
    dealer.unregister(other, 1, reg);
    dealer.unregister(other, 2, 999);
    expect(other.take()).toEqual([
      [8, 66, 1, {}, 'wamp.error.no_such_registration'],
      [8, 66, 2, {}, 'wamp.error.no_such_registration'],
    ]);
    expect(dealer.byId.get(reg)?.callees.length).toBe(1);
  });
});

describe('Dealer: progressive results and invocations', () => {
  it('relays progressive YIELDs as progressive RESULTs when the caller asked for them', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    const reg = register(dealer, callee, 'com.example.stream');

    dealer.call(caller, call(5, 'com.example.stream', { receive_progress: true }));
    expect(callee.take()).toEqual([[68, 1, reg, { receive_progress: true }]]);
    dealer.yield(callee, [70, 1, { progress: true }, ['part 1']]);
    dealer.yield(callee, [70, 1, { progress: true }, ['part 2']]);
    expect(caller.calls.has(5)).toBe(true);
    dealer.yield(callee, [70, 1, {}, ['done']]);
    expect(caller.take()).toEqual([
      [50, 5, { progress: true }, ['part 1']],
      [50, 5, { progress: true }, ['part 2']],
      [50, 5, {}, ['done']],
    ]);
    expect(caller.calls.size).toBe(0);
  });

  it('drops (and counts) progressive YIELDs for a caller that did not ask', () => {
    const { ctx, dealer, caller } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    register(dealer, callee, 'com.example.stream');
    dealer.call(caller, call(5, 'com.example.stream'));
    expect(callee.take()[0]?.[3]).toEqual({});

    dealer.yield(callee, [70, 1, { progress: true }, ['part']]);
    expect(caller.inbox).toEqual([]);
    expect(ctx.stats.droppedProgress).toBe(1);
    dealer.yield(callee, [70, 1, {}, ['done']]);
    expect(caller.take()).toEqual([[50, 5, {}, ['done']]]);
  });

  it('streams progressive CALL chunks to the callee as progressive INVOCATIONs', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    const reg = register(dealer, callee, 'com.example.upload');

    dealer.call(caller, call(5, 'com.example.upload', { progress: true }, ['chunk 1']));
    const open = caller.calls.get(5) as PeerCall;
    dealer.continueCall(open, call(5, 'com.example.upload', { progress: true }, ['chunk 2']));
    expect(open.progressIn).toBe(true);
    dealer.continueCall(open, call(5, 'com.example.upload', {}, ['last']));
    expect(open.progressIn).toBe(false);
    expect(callee.take()).toEqual([
      [68, 1, reg, { progress: true }, ['chunk 1']],
      [68, 1, reg, { progress: true }, ['chunk 2']],
      [68, 1, reg, {}, ['last']],
    ]);
  });

  it('discards a CALL chunk naming another procedure', () => {
    const { ctx, dealer, caller } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    register(dealer, callee, 'com.example.upload');
    dealer.call(caller, call(5, 'com.example.upload', { progress: true }, ['chunk 1']));
    callee.take();

    dealer.continueCall(caller.calls.get(5) as PeerCall, call(5, 'com.example.other', { progress: true }));
    expect(callee.inbox).toEqual([]);
    expect(ctx.stats.discardedContinuations).toBe(1);
  });

  it('refuses a progressive CALL to a callee that cannot take progressive invocations with canceling', () => {
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE | Feature.CALLEE_PROGRESSIVE_INVOCATIONS);
    register(dealer, callee, 'com.example.upload');
    dealer.call(caller, call(5, 'com.example.upload', { progress: true }, ['chunk 1']));
    expect(callee.inbox).toEqual([]);
    expect(caller.take()).toEqual([
      [
        8,
        48,
        5,
        {},
        'wamp.error.feature_not_supported',
        ['the callee does not support progressive_call_invocations with call_canceling'],
      ],
    ]);
  });
});

describe('Dealer: canceling and timeouts', () => {
  function inFlight(features: number): Setup & { callee: TestPeer } {
    const s = setup();
    const callee = new TestPeer(11, features);
    register(s.dealer, callee, 'com.example.slow');
    s.dealer.call(s.caller, call(5, 'com.example.slow'));
    callee.take();
    return { ...s, callee };
  }

  it('killnowait (the default): ERROR canceled to the caller at once, INTERRUPT to the callee', () => {
    const { ctx, dealer, caller, callee } = inFlight(CALLEE | CANCELING);
    dealer.cancel(caller, [49, 5, {}]);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.canceled']]);
    expect(callee.take()).toEqual([[69, 1, { mode: 'killnowait' }]]);
    // The callee's answer comes too late for anyone.
    expect(dealer.yield(callee, [70, 1, {}])).toBe(true);
    expect(caller.inbox).toEqual([]);
    expect(ctx.stats.lateYields).toBe(1);
  });

  it("kill: INTERRUPT first, and the caller gets the callee's answer", () => {
    const { ctx, dealer, caller, callee } = inFlight(CALLEE | CANCELING);
    dealer.cancel(caller, [49, 5, { mode: 'kill' }]);
    expect(callee.take()).toEqual([[69, 1, { mode: 'kill' }]]);
    expect(caller.inbox).toEqual([]);
    // A second CANCEL while the kill is pending is ignored.
    dealer.cancel(caller, [49, 5, { mode: 'kill' }]);
    expect(ctx.stats.ignoredCancels).toBe(1);
    expect(callee.inbox).toEqual([]);

    dealer.error(callee, [8, 68, 1, {}, 'wamp.error.canceled', ['stopped']]);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.canceled', ['stopped']]]);
  });

  it('skip: ERROR canceled to the caller, nothing to the callee', () => {
    const { dealer, caller, callee } = inFlight(CALLEE | CANCELING);
    dealer.cancel(caller, [49, 5, { mode: 'skip' }]);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.canceled']]);
    expect(callee.inbox).toEqual([]);
  });

  it('treats any mode as skip for a callee without call_canceling', () => {
    const { dealer, caller, callee } = inFlight(CALLEE);
    dealer.cancel(caller, [49, 5, { mode: 'kill' }]);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.canceled']]);
    expect(callee.inbox).toEqual([]);
  });

  it('ignores (and counts) CANCEL for a call that is not in flight', () => {
    const { ctx, dealer, caller } = setup();
    dealer.cancel(caller, [49, 9, {}]);
    expect(caller.inbox).toEqual([]);
    expect(ctx.stats.ignoredCancels).toBe(1);
  });

  it('times a call out: ERROR timeout to the caller, INTERRUPT with the reason to the callee', () => {
    vi.useFakeTimers();
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE | CANCELING);
    register(dealer, callee, 'com.example.slow');
    dealer.call(caller, call(5, 'com.example.slow', { timeout: 100 }));
    expect(callee.take()).toEqual([[68, 1, 1, {}]]);

    vi.advanceTimersByTime(99);
    expect(caller.inbox).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.timeout', ['the call timed out']]]);
    expect(callee.take()).toEqual([[69, 1, { mode: 'killnowait', reason: 'wamp.error.timeout' }]]);
    expect(callee.invocations.size).toBe(0);
  });

  it('restarts the timeout with every progressive result', () => {
    vi.useFakeTimers();
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    register(dealer, callee, 'com.example.stream');
    dealer.call(caller, call(5, 'com.example.stream', { timeout: 100, receive_progress: true }));

    vi.advanceTimersByTime(80);
    dealer.yield(callee, [70, 1, { progress: true }, [1]]);
    vi.advanceTimersByTime(80);
    expect(caller.take()).toEqual([[50, 5, { progress: true }, [1]]]);
    vi.advanceTimersByTime(20);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.timeout', ['the call timed out']]]);
  });

  it('forwards the timeout to a callee that enforces it itself, and arms no timer', () => {
    vi.useFakeTimers();
    const { dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE | Feature.CALLEE_TIMEOUT);
    const reg = register(dealer, callee, 'com.example.slow', { forward_timeout: true });
    dealer.call(caller, call(5, 'com.example.slow', { timeout: 100 }));
    expect(callee.take()).toEqual([[68, 1, reg, { timeout: 100 }]]);
    vi.advanceTimersByTime(1000);
    expect(caller.inbox).toEqual([]);
  });
});

describe('Dealer: shared registrations (D.8)', () => {
  function shared(invoke: string, n = 3): Setup & { callees: TestPeer[]; reg: number } {
    const s = setup();
    const callees = Array.from({ length: n }, (_, i) => new TestPeer(11 + i, CALLEE));
    const ids = callees.map((c) => register(s.dealer, c, 'com.example.shared', { invoke }));
    expect(new Set(ids).size).toBe(1);
    return { ...s, callees, reg: ids[0] as number };
  }

  /** Makes `n` calls and returns which callee (by index) got each INVOCATION. */
  function route(s: Setup & { callees: TestPeer[] }, n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      s.dealer.call(s.caller, call(100 + i, 'com.example.shared'));
      out.push(s.callees.findIndex((c) => c.take().length > 0));
    }
    return out;
  }

  it('roundrobin cycles through the callees in registration order', () => {
    expect(route(shared('roundrobin'), 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('first and last always pick the first and the last callee', () => {
    expect(route(shared('first'), 3)).toEqual([0, 0, 0]);
    expect(route(shared('last'), 3)).toEqual([2, 2, 2]);
  });

  it('random picks by Math.random', () => {
    const s = shared('random');
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValueOnce(0.99).mockReturnValueOnce(0).mockReturnValueOnce(0.5);
    expect(route(s, 3)).toEqual([2, 0, 1]);
  });

  it('roundrobin skips a callee that unregistered, and the registration lives while one callee is left', () => {
    const s = shared('roundrobin');
    const [a, b, c] = s.callees as [TestPeer, TestPeer, TestPeer];
    s.dealer.unregister(b, 2, s.reg);
    expect(b.take()).toEqual([[67, 2]]);
    expect(route(s, 4)).toEqual([0, 2, 0, 2]);
    s.dealer.unregister(a, 2, s.reg);
    s.dealer.unregister(c, 2, s.reg);
    expect(s.dealer.byId.size).toBe(0);
    expect(s.ctx.meta.filter(([topic]) => topic === 'wamp.registration.on_delete')).toEqual([
      ['wamp.registration.on_delete', [c.id, s.reg]],
    ]);
  });

  it('refuses a second callee under another policy, under single, or the same session twice', () => {
    const { dealer } = setup();
    const a = new TestPeer(11, CALLEE);
    const b = new TestPeer(12, CALLEE);
    register(dealer, a, 'com.example.rr', { invoke: 'roundrobin' });
    register(dealer, a, 'com.example.single');

    dealer.register(b, 1, { invoke: 'first' }, 'com.example.rr');
    dealer.register(b, 2, {}, 'com.example.single');
    dealer.register(a, 3, { invoke: 'roundrobin' }, 'com.example.rr');
    const exists = 'wamp.error.procedure_already_exists';
    expect(b.take()).toEqual([
      [8, 64, 1, {}, exists, ['com.example.rr is registered with invoke "roundrobin", not "first"']],
      [8, 64, 2, {}, exists, ['com.example.single is already registered']],
    ]);
    expect(a.take()).toEqual([[8, 64, 3, {}, exists, ['this session already registered com.example.rr']]]);
  });
});

describe('Dealer: pattern registrations (D.7)', () => {
  it('prefers exact, then the longest prefix, then the most specific wildcard, and names the procedure', () => {
    const { dealer, caller } = setup();
    const exact = new TestPeer(11, CALLEE);
    const shortPrefix = new TestPeer(12, CALLEE);
    const longPrefix = new TestPeer(13, CALLEE);
    const wildcard = new TestPeer(14, CALLEE);
    const rExact = register(dealer, exact, 'com.example.add');
    const rShort = register(dealer, shortPrefix, 'com.', { match: 'prefix' });
    const rLong = register(dealer, longPrefix, 'com.example.', { match: 'prefix' });
    const rWild = register(dealer, wildcard, 'org..add', { match: 'wildcard' });

    dealer.call(caller, call(1, 'com.example.add', {}, [1]));
    dealer.call(caller, call(2, 'com.example.sub', {}, [2]));
    dealer.call(caller, call(3, 'com.other.sub', {}, [3]));
    dealer.call(caller, call(4, 'org.example.add', {}, [4]));
    dealer.call(caller, call(5, 'org.example.sub', {}, [5]));

    expect(exact.take()).toEqual([[68, 1, rExact, {}, [1]]]);
    expect(longPrefix.take()).toEqual([[68, 1, rLong, { procedure: 'com.example.sub' }, [2]]]);
    expect(shortPrefix.take()).toEqual([[68, 1, rShort, { procedure: 'com.other.sub' }, [3]]]);
    expect(wildcard.take()).toEqual([[68, 1, rWild, { procedure: 'org.example.add' }, [4]]]);
    expect(caller.take()).toEqual([
      [8, 48, 5, {}, 'wamp.error.no_such_procedure', ['no callee registered for org.example.sub']],
    ]);
  });

  it('keeps an exact and a prefix registration of the same URI apart', () => {
    const { dealer } = setup();
    const a = new TestPeer(11, CALLEE);
    const b = new TestPeer(12, CALLEE);
    const exact = register(dealer, a, 'com.example');
    const prefix = register(dealer, b, 'com.example', { match: 'prefix' });
    expect(exact).not.toBe(prefix);
    dealer.call(new TestPeer(22, CALLER), call(1, 'com.example'));
    dealer.call(new TestPeer(23, CALLER), call(1, 'com.example.sub'));
    expect(a.take()).toEqual([[68, 1, exact, {}]]);
    expect(b.take()).toEqual([[68, 1, prefix, { procedure: 'com.example.sub' }]]);
  });
});

describe('Dealer: a session leaving (B.3)', () => {
  it('fails the calls a leaving callee was serving and removes its registrations', () => {
    const { ctx, dealer, caller } = setup();
    const callee = new TestPeer(11, CALLEE);
    const reg = register(dealer, callee, 'com.example.slow');
    dealer.call(caller, call(5, 'com.example.slow'));

    dealer.removeSession(callee, true);
    expect(caller.take()).toEqual([[8, 48, 5, {}, 'wamp.error.canceled', ['the callee left']]]);
    expect(callee.registrations.size).toBe(0);
    expect(dealer.byId.size).toBe(0);
    expect(ctx.meta.slice(-2)).toEqual([
      ['wamp.registration.on_unregister', [11, reg]],
      ['wamp.registration.on_delete', [11, reg]],
    ]);
  });

  it('interrupts the callees of a leaving caller that support canceling', () => {
    const { ctx, dealer, caller } = setup();
    const cancelable = new TestPeer(11, CALLEE | CANCELING);
    const plain = new TestPeer(12, CALLEE);
    register(dealer, cancelable, 'com.example.a');
    register(dealer, plain, 'com.example.b');
    dealer.call(caller, call(5, 'com.example.a'));
    dealer.call(caller, call(6, 'com.example.b'));
    cancelable.take();
    plain.take();

    const before = ctx.meta.length;
    dealer.removeSession(caller, false);
    expect(cancelable.take()).toEqual([[69, 1, { mode: 'killnowait' }]]);
    expect(plain.inbox).toEqual([]);
    expect(ctx.meta.length).toBe(before);
    // The callees' answers arrive after the caller is gone.
    expect(dealer.yield(plain, [70, 1, {}])).toBe(true);
    expect(ctx.stats.lateYields).toBe(1);
  });
});

describe('Dealer: router-served procedures and the router as a caller', () => {
  it('answers a call to an internal procedure with its result, or its WampError', async () => {
    const { dealer, caller } = setup();
    dealer.procedures.set('wamp.test.echo', (c) => ({ args: [c.caller.id, ...c.args], kwargs: c.kwargs }));
    dealer.procedures.set('wamp.test.refuse', () => {
      throw new WampError('wamp.error.invalid_argument', ['bad']);
    });
    dealer.procedures.set('wamp.test.later', () => Promise.reject(new Error('boom')));

    dealer.call(caller, call(1, 'wamp.test.echo', {}, [1], { a: 1 }));
    dealer.call(caller, call(2, 'wamp.test.refuse'));
    dealer.call(caller, call(3, 'wamp.test.later'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(caller.take()).toEqual([
      [50, 1, {}, [22, 1], { a: 1 }],
      [8, 48, 2, {}, 'wamp.error.invalid_argument', ['bad']],
      [8, 48, 3, {}, 'wamp.error.runtime_error', ['boom']],
    ]);
  });

  it('routes the router’s own calls like any caller, progress callbacks included', async () => {
    const { dealer } = setup();
    const callee = new TestPeer(11, ALL_CALLEE);
    const reg = register(dealer, callee, 'com.example.sum');
    const internal = new InternalPeer();
    const progress: unknown[] = [];

    const answer = internal.call(dealer, 'com.example.sum', [1, 2], undefined, {
      onProgress: (args) => progress.push(args),
    });
    // The router is never disclosed: it has no session id.
    expect(callee.take()).toEqual([[68, 1, reg, { receive_progress: true }, [1, 2]]]);
    dealer.yield(callee, [70, 1, { progress: true }, ['half']]);
    dealer.yield(callee, [70, 1, {}, [3]]);
    await expect(answer).resolves.toEqual({ args: [3], kwargs: {} });
    expect(progress).toEqual([['half']]);

    const failed = internal.call(dealer, 'com.example.nothing', undefined, undefined, undefined);
    await expect(failed).rejects.toMatchObject({ uri: 'wamp.error.no_such_procedure' });
  });
});
