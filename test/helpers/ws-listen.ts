/**
 * Starts the embedded router behind a real WebSocket listener on 127.0.0.1, port 0, for interop
 * tests with independent peers. Uses the project's own transport (`serve`).
 */
import type { RouterOptions } from '../../runtime/router/router-options.js';
import { type RunningRouter, serve } from '../../runtime/router/serve.js';

/** A running router with one WebSocket listener (json, msgpack, cbor) on an ephemeral port. */
export function listen(
  router: Omit<RouterOptions, 'realms' | 'authenticator' | 'authorizer'> = {},
): Promise<RunningRouter> {
  // The interop tests kill and inspect sessions through the meta API as anonymous peers.
  return serve(
    { transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }], authorization: { metaApi: 'open' } },
    { router },
  );
}
