import { describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, WampError } from '../../../runtime/protocol/wamp-error.js';
import { connect } from '../../../runtime/session/connect.js';
import { isConnectionError } from '../../../runtime/transport/connection-error.js';
import { CLIENT_ROLES } from '../../../runtime/session/features.js';
import { createScriptedRouter, type ScriptedRouter, settle } from '../../helpers/scripted-router.js';

async function joined(router: ScriptedRouter = createScriptedRouter(), extra: object = {}) {
  const session = await connect({ realm: 'realm1', transport: router.factory, ...extra });
  return { router, session };
}

function expectAbort(router: ScriptedRouter, because?: string): void {
  const abort = router.sent.find((m) => m[0] === 3);
  expect(abort?.[2]).toBe(ErrorUri.PROTOCOL_VIOLATION);
  if (because !== undefined)
    expect((abort?.[1] as { message?: string } | undefined)?.message).toContain(because);
  expect(router.closedByClient()).toBe(true);
}

describe('opening handshake', () => {
  it('sends HELLO first, with the realm and exactly the implemented roles', async () => {
    const { router } = await joined();
    const hello = router.sent[0] as [number, string, { roles: unknown; agent: string }];
    expect(hello[0]).toBe(1);
    expect(hello[1]).toBe('realm1');
    expect(hello[2].roles).toEqual(CLIENT_ROLES);
  });

  it('announces call_canceling next to progressive_call_results for the callee', () => {
    expect(CLIENT_ROLES.callee?.features).toMatchObject({
      call_canceling: true,
      progressive_call_results: true,
    });
  });

  it('rejects connect with the ABORT reason and payload when the router refuses the join', async () => {
    const router = createScriptedRouter({ autoWelcome: false });
    const pending = connect({ realm: 'realm1', transport: router.factory });
    await router.waitFor((m) => m[0] === 1);
    router.deliver([3, { message: 'nope' }, 'wamp.error.no_such_realm', ['x']]);
    const error = await pending.catch((e: unknown) => e);
    expect(isWampError(error) && error.uri).toBe('wamp.error.no_such_realm');
    expect((error as WampError).args).toEqual(['x']);
  });

  it('answers CHALLENGE with AUTHENTICATE, over several rounds', async () => {
    const router = createScriptedRouter({ autoWelcome: false });
    const pending = connect({
      realm: 'realm1',
      transport: router.factory,
      auth: { method: 'ticket', authid: 'joe', ticket: 't0p' },
    });
    await router.waitFor((m) => m[0] === 1);
    router.deliver([4, 'ticket', {}]);
    expect(await router.waitFor((m) => m[0] === 5)).toEqual([5, 't0p', {}]);
    router.deliver([4, 'ticket', {}]);
    await settle();
    expect(router.sent.filter((m) => m[0] === 5)).toHaveLength(2);
    router.deliver([2, 9, { roles: { dealer: {} }, authid: 'joe' }]);
    expect((await pending).joinInfo?.authid).toBe('joe');
  });

  it('sends ABORT and rejects connect when it cannot answer a CHALLENGE', async () => {
    const router = createScriptedRouter({ autoWelcome: false });
    const pending = connect({
      realm: 'realm1',
      transport: router.factory,
      auth: { method: 'ticket', authid: 'joe', ticket: 't' },
    });
    await router.waitFor((m) => m[0] === 1);
    router.deliver([4, 'wampcra', { challenge: '{}' }]);
    const error = await pending.catch((e: unknown) => e);
    expect(isWampError(error) && error.uri).toBe(ErrorUri.NO_MATCHING_AUTH_METHOD);
    expect(router.sent.find((m) => m[0] === 3)?.[2]).toBe(ErrorUri.AUTHENTICATION_FAILED);
  });

  it('treats a RESULT before WELCOME as a protocol violation', async () => {
    const router = createScriptedRouter({ autoWelcome: false });
    const pending = connect({ realm: 'realm1', transport: router.factory });
    await router.waitFor((m) => m[0] === 1);
    router.deliver([50, 1, {}]);
    const error = await pending.catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('protocol_violation');
    expectAbort(router);
  });

  it('rejects connect with connect_timeout when no WELCOME comes', async () => {
    const router = createScriptedRouter({ autoWelcome: false });
    const error = await connect({ realm: 'realm1', transport: router.factory, connectTimeout: 20 }).catch(
      (e: unknown) => e,
    );
    expect(isConnectionError(error) && error.code).toBe('connect_timeout');
  });
});

