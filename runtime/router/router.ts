/** The public face of the embedded router: what `createRouter` returns. */
import type { Args, Kwargs, PublishMessageOptions } from '../protocol/messages.js';
import type { PeerAcceptor } from '../transport/peer-link.js';
import type { RouterStats } from './core/router-stats.js';
import type { InternalCallOptions, InternalCallResult } from './routing/internal-peer.js';

export type { InternalCallOptions, InternalCallResult };

/**
 * An embedded WAMP v2 router. Transports hand it connections through {@link PeerAcceptor.attach};
 * it never touches sockets itself.
 */
export interface Router extends PeerAcceptor {
  /** Counters for everything dropped or ignored on purpose. */
  readonly stats: Readonly<RouterStats>;
  /** Names of the realms that exist now. */
  realmNames(): string[];
  /** Creates a realm (no-op when it exists). Throws `WampError(wamp.error.invalid_uri)` on a bad name. */
  addRealm(name: string): void;
  /** Number of established sessions across all realms. */
  sessionCount(): number;
  /**
   * Calls a procedure in `realm` as the router itself (no authorization, never disclosed);
   * rejects with a `WampError` carrying the callee's or the dealer's error URI.
   */
  call(
    realm: string,
    procedure: string,
    args?: Args,
    kwargs?: Kwargs,
    options?: InternalCallOptions,
  ): Promise<InternalCallResult>;
  /** Publishes in `realm` as the router itself; returns the publication id. */
  publish(
    realm: string,
    topic: string,
    args?: Args,
    kwargs?: Kwargs,
    options?: PublishMessageOptions,
  ): number;
  /**
   * Ends every session with GOODBYE `wamp.close.system_shutdown`, waits briefly for the replies,
   * then closes every link. Idempotent.
   */
  close(): Promise<void>;
}
