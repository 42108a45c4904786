/**
 * `authorization.metaApi` (real sockets): with the default config anonymous sessions may not use
 * the destructive or disclosing meta procedures and topics; `open` restores them for development.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterConfigInput } from '../../../runtime/router/config/router-config-schema.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';
import { RawWamp, ticketLogin } from '../../helpers/raw-wamp.js';

const ERROR = 8;
const SUBSCRIBE = 32;
const SUBSCRIBED = 33;
const CALL = 48;
const RESULT = 50;

let router: RunningRouter | undefined;
const peers: RawWamp[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await router?.close();
  router = undefined;
});

async function start(config: RouterConfigInput = {}): Promise<RunningRouter> {
  router = await serve({ transports: [{ type: 'websocket', port: 0 }], ...config });
  return router;
}

async function anonymous(url: string): Promise<RawWamp> {
  const peer = await RawWamp.joined(url);
  peers.push(peer);
  return peer;
}

function call(peer: RawWamp, procedure: string, args: unknown[] = []): Promise<unknown[]> {
  return peer.request((id) => [CALL, id, {}, procedure, args], RESULT);
}

describe('metaApi: restricted (the default)', () => {
  it.each([
    ['wamp.session.kill_all', []],
    ['wamp.session.kill', [1]],
    ['wamp.session.kill_by_authid', ['x']],
    ['wamp.session.kill_by_authrole', ['anonymous']],
    ['wamp.session.get', [1]],
    ['wamp.registration.remove_callee', [1, 1]],
    ['wamp.subscription.remove_subscriber', [1, 1]],
  ])('refuses %s to an anonymous session with not_authorized', async (procedure, args) => {
    const { url } = await start();
    const attacker = await anonymous(url);
    const bystander = await anonymous(url);
    const reply = await call(attacker, procedure, args);
    expect(reply[0]).toBe(ERROR);
    expect(reply[4]).toBe('wamp.error.not_authorized');
    expect(bystander.closed).toBe(false);
  });

  it('refuses on_join (remote addresses) to anonymous sessions, also through a pattern', async () => {
    const { url } = await start();
    const peer = await anonymous(url);
    for (const [topic, match] of [
      ['wamp.session.on_join', 'exact'],
      ['wamp.session.', 'prefix'],
      ['', 'prefix'],
      ['wamp..on_join', 'wildcard'],
    ]) {
      const reply = await peer.request((id) => [SUBSCRIBE, id, { match }, topic], SUBSCRIBED);
      expect(reply[4], `${match} ${topic}`).toBe('wamp.error.not_authorized');
    }
  });

  it('keeps the harmless meta API open to anonymous sessions', async () => {
    const { url } = await start();
    const peer = await anonymous(url);
    expect((await call(peer, 'wamp.session.count'))[0]).toBe(RESULT);
    expect((await call(peer, 'wamp.session.list'))[0]).toBe(RESULT);
    const leave = await peer.request((id) => [SUBSCRIBE, id, {}, 'wamp.session.on_leave'], SUBSCRIBED);
    expect(leave[0]).toBe(SUBSCRIBED);
  });

  it('lets an authenticated session use the whole meta API', async () => {
    const { url } = await start({ auth: { users: { admin: { role: 'admin', ticket: 't' } } } });
    const victim = await anonymous(url);
    const { peer, reply } = await ticketLogin(url, 'admin', 't');
    peers.push(peer);
    expect(reply[0]).toBe(2);
    expect((await call(peer, 'wamp.session.kill_all'))[0]).toBe(RESULT);
    await victim.whenClosed();
  });
});

describe('metaApi: open', () => {
  it('lets anonymous sessions call wamp.session.kill_all', async () => {
    const { url } = await start({ authorization: { metaApi: 'open' } });
    const killer = await anonymous(url);
    const victim = await anonymous(url);
    expect((await call(killer, 'wamp.session.kill_all'))[0]).toBe(RESULT);
    await victim.whenClosed();
  });
});
