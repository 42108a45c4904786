/** `connect()`: resolves `ConnectOptions` to a `SessionConfig`, opens the session, waits for the join. */
import { clampTimerMs } from '../protocol/timer-limit.js';
import { loadSerializer } from '../serializers/load-serializer.js';
import { createAuthResponder } from './auth-responder.js';
import { resolveReconnect } from './backoff.js';
import type { ConnectOptions, DebugLogger } from './connect-options.js';
import { ConnectionError } from '../transport/connection-error.js';
import { errorRegistry } from './error-registry.js';
import { createUrlTransportFactory } from '../transport/select-transport.js';
import type { TransportFactory } from '../transport/types.js';
import { resolveRestoreRetry } from './restore-retry.js';
import { Session } from './session.js';

/**
 * Connects and joins `realm`; resolves with the joined {@link Session}. With a list of URLs (or
 * transport factories) it tries them in order, and after a lost link it fails over to the next.
 *
 * Rejects with a `ConnectionError` (`connect_failed`, `connect_timeout`) when the transport does
 * not come up, or with the router's ABORT as a `WampError` (e.g. `wamp.error.authentication_failed`).
 *
 * @example
 * await using session = await connect({ url: 'ws://127.0.0.1:8080/ws', realm: 'realm1' });
 * await session.register('com.example.add', ([a, b]) => Number(a) + Number(b));
 */
export async function connect(options: ConnectOptions): Promise<Session> {
  const session = new Session({
    realm: options.realm,
    factories: await transportFactories(options),
    ping:
      options.ping === undefined
        ? undefined
        : { interval: clampTimerMs(options.ping.interval), timeout: clampTimerMs(options.ping.timeout) },
    auth: await createAuthResponder(options.auth),
    reconnect: resolveReconnect(options.reconnect),
    // Clamped: setTimeout fires a delay above 2^31-1 ms after 1 ms.
    connectTimeout: clampTimerMs(options.connectTimeout ?? 10_000),
    goodbyeTimeout: clampTimerMs(options.goodbyeTimeout ?? 2_000),
    errors: options.errors ?? errorRegistry,
    agent: options.agent,
    hook: options.onMessage,
    log: resolveLogger(options.debug),
    lenientPayload: options.lenientPayload === true,
    restoreRetry: resolveRestoreRetry(options.restoreRetry),
  });
  if (options.onConnect) session.on('connect', options.onConnect);
  if (options.onChallenge) session.on('challenge', options.onChallenge);
  if (options.onJoin) session.on('join', options.onJoin);
  if (options.onLeave) session.on('leave', options.onLeave);
  if (options.onDisconnect) session.on('disconnect', options.onDisconnect);
  if (options.onReconnecting) session.on('reconnecting', options.onReconnecting);
  if (options.onReconnect) session.on('reconnect', options.onReconnect);
  if (options.onClose) session.on('close', options.onClose);
  if (options.onError) session.on('error', options.onError);
  if (options.onRestoreRetry) session.on('restore-retry', options.onRestoreRetry);
  if (options.onRestoreFailed) session.on('restore-failed', options.onRestoreFailed);
  await session.open();
  return session;
}

/**
 * One factory per URL, in the given order, or the custom `transport` factory (or factories). The
 * serializer is loaded here (msgpack and CBOR on first use), so a bundle without them stays small.
 */
async function transportFactories(options: ConnectOptions): Promise<TransportFactory[]> {
  const custom = options.transport;
  if (custom !== undefined) {
    const list = typeof custom === 'function' ? [custom] : [...custom];
    if (list.length === 0) throw new ConnectionError('connect_failed', '`transport` is an empty list');
    return list;
  }
  if (options.url === undefined)
    throw new ConnectionError('connect_failed', 'connect() needs `url` or `transport`');
  const urls = typeof options.url === 'string' ? [options.url] : [...options.url];
  if (urls.length === 0) throw new ConnectionError('connect_failed', '`url` is an empty list');
  const serializer = await loadSerializer(options.serializer ?? 'json');
  return urls.map((url) =>
    createUrlTransportFactory({
      url,
      serializer,
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      ...(options.wsOptions === undefined ? {} : { wsOptions: options.wsOptions }),
    }),
  );
}

function resolveLogger(debug: ConnectOptions['debug']): DebugLogger | undefined {
  if (debug === undefined || debug === false) return undefined;
  if (debug === true) return (event, data) => console.debug(`[wamp] ${event}`, data ?? '');
  return debug;
}
