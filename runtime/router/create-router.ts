/** The entry point of the embedded router. */
import type { Router } from './router.js';
import { RouterCore } from './router-core.js';
import type { RouterOptions } from './router-options.js';

/**
 * Creates an embedded WAMP v2 router. It opens no sockets: transports hand it connections
 * with `router.attach(link)`.
 *
 * @example
 * const router = createRouter({ realms: ['realm1'] });
 * const handle = router.attach(link); // link: a PeerLink from a transport
 * handle.receive(helloMessage('realm1', { roles: { caller: {} } })); // from wamp-contracts/protocol
 * await router.close();
 */
export function createRouter(options: RouterOptions = {}): Router {
  return new RouterCore(options);
}