describe('strict client state machine (B.2)', () => {
  it('aborts on a RESULT for a request id it never sent and rejects pending calls', async () => {
    const { router, session } = await joined();
    const call = session.call('com.x');
    router.deliver([50, 99, {}]);
    const error = await call.catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('protocol_violation');
    expectAbort(router, 'RESULT for unknown CALL request 99');
  });

  it('aborts on an EVENT for an unknown subscription', async () => {
    const { router } = await joined();
    router.deliver([36, 77, 1, {}]);
    await settle();
    expectAbort(router, 'EVENT for unknown subscription 77');
  });

  it('aborts on an INVOCATION for an unknown registration', async () => {
    const { router } = await joined();
    router.deliver([68, 1, 55, {}]);
    await settle();
    expectAbort(router, 'INVOCATION for unknown registration 55');
  });

  it('aborts on a second WELCOME', async () => {
    const { router } = await joined();
    router.deliver([2, 5, { roles: { broker: {} } }]);
    await settle();
    expectAbort(router);
    expect(router.sent.find((m) => m[0] === 3)?.[1]).toEqual({
      message: 'WELCOME is not allowed after WELCOME',
    });
  });

  it('aborts on a message only clients send, without reading it further', async () => {
    const { router } = await joined();
    // A CALL with a malformed Options: the type alone is the violation.
    router.deliver([48, 1, 'not a dict', 'com.example.x']);
    await settle();
    expectAbort(router, 'unexpected: CALL is sent by clients, not by a router');
  });

  it('aborts on a structurally bad message', async () => {
    const { router } = await joined();
    router.deliver([50, 'one', {}]);
    await settle();
    expectAbort(router);
  });

  it('aborts on a REGISTERED that reuses a registration id already in use', async () => {
    const { router, session } = await joined();
    const first = session.register('a.b', () => 1);
    router.deliver([65, 1, 10]);
    await first;
    const second = session.register('a.c', () => 2);
    router.deliver([65, 2, 10]);
    await expect(second).rejects.toBeInstanceOf(WampError);
    expectAbort(router, 'already in use');
  });

  it('ignores unknown option keys', async () => {
    const { router, session } = await joined();
    const call = session.call('com.x');
    router.deliver([50, 1, { x_custom: 1, _vendor_key: true }, [7]]);
    expect((await call).args).toEqual([7]);
  });

  it('uses one request id counter for all request types, starting at 1', async () => {
    const { router, session } = await joined();
    void session.register('a.b', () => 1);
    void session.subscribe('t.a', () => undefined);
    void session.call('c.d');
    void session.publish('t.b', [1]);
    await settle();
    expect(router.traffic().map((m) => [m[0], m[1]])).toEqual([
      [64, 1],
      [32, 2],
      [48, 3],
      [16, 4],
    ]);
  });

  it('rejects null kwargs as a violation unless lenientPayload is set', async () => {
    const strict = await joined();
    const failed = strict.session.call('c.d');
    strict.router.deliver([50, 1, {}, [1], null]);
    await expect(failed).rejects.toMatchObject({ code: 'protocol_violation' });

    const lenient = await joined(createScriptedRouter(), { lenientPayload: true });
    const ok = lenient.session.call('c.d');
    lenient.router.deliver([50, 1, {}, [1], null]);
    expect((await ok).args).toEqual([1]);
  });
});

