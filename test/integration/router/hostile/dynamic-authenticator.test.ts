/**
 * The dynamic authenticator is unaffected by anything a client sends (real sockets): a HELLO it
 * cannot be forwarded fails its own login, an abandoned HELLO cancels the authenticator's
 * invocation, and an unanswered one times out (cancelled too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterConfigInput } from '../../../../runtime/router/config/router-config-schema.js';
import type { RunningRouter } from '../../../../runtime/router/serve.js';
import { serve } from '../../../../runtime/router/serve.js';
import { firstOf, RAW_ROLES, RawWamp, ticketLogin } from '../../../helpers/raw-wamp.js';

const ABORT = 3;
const CHALLENGE = 4;
const REGISTER = 64;
const REGISTERED = 65;
const INVOCATION = 68;
const INTERRUPT = 69;
const YIELD = 70;
const PROCEDURE = 'com.example.authenticate';

function config(timeoutMs?: number): RouterConfigInput {
  return {
    transports: [{ type: 'websocket', port: 0 }],
    auth: {
      users: { 'auth-service': { role: 'trusted', ticket: 'svc-ticket' } },
      dynamic: {
        procedure: PROCEDURE,
        methods: ['wampcra'],
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      },
      // Every test login here fails on purpose; the throttle has its own tests.
      throttle: { maxFailuresPerAuthid: 0, maxFailuresPerAddress: 0 },
    },
  };
}

/** Joins as the authenticator (MessagePack, so its serializer differs from the clients') and registers. */
async function authenticator(router: RunningRouter): Promise<RawWamp> {
  const { peer, reply } = await ticketLogin(
    router.url,
    'auth-service',
    'svc-ticket',
    'realm1',
    RawWamp.msgpack,
  );
  expect(reply[0]).toBe(2);
  const registered = await peer.request((id) => [REGISTER, id, {}, PROCEDURE], REGISTERED);
  expect(registered[0]).toBe(REGISTERED);
  return peer;
}

/** A wampcra HELLO (the dynamic authenticator is asked at once). */
function hello(authid: string, authextra: Record<string, unknown> = {}): unknown[] {
  return [1, 'realm1', { roles: RAW_ROLES, authmethods: ['wampcra'], authid, authextra }];
}

/** A HELLO as JSON text whose authextra nests `levels` dicts deep (the project's own serializer would refuse to write it). */
function deepHello(authid: string, levels: number): string {
  const extra = `${'{"n":'.repeat(levels - 1)}{"leaf":true}${'}'.repeat(levels - 1)}`;
  const details = JSON.stringify({ roles: RAW_ROLES, authmethods: ['wampcra'], authid }).slice(0, -1);
  return `[1,"realm1",${details},"authextra":${extra}}]`;
}

describe('a hostile HELLO cannot reach the authenticator', () => {
  let router: RunningRouter;
  let service: RawWamp;

  beforeAll(async () => {
    router = await serve(config());
    service = await authenticator(router);
  });

  afterAll(async () => {
    service.close();
    await router.close();
  });

  it('fails the login of a deeply nested authextra and keeps the authenticator session', async () => {
    // 200 levels: the decoder refuses the frame itself (over the serializers' 128), before any login.
    const tooDeep = await RawWamp.open(router.url);
    tooDeep.sendFrame(deepHello('mallory', 200));
    expect((await tooDeep.next(ABORT))[2]).toBe('wamp.error.protocol_violation');
    // 120 levels decode, but wrapped in an INVOCATION they would exceed the 128 levels every
    // serializer writes, which used to end the authenticator's session (and every later login).
    const client = await RawWamp.open(router.url);
    client.sendFrame(deepHello('mallory', 120));
    const abort = await client.next(ABORT);
    expect(abort[2]).toBe('wamp.error.authentication_failed');
    expect(String((abort[1] as { message?: string }).message)).toContain(
      'authextra nests deeper than 16 levels',
    );
    expect(service.closed).toBe(false);
    expect(service.received.filter((m) => m[0] === INVOCATION)).toEqual([]);

    // A later login still reaches the authenticator and gets its challenge.
    const next = await RawWamp.open(router.url);
    next.send(hello('dora'));
    const invocation = await service.next(INVOCATION);
    service.send([YIELD, invocation[1], {}, [{ role: 'user', secret: 'dora-secret' }]]);
    expect((await firstOf(next, [CHALLENGE, ABORT]))[0]).toBe(CHALLENGE);
    next.close();
  });

  it('refuses an authextra larger than the limit without forwarding it', async () => {
    const client = await RawWamp.open(router.url);
    client.send(hello('mallory', { blob: 'x'.repeat(64 * 1024) }));
    const abort = await client.next(ABORT);
    expect(abort[2]).toBe('wamp.error.authentication_failed');
    expect(String((abort[1] as { message?: string }).message)).toContain('exceed 16384 bytes');
    expect(service.received.filter((m) => m[0] === INVOCATION)).toEqual([]);
  });

  it('cancels the invocation of every HELLO whose client goes away', async () => {
    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      const client = await RawWamp.open(router.url);
      client.send(hello(`gone-${i}`, { pad: 'p'.repeat(4000) }));
      const invocation = await service.next(INVOCATION);
      client.close();
      const interrupt = await service.next(INTERRUPT);
      expect(interrupt[1]).toBe(invocation[1]);
      expect(interrupt[2]).toMatchObject({ mode: 'killnowait' });
    }
    expect(service.closed).toBe(false);
  });
});

describe('an unanswered dynamic authentication times out', () => {
  let router: RunningRouter;
  let service: RawWamp;

  beforeAll(async () => {
    router = await serve(config(300));
    service = await authenticator(router);
  });

  afterAll(async () => {
    service.close();
    await router.close();
  });

  it('aborts the login with a clear reason and interrupts the authenticator', async () => {
    const client = await RawWamp.open(router.url);
    client.send(hello('slow'));
    const invocation = await service.next(INVOCATION);
    const abort = await client.next(ABORT);
    expect(abort[2]).toBe('wamp.error.authentication_failed');
    expect(String((abort[1] as { message?: string }).message)).toContain('did not answer within 300 ms');
    const interrupt = await service.next(INTERRUPT);
    expect(interrupt[1]).toBe(invocation[1]);
  });
});
