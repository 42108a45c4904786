/** Options of `createRouter`. */
import type { MessageDirection } from '../protocol/messages.js';
import type { RouterQuotas } from './core/quotas.js';
import type { Authenticator, Authorizer } from './session/auth-types.js';
import type { RouterMessageHook } from './session/session-host.js';

export type { MessageDirection, RouterMessageHook };

/** How `createRouter` is configured; every field is optional. */
export interface RouterOptions {
  /** Realms that exist from the start (default `['realm1']`). */
  readonly realms?: readonly string[];
  /** Create a realm on the first HELLO for it (default `false`: ABORT `wamp.error.no_such_realm`). */
  readonly autoCreateRealms?: boolean;
  /** Decides HELLO (default: anonymous; random authid, authrole `anonymous`). */
  readonly authenticator?: Authenticator;
  /** Decides call/register/publish/subscribe (default: all, but no REGISTER/PUBLISH on `wamp.*`). */
  readonly authorizer?: Authorizer;
  /**
   * Enforce sequential request ids per session (B.6, default `true`). `false` accepts any valid
   * id, for old clients that use random ids.
   */
  readonly strictRequestIds?: boolean;
  /** How long to wait for GOODBYE replies on kill and `close()`, in ms (default 2000). */
  readonly goodbyeTimeoutMs?: number;
  /** Sent as `WELCOME.Details.agent` (default `wamp-contracts-router`). */
  readonly agent?: string;
  /** Per-session quotas and the retained-topic cap; each missing field has its default. */
  readonly quotas?: Partial<RouterQuotas>;
  /** Sees every inbound and outbound message (logging, tracing). */
  readonly onMessage?: RouterMessageHook;
}
