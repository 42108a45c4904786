/**
 * Runs the embedded router from a config: builds auth from it, creates the router core and starts
 * every configured listener. What `wamp-contracts router` runs.
 */
import { readFile } from 'node:fs/promises';
import { cborSerializer } from '../serializers/cbor.js';
import { jsonSerializer } from '../serializers/json.js';
import { msgpackSerializer } from '../serializers/msgpack.js';
import type { Serializer } from '../serializers/types.js';
import { createAuthenticator } from './auth/create-authenticator.js';
import { createAuthorizer, knownRoles } from './auth/create-authorizer.js';
import type { ConfigIssue } from './config/parse-router-config.js';
import { formatConfigIssues, parseRouterConfig } from './config/parse-router-config.js';
import type { RouterConfig, RouterConfigInput } from './config/router-config-schema.js';
import { createRouter } from './create-router.js';
import type { Router } from './router.js';
import type { RouterOptions } from './router-options.js';
import type { ConnectionStats } from './transports/connection-gate.js';
import { createConnectionGate } from './transports/connection-gate.js';
import type { FlowStats } from './transports/flow-control.js';
import { createFlowControl } from './transports/flow-control.js';
import type { LinkContext } from './transports/link-context.js';
import type { Listener } from './transports/listener.js';
import { listenRawSocket } from './transports/rawsocket-listener.js';
import type { TransportCounters, TransportLog } from './transports/transport-log.js';
import { createTransportReporter } from './transports/transport-log.js';
import { listenWebSocket } from './transports/websocket-listener.js';

/** Every serializer the router speaks, in its order of preference. */
const SERIALIZERS: readonly Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

/** Options of {@link serve} that are not part of the JSON config. */
export interface ServeOptions {
  /** Receives transport diagnostics (dropped frames, closed connections); they are counted anyway. */
  readonly log?: TransportLog;
  /** Router core options beyond the config (agent, message hook, request-id strictness...). */
  readonly router?: Omit<RouterOptions, 'realms' | 'authenticator' | 'authorizer'>;
}

/** A running router. */
export interface RunningRouter {
  /** The first listener's URL, with the real port (e.g. `ws://127.0.0.1:8080/ws`). */
  readonly url: string;
  /** Every listener's URL, in config order (`rs://host:port` for RawSocket). */
  readonly urls: readonly string[];
  readonly router: Router;
  /** The validated config, defaults filled in. */
  readonly config: RouterConfig;
  /** Transport diagnostics by code. */
  readonly transportCounters: Readonly<TransportCounters>;
  /** Flow-control counters (congestions, pauses, overflows, slow consumers). */
  readonly flowStats: Readonly<FlowStats>;
  /** Outbound bytes buffered over every connection right now (walks every connection). */
  queuedBytes(): number;
  /** Connections open now and refused for a cap (`maxConnections`, `maxConnectionsPerIp`). */
  readonly connectionStats: Readonly<ConnectionStats>;
  /** GOODBYE `wamp.close.system_shutdown` to every session, then closes every listener. Idempotent. */
  close(): Promise<void>;
}

/** Thrown by {@link serve} for an invalid config; `issues` says what and where. */
export class RouterConfigError extends Error {
  override readonly name = 'RouterConfigError';
  readonly code = 'config.invalid';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid router config:\n${formatConfigIssues(issues)}`);
  }
}

/**
 * Validates `config` (a parsed `router.json`, or `{}` for every default), starts the router and
 * its listeners, and resolves once all of them accept connections.
 *
 * @example
 * const running = await serve({ transports: [{ type: 'websocket', port: 0 }] });
 * console.log(running.url); // ws://127.0.0.1:54321/ws
 * await running.close();
 */
export async function serve(
  config: RouterConfigInput = {},
  options: ServeOptions = {},
): Promise<RunningRouter> {
  const parsed = parseRouterConfig(config);
  if (!parsed.ok) throw new RouterConfigError(parsed.issues);
  const cfg = parsed.config;
  const tls = await loadTls(cfg);

  let router: Router | undefined;
  // Without role rules any role is fine (undefined); with them, WELCOME needs a listed role.
  const roles = knownRoles(cfg.authorization);
  const authenticator = createAuthenticator({
    auth: cfg.auth,
    realms: cfg.realms,
    invoke: async (realm, procedure, args, kwargs, invokeOptions) => {
      if (router === undefined) throw new Error('router not started');
      const signal = invokeOptions?.signal;
      const result = await router.call(
        realm,
        procedure,
        args,
        kwargs,
        signal === undefined ? {} : { signal },
      );
      return result.args.length > 0 ? result.args[0] : result.kwargs;
    },
    ...(roles === undefined ? {} : { knownRoles: roles }),
  });
  const l = cfg.limits;
  const created = createRouter({
    ...options.router,
    quotas: {
      maxRegistrationsPerSession: l.maxRegistrationsPerSession,
      maxSubscriptionsPerSession: l.maxSubscriptionsPerSession,
      maxCallsPerSession: l.maxCallsPerSession,
      maxTestamentsPerSession: l.maxTestamentsPerSession,
      maxRetainedTopics: l.maxRetainedTopics,
      ...options.router?.quotas,
    },
    realms: cfg.realms,
    authenticator,
    authorizer: createAuthorizer(cfg.authorization),
  });
  router = created;

  const reporter = createTransportReporter(options.log);
  const flow = createFlowControl(cfg.limits);
  const gate = createConnectionGate(cfg.limits, reporter);
  const ctx: LinkContext = {
    acceptor: created,
    flow,
    reporter,
    maxMessageSize: cfg.limits.maxMessageSize,
    openTimeoutMs: cfg.limits.openTimeoutMs,
    gate,
    handshakeTimeoutMs: cfg.limits.handshakeTimeoutMs,
    pingIntervalMs: cfg.limits.pingIntervalMs,
    pingTimeoutMs: cfg.limits.pingTimeoutMs,
    tcpKeepAliveMs: cfg.limits.tcpKeepAliveMs,
  };
  const listeners: Listener[] = [];
  try {
    for (const [i, t] of cfg.transports.entries()) {
      if (t.type === 'websocket') {
        const files = tls[i];
        const base = { host: t.host, port: t.port, path: t.path, serializers: SERIALIZERS };
        listeners.push(await listenWebSocket(files === undefined ? base : { ...base, tls: files }, ctx));
      } else {
        listeners.push(await listenRawSocket({ host: t.host, port: t.port, serializers: SERIALIZERS }, ctx));
      }
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    await created.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const urls = listeners.map((l) => l.url);
  return {
    url: urls[0]!,
    urls,
    router: created,
    config: cfg,
    transportCounters: reporter.counters,
    flowStats: flow.stats,
    queuedBytes: () => flow.queuedBytes(),
    connectionStats: gate.stats,
    close() {
      closing ??= (async () => {
        await created.close();
        await Promise.all(listeners.map((l) => l.close()));
      })();
      return closing;
    },
  };
}

/** Reads the PEM files of every `wss` transport, by transport index. */
async function loadTls(cfg: RouterConfig): Promise<Record<number, { cert: Buffer; key: Buffer }>> {
  const out: Record<number, { cert: Buffer; key: Buffer }> = {};
  for (const [i, t] of cfg.transports.entries()) {
    if (t.type !== 'websocket' || t.tls === undefined) continue;
    out[i] = { cert: await readFile(t.tls.cert), key: await readFile(t.tls.key) };
  }
  return out;
}