describe('closing', () => {
  it('answers a router GOODBYE with goodbye_and_out and fails pending calls with session_closed', async () => {
    const { router, session } = await joined();
    const call = session.call('c.d');
    router.deliver([6, { message: 'bye' }, 'wamp.close.system_shutdown']);
    const error = await call.catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('session_closed');
    expect(router.sent.find((m) => m[0] === 6)).toEqual([6, {}, 'wamp.close.goodbye_and_out']);
  });

  it('leave() sends GOODBYE and resolves when the reply arrives', async () => {
    const { router, session } = await joined();
    const leaving = session.leave('wamp.close.close_realm', 'done');
    const goodbye = await router.waitFor((m) => m[0] === 6);
    expect(goodbye).toEqual([6, { message: 'done' }, 'wamp.close.close_realm']);
    router.deliver([6, {}, 'wamp.close.goodbye_and_out']);
    await leaving;
    expect(session.state).toBe('closed');
  });

  it('leave() gives up waiting for the GOODBYE reply after goodbyeTimeout', async () => {
    const { session } = await joined(createScriptedRouter(), { goodbyeTimeout: 10 });
    await session.leave();
    expect(session.state).toBe('closed');
  });

  it('await using sends GOODBYE on scope exit', async () => {
    const router = createScriptedRouter();
    {
      await using session = await connect({ realm: 'realm1', transport: router.factory, goodbyeTimeout: 10 });
      expect(session.isJoined).toBe(true);
    }
    expect(router.sent.some((m) => m[0] === 6)).toBe(true);
  });

  it('rejects calls in flight at once with connection_lost when the link drops', async () => {
    const { router, session } = await joined();
    const call = session.call('c.d');
    router.drop();
    const error = await call.catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('connection_lost');
  });

  it('rejects new calls with not_joined or session_closed when not joined', async () => {
    const { session } = await joined(createScriptedRouter(), { goodbyeTimeout: 10 });
    await session.leave();
    await expect(session.call('c.d')).rejects.toMatchObject({ code: 'session_closed' });
  });
});

describe('message hooks and debug log', () => {
  it('shows every outbound and inbound message to onMessage', async () => {
    const seen: Array<[string, number]> = [];
    await joined(createScriptedRouter(), {
      onMessage: (d: string, m: unknown[]) => seen.push([d, m[0] as number]),
    });
    expect(seen).toEqual([
      ['out', 1],
      ['in', 2],
    ]);
  });

  it('survives a throwing hook and reports it as an error', async () => {
    const errors: string[] = [];
    const { router, session } = await joined(createScriptedRouter(), {
      onMessage: () => {
        throw new Error('hook broke');
      },
      onError: (_e: unknown, where: string) => errors.push(where),
    });
    const call = session.call('c.d');
    router.deliver([50, 1, {}, [1]]);
    expect((await call).args).toEqual([1]);
    expect(errors).toContain('onMessage hook');
  });

  it('writes debug lines only when asked', async () => {
    const lines: string[] = [];
    await joined(createScriptedRouter(), { debug: (event: string) => lines.push(event) });
    expect(lines).toContain('join');
  });
});

describe('errors', () => {
  it('rejects a call with a WampError carrying uri, args, kwargs and details', async () => {
    const { router, session } = await joined();
    const call = session.call('c.d');
    router.deliver([8, 48, 1, { x: 1 }, 'com.example.oops', ['a'], { b: 2 }]);
    const error = (await call.catch((e: unknown) => e)) as WampError;
    expect(error).toBeInstanceOf(WampError);
    expect([error.uri, error.args, error.kwargs, error.details]).toEqual([
      'com.example.oops',
      ['a'],
      { b: 2 },
      { x: 1 },
    ]);
  });

  it('maps an ERROR with a non-CALL request type for an unknown request to a violation', async () => {
    const { router } = await joined();
    router.deliver([8, 64, 9, {}, ErrorUri.INVALID_URI]);
    await settle();
    expectAbort(router, 'ERROR for unknown REGISTER request 9');
  });

  it('rejects a failed REGISTER with the router error', async () => {
    const { router, session } = await joined();
    const reg = session.register('a.b', () => 1);
    router.deliver([8, 64, 1, {}, ErrorUri.PROCEDURE_ALREADY_EXISTS]);
    await expect(reg).rejects.toMatchObject({ uri: ErrorUri.PROCEDURE_ALREADY_EXISTS });
  });
});
