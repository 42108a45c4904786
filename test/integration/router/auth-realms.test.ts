/** Configured principals are scoped to their realms (real sockets). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRouterConfig } from '../../../runtime/router/config/parse-router-config.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { ticketLogin } from '../../helpers/raw-wamp.js';

let router: RunningRouter;

beforeAll(async () => {
  router = await serve({
    realms: ['realm1', 'realm2'],
    transports: [{ type: 'websocket', port: 0 }],
    auth: {
      users: {
        scoped: { role: 'user', ticket: 'scoped-ticket', realms: ['realm2'] },
        everywhere: { role: 'user', ticket: 'open-ticket' },
      },
    },
  });
});

afterAll(async () => {
  await router.close();
});

async function login(authid: string, ticket: string, realm: string): Promise<unknown[]> {
  const { peer, reply } = await ticketLogin(router.url, authid, ticket, realm);
  peer.close();
  return reply;
}

describe('users[].realms', () => {
  it('lets a user join the realms it lists', async () => {
    const welcome = await login('scoped', 'scoped-ticket', 'realm2');
    expect(welcome[0]).toBe(2);
  });

  it('refuses another realm with ABORT wamp.error.not_authorized, after the credential check', async () => {
    const abort = await login('scoped', 'scoped-ticket', 'realm1');
    expect(abort[0]).toBe(3);
    expect(abort[2]).toBe('wamp.error.not_authorized');
    expect((abort[1] as { message: string }).message).toBe('scoped may not join realm realm1');
    expect((await login('scoped', 'wrong', 'realm1'))[2]).toBe('wamp.error.authentication_denied');
  });

  it('lets a user without realms join every realm (existing configs keep working)', async () => {
    expect((await login('everywhere', 'open-ticket', 'realm1'))[0]).toBe(2);
    expect((await login('everywhere', 'open-ticket', 'realm2'))[0]).toBe(2);
  });

  it('reports a realm the config does not have', () => {
    const r = parseRouterConfig({ auth: { users: { u: { role: 'x', ticket: 't', realms: ['nope'] } } } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({ code: 'config.unknown_realm', path: 'auth.users.u.realms' }),
      );
  });
});
