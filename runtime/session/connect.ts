/** `connect()`: resolves `ConnectOptions` to a `SessionConfig`, opens the session, waits for the join. */
import { clampTimerMs } from '../protocol/timer-limit.js';
import { getSerializer } from '../serializers/registry.js';
import { createAuthResponder } from './auth-responder.js';
import { resolveReconnect } from './backoff.js';
import type { ConnectOptions, DebugLogger } from './connect-options.js';
import { ConnectionError } from '../transport/connection-error.js';
import { errorRegistry } from './error-registry.js';
import { createUrlTransportFactory } from '../transport/select-transport.js';
import { Session } from './session.js';

/**
 * Connects and joins `realm`; resolves with the joined {@link Session}.
 *
 * Rejects with a `ConnectionError` (`connect_failed`, `connect_timeout`) when the transport does
 * not come up, or with the router's ABORT as a `WampError` (e.g. `wamp.error.authentication_failed`).
 *
 * @example
 * await using session = await connect({ url: 'ws://127.0.0.1:8080/ws', realm: 'realm1' });
 * await session.register('com.example.add', ([a, b]) => Number(a) + Number(b));
 */
export async function connect(options: ConnectOptions): Promise<Session> {
  const serializer = getSerializer(options.serializer ?? 'json');
  let factory = options.transport;
  if (factory === undefined) {
    if (options.url === undefined)
      throw new ConnectionError('connect_failed', 'connect() needs `url` or `transport`');
    factory = createUrlTransportFactory({
      url: options.url,
      serializer,
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      ...(options.wsOptions === undefined ? {} : { wsOptions: options.wsOptions }),
      ...(options.ping === undefined
        ? {}
        : {
            ping: {
              interval: clampTimerMs(options.ping.interval),
              timeout: clampTimerMs(options.ping.timeout),
            },
          }),
    });
  }
  const session = new Session({
    realm: options.realm,
    factory,
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
  await session.open();
  return session;
}

function resolveLogger(debug: ConnectOptions['debug']): DebugLogger | undefined {
  if (debug === undefined || debug === false) return undefined;
  if (debug === true) return (event, data) => console.debug(`[wamp] ${event}`, data ?? '');
  return debug;
}
