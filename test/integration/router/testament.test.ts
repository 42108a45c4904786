import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.js';
import type { Router } from '../../../runtime/router/router.js';
import { FakePeer } from '../../helpers/fake-peer.js';

async function peers(n: number, router: Router = createRouter()): Promise<FakePeer[]> {
  const out: FakePeer[] = [];
  for (let i = 0; i < n; i++) out.push(await new FakePeer(router).join());
  return out;
}

describe('testament meta API (D.20)', () => {
  it('publishes a testament when its session link drops', async () => {
    const [w, t] = await peers(2);
    w!.subscribe('com.example.gone');
    const r = await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', ['bye'], { who: 1 }]);
    expect(r[0]).toBe(50);
    t!.handle.closed();
    expect(w!.last()?.slice(3)).toEqual([{}, ['bye'], { who: 1 }]);
  });

  it('publishes a testament when its session says GOODBYE', async () => {
    const [w, t] = await peers(2);
    w!.subscribe('com.example.gone');
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', [], {}]);
    t!.receive([6, {}, 'wamp.close.close_realm']);
    expect(w!.last()?.[0]).toBe(36);
  });

  it('publishes detached testaments before destroyed ones, each in insertion order', async () => {
    const [w, t] = await peers(2);
    w!.subscribe('com.example.gone');
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', ['d1'], {}]);
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', ['x1'], {}], {
      scope: 'detached',
    });
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', ['d2'], {}]);
    t!.handle.closed();
    expect(w!.take().map((e) => (e[4] as string[])[0])).toEqual(['x1', 'd1', 'd2']);
  });

  it('publishes nothing after flush_testaments', async () => {
    const [w, t] = await peers(2);
    w!.subscribe('com.example.gone');
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', [], {}]);
    await t!.callAndWait('wamp.session.flush_testaments');
    t!.handle.closed();
    expect(w!.take()).toEqual([]);
  });

  it('applies the testament publish_options', async () => {
    const [w, other, t] = await peers(3);
    w!.subscribe('com.example.gone');
    other!.subscribe('com.example.gone');
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', [], {}], {
      publish_options: { exclude: [other!.sessionId] },
    });
    t!.handle.closed();
    expect(w!.take().length).toBe(1);
    expect(other!.take()).toEqual([]);
  });

  it('answers invalid_uri for a malformed testament topic', async () => {
    const [t] = await peers(1);
    expect((await t!.callAndWait('wamp.session.add_testament', ['bad topic', [], {}]))[4]).toBe(
      'wamp.error.invalid_uri',
    );
  });

  it('answers invalid_argument for an unknown scope', async () => {
    const [t] = await peers(1);
    const r = await t!.callAndWait('wamp.session.add_testament', ['a.b', [], {}], { scope: 'forever' });
    expect(r[4]).toBe('wamp.error.invalid_argument');
  });

  it('does not publish testaments of sessions ended by kill_all', async () => {
    const [w, t] = await peers(2);
    w!.subscribe('com.example.gone');
    await t!.callAndWait('wamp.session.add_testament', ['com.example.gone', [], {}]);
    await w!.callAndWait('wamp.session.kill_all');
    expect(w!.take()).toEqual([]);
  });
});
