import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../../runtime/router/auth/create-authorizer.js';
import { uriMatches } from '../../../runtime/router/auth/uri-matcher.js';
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
