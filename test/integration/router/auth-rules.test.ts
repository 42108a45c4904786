import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../../runtime/router/auth/create-authorizer.js';
import { ruleCovers, uriMatches } from '../../../runtime/router/auth/uri-matcher.js';
import { createRouter } from '../../../runtime/router/create-router.js';
import { claimsReserved } from '../../../runtime/router/session/reserved-namespace.js';
import { FakePeer } from '../../helpers/fake-peer.js';
import type { Principal } from '../../../runtime/router/session/auth-types.js';

const user: Principal = { authid: 'u', authrole: 'user', authmethod: 'ticket', authprovider: 'static' };
const guest: Principal = { ...user, authrole: 'guest' };

describe('uriMatches', () => {
  it('matches exact URIs only when equal', () => {
    expect(uriMatches('com.a.b', 'exact', 'com.a.b')).toBe(true);
    expect(uriMatches('com.a.b', 'exact', 'com.a.bc')).toBe(false);
  });

  it('matches prefixes as plain string prefixes, not component prefixes', () => {
    expect(uriMatches('com.a.b', 'prefix', 'com.a.bc')).toBe(true);
    expect(uriMatches('com.a.', 'prefix', 'com.a.b.c')).toBe(true);
    expect(uriMatches('com.a.', 'prefix', 'com.b')).toBe(false);
  });

  it('matches wildcard empty components against exactly one component', () => {
    expect(uriMatches('com..status', 'wildcard', 'com.pump.status')).toBe(true);
    expect(uriMatches('com..status', 'wildcard', 'com.pump.a.status')).toBe(false);
    expect(uriMatches('com..status', 'wildcard', 'org.pump.status')).toBe(false);
  });
});

describe('createAuthorizer', () => {
  const authorizer = createAuthorizer({
    roles: {
      user: [
        { uri: 'com.example.', match: 'prefix', allow: ['call', 'subscribe'] },
        { uri: 'com.example.svc.add', match: 'exact', allow: ['register'] },
        { uri: 'wamp.', match: 'prefix', allow: ['register', 'publish', 'call'] },
      ],
      guest: [],
    },
  });

  it('allows an action a matching rule lists', () => {
    expect(authorizer.authorize(user, 'realm1', 'call', 'com.example.svc.add')).toBe(true);
    expect(authorizer.authorize(user, 'realm1', 'register', 'com.example.svc.add')).toBe(true);
  });

  it('refuses an action the matching rules do not list', () => {
    expect(authorizer.authorize(user, 'realm1', 'publish', 'com.example.svc.add')).toBe(false);
    expect(authorizer.authorize(user, 'realm1', 'register', 'com.example.svc.sub')).toBe(false);
  });

  it('refuses everything to a role without rules or not listed', () => {
    expect(authorizer.authorize(guest, 'realm1', 'call', 'com.example.x')).toBe(false);
    expect(authorizer.authorize({ ...user, authrole: 'other' }, 'realm1', 'call', 'com.example.x')).toBe(
      false,
    );
  });

  it('never grants register or publish in the reserved wamp namespace', () => {
    expect(authorizer.authorize(user, 'realm1', 'register', 'wamp.session.get')).toBe(false);
    expect(authorizer.authorize(user, 'realm1', 'publish', 'wamp.session.on_join')).toBe(false);
    expect(authorizer.authorize(user, 'realm1', 'call', 'wamp.session.get')).toBe(true);
  });

  it('allows everything outside wamp.* when no authorization is configured', () => {
    const open = createAuthorizer();
    expect(open.authorize(guest, 'realm1', 'register', 'com.any')).toBe(true);
    expect(open.authorize(guest, 'realm1', 'register', 'wamp.any')).toBe(false);
  });
});

describe('ruleCovers: which rules grant a pattern request', () => {
  it('grants a prefix request only through a prefix rule it starts with', () => {
    expect(ruleCovers('com.example.', 'prefix', 'com.example.news', 'prefix')).toBe(true);
    expect(ruleCovers('', 'prefix', 'anything', 'prefix')).toBe(true);
    expect(ruleCovers('com.example.news', 'exact', 'com.example.news', 'prefix')).toBe(false);
    expect(ruleCovers('com.example.news.', 'prefix', 'com.example.news', 'prefix')).toBe(false);
    expect(ruleCovers('com..news', 'wildcard', 'com.x.news', 'prefix')).toBe(false);
  });

  it('grants a wildcard request through an equal-or-wider wildcard rule or a prefix of its fixed part', () => {
    expect(ruleCovers('com..status', 'wildcard', 'com..status', 'wildcard')).toBe(true);
    expect(ruleCovers('com..', 'wildcard', 'com.pump.', 'wildcard')).toBe(true);
    expect(ruleCovers('com.pump.', 'wildcard', 'com..status', 'wildcard')).toBe(false);
    expect(ruleCovers('com..status', 'wildcard', 'com..status.x', 'wildcard')).toBe(false);
    expect(ruleCovers('com.example.', 'prefix', 'com.example..status', 'wildcard')).toBe(true);
    expect(ruleCovers('com.example.p', 'prefix', 'com.example..status', 'wildcard')).toBe(false);
    expect(ruleCovers('com.example..status', 'exact', 'com.example..status', 'wildcard')).toBe(false);
  });

  it('reads an exact request as before', () => {
    expect(ruleCovers('com.example.news', 'exact', 'com.example.news', 'exact')).toBe(true);
    expect(ruleCovers('com.', 'prefix', 'com.example.news', 'exact')).toBe(true);
  });
});

describe('the reserved namespace', () => {
  it('knows which registration patterns can match a wamp. procedure', () => {
    for (const [uri, match] of [
      ['wamp.session.get', 'exact'],
      ['wamp', 'prefix'],
      ['', 'prefix'],
      ['wamp.', 'prefix'],
      ['.registration.remove_callee', 'wildcard'],
      ['wamp..get', 'wildcard'],
    ] as const) {
      expect(claimsReserved('register', uri, match), `${match} ${uri}`).toBe(true);
    }
    for (const [uri, match] of [
      ['com.example', 'prefix'],
      ['wampx.', 'prefix'],
      ['com..get', 'wildcard'],
      ['wamp', 'exact'],
    ] as const) {
      expect(claimsReserved('register', uri, match), `${match} ${uri}`).toBe(false);
    }
    expect(claimsReserved('subscribe', '', 'prefix')).toBe(false);
  });

  it('is refused by the session even when a custom authorizer allows everything; the authorizer sees the match', async () => {
    const seen: unknown[] = [];
    const router = createRouter({
      authorizer: {
        authorize: (_p, _r, action, uri, request) => {
          seen.push([action, uri, request?.match]);
          return true;
        },
      },
    });
    const peer = await new FakePeer(router).join();
    expect(() => peer.register('wamp', { match: 'prefix' })).toThrow(/wamp.error.not_authorized/);
    expect(() => peer.register('.registration.remove_callee', { match: 'wildcard' })).toThrow(
      /wamp.error.not_authorized/,
    );
    peer.subscribe('com.example.', { match: 'prefix' });
    peer.register('com..status', { match: 'wildcard' });
    expect(seen).toEqual([
      ['subscribe', 'com.example.', 'prefix'],
      ['register', 'com..status', 'wildcard'],
    ]);
  });
});
