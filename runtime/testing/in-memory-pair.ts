import type { PeerAcceptor } from '../transport/peer-link.js';
import { createRouter } from '../router/create-router.js';
import type { Router } from '../router/router.js';
import type { ConnectOptions } from '../session/connect-options.js';
import { connect } from '../session/connect.js';
import type { Session } from '../session/session.js';
import { createInMemoryTransportFactory } from '../transport/in-memory.js';

/** Options of {@link connectInMemory}: `connect()` options without url/transport. */
export type InMemoryConnectOptions = Partial<Omit<ConnectOptions, 'url' | 'transport'>>;

/**
 * Joins `router` (any PeerAcceptor) in memory, without a socket. Messages pass through the
 * chosen serializer (default json) both ways, so peers never share objects.
 *
 * @example
 * const session = await connectInMemory(router, { serializer: 'cbor' });
 */
export function connectInMemory(
  router: PeerAcceptor,
  options: InMemoryConnectOptions = {},
): Promise<Session> {
  const serializer = options.serializer ?? 'json';
  return connect({
    realm: 'realm1',
    ...options,
    transport: createInMemoryTransportFactory(router, { serializer }),
  });
}

/** Two in-memory sessions on one router: typically a caller and a callee. */
export interface InMemoryPair {
  readonly router: Router | PeerAcceptor;
  readonly caller: Session;
  readonly callee: Session;
  /** Leaves both sessions, and closes the router when the pair created it. */
  close(): Promise<void>;
}

/** Creates two joined in-memory sessions, on `router` or on a fresh embedded router. */
export async function createInMemoryPair(
  router?: PeerAcceptor,
  options: InMemoryConnectOptions = {},
): Promise<InMemoryPair> {
  const owned = router === undefined ? createRouter() : undefined;
  const acceptor = router ?? (owned as Router);
  const [caller, callee] = await Promise.all([
    connectInMemory(acceptor, options),
    connectInMemory(acceptor, options),
  ]);
  return {
    router: acceptor,
    caller,
    callee,
    async close() {
      await Promise.all([caller.leave(), callee.leave()]);
      await owned?.close();
    },
  };
}
