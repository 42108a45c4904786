import { describe, expect, it } from 'vitest';
import { connect } from '../../../runtime/session/connect.js';
import type { EventContext } from '../../../runtime/session/types.js';
import { createScriptedRouter, settle } from '../../helpers/scripted-router.js';

async function joined(extra: object = {}) {
  const router = createScriptedRouter();
  const session = await connect({ realm: 'realm1', transport: router.factory, ...extra });
  return { router, session };
}

describe('publish', () => {
  it('maps camelCase options to PUBLISH.Options and resolves without waiting', async () => {
    const { router, session } = await joined();
    const id = await session.publish('t.a', [1], undefined, {
      excludeMe: false,
      eligible: [1],
      exclude: [2],
      eligibleAuthid: ['a'],
      excludeAuthid: ['b'],
      eligibleAuthrole: ['r'],
      excludeAuthrole: ['s'],
      discloseMe: true,
      retain: true,
    });
    expect(id).toBeUndefined();
    expect(router.traffic()[0]).toEqual([
      16,
      1,
      {
        exclude_me: false,
        disclose_me: true,
        retain: true,
        eligible: [1],
        exclude: [2],
        eligible_authid: ['a'],
        exclude_authid: ['b'],
        eligible_authrole: ['r'],
        exclude_authrole: ['s'],
      },
      't.a',
      [1],
    ]);
  });

  it('resolves with the publication id when acknowledged', async () => {
    const { router, session } = await joined();
    const published = session.publish('t.a', [], {}, { acknowledge: true });
    router.deliver([17, 1, 555]);
    expect(await published).toBe(555);
  });
});

describe('subscribe', () => {
  it('sends match and get_retained, and builds the event context', async () => {
    const { router, session } = await joined();
    let context: EventContext | undefined;
    const sub = session.subscribe(
      't',
      (_a, _k, ctx) => {
        context = ctx;
      },
      { match: 'prefix', getRetained: true },
    );
    expect(await router.waitFor((m) => m[0] === 32)).toEqual([
      32,
      1,
      { match: 'prefix', get_retained: true },
      't',
    ]);
    router.deliver([33, 1, 9]);
    await sub;
    router.deliver([36, 9, 77, { topic: 't.x', publisher: 3, publisher_authid: 'p', retained: true }, [1]]);
    await settle();
    expect(context).toMatchObject({
      topic: 't.x',
      publication: 77,
      publisher: 3,
      publisherAuthid: 'p',
      retained: true,
    });
  });

  it('shares one router subscription between handlers and unsubscribes with the last one', async () => {
    const { router, session } = await joined();
    const got: string[] = [];
    const first = session.subscribe('t', () => void got.push('first'));
    router.deliver([33, 1, 9]);
    const second = session.subscribe('t', () => void got.push('second'));
    router.deliver([33, 2, 9]);
    const [s1, s2] = await Promise.all([first, second]);
    expect(s1.id).toBe(9);
    expect(s2.id).toBe(9);
    router.deliver([36, 9, 1, {}]);
    await settle();
    expect(got).toEqual(['first', 'second']);
    await s1.unsubscribe();
    expect(router.traffic().some((m) => m[0] === 34)).toBe(false);
    const last = s2.unsubscribe();
    expect(await router.waitFor((m) => m[0] === 34)).toEqual([34, 3, 9]);
    router.deliver([35, 3]);
    await last;
  });

  it('drops EVENTs that arrive between UNSUBSCRIBE and UNSUBSCRIBED without a violation', async () => {
    const { router, session } = await joined();
    const sub = session.subscribe('t', () => undefined);
    router.deliver([33, 1, 9]);
    const unsubscribing = (await sub).unsubscribe();
    router.deliver([36, 9, 1, {}]);
    router.deliver([35, 2]);
    await unsubscribing;
    expect(session.stats.droppedEvents).toBe(1);
    expect(session.isJoined).toBe(true);
  });

  it('reports a throwing subscriber and keeps delivering', async () => {
    const errors: unknown[] = [];
    const { router, session } = await joined({ onError: (e: unknown) => errors.push(e) });
    let calls = 0;
    const sub = session.subscribe('t', () => {
      calls++;
      throw new Error('subscriber failed');
    });
    router.deliver([33, 1, 9]);
    await sub;
    router.deliver([36, 9, 1, {}]);
    router.deliver([36, 9, 2, {}]);
    await settle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
    expect(session.isJoined).toBe(true);
  });

  it('reports a rejecting async subscriber', async () => {
    const errors: unknown[] = [];
    const { router, session } = await joined({ onError: (e: unknown) => errors.push(e) });
    const sub = session.subscribe('t', async () => {
      throw new Error('async failure');
    });
    router.deliver([33, 1, 9]);
    await sub;
    router.deliver([36, 9, 1, {}]);
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('forgets a subscription the router revokes', async () => {
    const errors: unknown[] = [];
    const { router, session } = await joined({ onError: (e: unknown) => errors.push(e) });
    const sub = session.subscribe('t', () => undefined);
    router.deliver([33, 1, 9]);
    await sub;
    router.deliver([35, 0, { subscription: 9, reason: 'wamp.error.not_authorized' }]);
    await settle();
    expect(errors).toHaveLength(1);
    router.deliver([36, 9, 1, {}]);
    await settle();
    expect(session.isJoined).toBe(false);
  });
});
