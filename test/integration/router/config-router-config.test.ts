import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRouterConfig } from '../../../runtime/router/config/load-router-config.js';
import type { ConfigIssue } from '../../../runtime/router/config/parse-router-config.js';
import { formatConfigIssues, parseRouterConfig } from '../../../runtime/router/config/parse-router-config.js';
import { RouterConfigError, serve } from '../../../runtime/router/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'wamp-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function issues(value: unknown): ConfigIssue[] {
  const r = parseRouterConfig(value);
  if (r.ok) throw new Error('expected the config to be refused');
  return [...r.issues];
}

describe('router config: defaults', () => {
  it('fills every default into an empty config', () => {
    const r = parseRouterConfig({});
    expect(r.ok && r.config).toEqual({
      realms: ['realm1'],
      transports: [{ type: 'websocket', host: '127.0.0.1', port: 8080, path: '/ws' }],
      auth: {
        anonymous: { allow: true, role: 'anonymous' },
        users: {},
        throttle: {
          maxFailuresPerAuthid: 5,
          maxFailuresPerAddress: 20,
          windowMs: 60_000,
          maxTrackedKeys: 10_000,
        },
      },
      limits: {
        maxMessageSize: 16 * 1024 * 1024,
        maxQueueBytes: 8 * 1024 * 1024,
        highWaterBytes: 1024 * 1024,
        lowWaterBytes: 256 * 1024,
        slowConsumerTimeoutMs: 10_000,
        openTimeoutMs: 30_000,
        maxConnections: 10_000,
        maxConnectionsPerIp: 1_000,
        handshakeTimeoutMs: 10_000,
        pingIntervalMs: 30_000,
        pingTimeoutMs: 10_000,
        tcpKeepAliveMs: 60_000,
        maxRegistrationsPerSession: 1_000,
        maxSubscriptionsPerSession: 1_000,
        maxCallsPerSession: 1_000,
        maxTestamentsPerSession: 100,
        maxRetainedTopics: 10_000,
      },
    });
  });

  it('defaults a RawSocket transport to port 8081 on 127.0.0.1', () => {
    const r = parseRouterConfig({ transports: [{ type: 'rawsocket' }] });
    expect(r.ok && r.config.transports[0]).toEqual({ type: 'rawsocket', host: '127.0.0.1', port: 8081 });
  });

  it('defaults a rule match to exact', () => {
    const r = parseRouterConfig({
      authorization: { roles: { anonymous: [{ uri: 'com.a', allow: ['call'] }] } },
    });
    expect(r.ok && r.config.authorization?.roles?.anonymous?.[0]?.match).toBe('exact');
  });
});

describe('router config: issues carry a stable code and a path', () => {
  it('reports a wrong type with its path', () => {
    expect(issues({ transports: [{ type: 'websocket', port: 'x' }] })).toContainEqual(
      expect.objectContaining({ code: 'config.invalid_type', path: 'transports[0].port' }),
    );
  });

  it('reports an unknown key', () => {
    expect(issues({ realm: 'realm1' })).toContainEqual(
      expect.objectContaining({ code: 'config.unrecognized_keys', path: '' }),
    );
  });

  it('reports an unknown transport type', () => {
    expect(issues({ transports: [{ type: 'http' }] })[0]?.path).toBe('transports[0].type');
  });

  it('reports an invalid realm URI as config.invalid_uri', () => {
    expect(issues({ realms: ['my realm'] })).toContainEqual(
      expect.objectContaining({ code: 'config.invalid_uri', path: 'realms[0]' }),
    );
  });

  it('reports a rule URI that does not fit its match policy', () => {
    expect(issues({ authorization: { roles: { r: [{ uri: 'com..x', allow: ['call'] }] } } })).toContainEqual(
      expect.objectContaining({ code: 'config.invalid_uri', path: 'authorization.roles.r[0].uri' }),
    );
  });

  it('reports a malformed cryptosign key', () => {
    expect(issues({ auth: { users: { u: { role: 'r', cryptosign: { pubkeys: ['abc'] } } } } })[0]?.path).toBe(
      'auth.users.u.cryptosign.pubkeys[0]',
    );
  });

  it('reports a user role missing from authorization as config.unknown_role', () => {
    expect(
      issues({
        auth: { users: { u: { role: 'admin', ticket: 't' } } },
        authorization: { roles: { user: [] } },
      }),
    ).toContainEqual(expect.objectContaining({ code: 'config.unknown_role', path: 'auth.users.u.role' }));
  });

  it('reports a user without credentials', () => {
    expect(issues({ auth: { users: { u: { role: 'r' } } } })).toContainEqual(
      expect.objectContaining({ code: 'config.no_credentials', path: 'auth.users.u' }),
    );
  });

  it('reports limits in the wrong order', () => {
    expect(issues({ limits: { highWaterBytes: 9 * 1024 * 1024 } })).toContainEqual(
      expect.objectContaining({ code: 'config.limits_order', path: 'limits.highWaterBytes' }),
    );
  });

  it('reports two transports on the same port', () => {
    expect(
      issues({
        transports: [
          { type: 'websocket', port: 9000 },
          { type: 'rawsocket', port: 9000 },
        ],
      }),
    ).toContainEqual(expect.objectContaining({ code: 'config.duplicate_port', path: 'transports[1].port' }));
  });

  it('reports a config that lets nobody in', () => {
    expect(issues({ auth: { anonymous: { allow: false } } })).toContainEqual(
      expect.objectContaining({ code: 'config.no_auth_method', path: 'auth' }),
    );
  });

  it('reports a dynamic authenticator realm that is not served', () => {
    expect(issues({ auth: { dynamic: { procedure: 'com.auth', realm: 'other' } } })).toContainEqual(
      expect.objectContaining({ code: 'config.unknown_realm', path: 'auth.dynamic.realm' }),
    );
  });

  it('formats issues one per line as code, path and message', () => {
    const text = formatConfigIssues([
      { code: 'config.invalid_type', path: 'limits.maxMessageSize', message: 'bad' },
    ]);
    expect(text).toBe('config.invalid_type at limits.maxMessageSize: bad');
  });
});

describe('router config: files', () => {
  it('reports a missing file as config.read_failed', async () => {
    const r = await loadRouterConfig(join(dir, 'missing.json'));
    expect(!r.ok && r.issues[0]?.code).toBe('config.read_failed');
  });

  it('reports invalid JSON as config.json_syntax', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "realms": [ }');
    const r = await loadRouterConfig(file);
    expect(!r.ok && r.issues[0]?.code).toBe('config.json_syntax');
  });

  it('resolves TLS file paths against the config file folder', async () => {
    const file = join(dir, 'tls.json');
    writeFileSync(
      file,
      JSON.stringify({ transports: [{ type: 'websocket', tls: { cert: 'c.pem', key: 'k/k.pem' } }] }),
    );
    const r = await loadRouterConfig(file);
    const t = r.ok ? r.config.transports[0] : undefined;
    expect(t?.type === 'websocket' && t.tls).toEqual({ cert: join(dir, 'c.pem'), key: join(dir, 'k/k.pem') });
  });

  it('makes serve() throw RouterConfigError with the issues of an invalid config', async () => {
    const error = await serve({ limits: { maxMessageSize: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterConfigError);
    expect((error as RouterConfigError).issues[0]?.path).toBe('limits.maxMessageSize');
  });
});
