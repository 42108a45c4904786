/** What a router session needs from the router that owns it (`RouterCore` implements it). */
import type { MessageDirection } from '../../protocol/messages.js';
import type { PeerHandle } from '../../transport/peer-link.js';
import type { RouterQuotas } from '../core/quotas.js';
import type { RouterStats } from '../core/router-stats.js';
import type { Realm } from '../realm/realm.js';
import type { Authenticator, Authorizer } from './auth-types.js';

/**
 * Called for every message a session receives (after decoding) and sends; `session` is 0 before
 * WELCOME. Keep it cheap: it runs on the routing path.
 */
export type RouterMessageHook = (
  direction: MessageDirection,
  session: number,
  message: readonly unknown[],
) => void;

/** The router as its sessions see it: settings, realms, the session-id space and shared counters. */
export interface SessionHost {
  readonly stats: RouterStats;
  /** Per-session quotas. */
  readonly quotas: RouterQuotas;
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  /** Enforce sequential request ids (B.6). */
  readonly strictRequestIds: boolean;
  /** How long a session told GOODBYE has to answer, in ms. */
  readonly goodbyeTimeoutMs: number;
  /** `WELCOME.Details.agent`. */
  readonly agent: string;
  readonly onMessage: RouterMessageHook | undefined;
  /** True once the router is closing: new HELLOs are refused. */
  readonly closing: boolean;
  /** The realm a HELLO asks for (created on demand when the router allows it). */
  realmFor(name: string): Realm | undefined;
  /** True while `realm` is still one of the router's realms. */
  hasRealmObject(realm: Realm): boolean;
  /** A fresh session id, unique router-wide, held by `owner` until released. */
  reserveSessionId(owner: object): number;
  /** Frees a session id (only if `owner` still holds it). */
  releaseSessionId(id: number, owner: object): void;
  /** Forgets a connection whose link closed. */
  detach(session: PeerHandle): void;
}
