import type { Dict } from '../../protocol/messages.js';
import type { UserConfig } from '../config/router-config-schema.js';

/**
 * Calls a procedure inside the router as the router itself and resolves with the RESULT's first
 * positional value (or its keyword dict when there are no positional values); rejects with the
 * `WampError` of an ERROR. When `options.signal` aborts, the call is cancelled (the callee gets
 * INTERRUPT if it supports call canceling) and the promise rejects.
 */
export type DynamicInvoker = (
  realm: string,
  procedure: string,
  args: unknown[],
  kwargs: Dict,
  options?: { readonly signal?: AbortSignal },
) => Promise<unknown>;

/** Where the dynamic authenticator lives and which methods it answers for. */
export interface DynamicAuthSettings {
  readonly procedure: string;
  readonly realm: string;
  readonly methods: readonly string[];
  readonly invoke: DynamicInvoker;
  /** A dynamic call that takes longer fails authentication and is cancelled (default 10 s). */
  readonly timeoutMs: number;
  /** HELLO authextra nested deeper is refused before anything is forwarded (default 16). */
  readonly maxAuthextraDepth: number;
  /** HELLO authextra plus authid larger than this (as JSON text) is refused (default 16 KiB). */
  readonly maxAuthextraBytes: number;
}

/** What the method implementations share. */
export interface AuthContext {
  readonly users: Readonly<Record<string, UserConfig>>;
  readonly dynamic: DynamicAuthSettings | undefined;
  /** Roles the authorizer knows; a principal with another role is refused (`no_such_role`). */
  readonly knownRoles: ReadonlySet<string> | undefined;
  /** An AUTHENTICATE later than this after its CHALLENGE is refused. */
  readonly challengeTimeoutMs: number;
  readonly now: () => number;
}

/** True when the dynamic authenticator answers for `method`. */
export function dynamicHandles(ctx: AuthContext, method: string): boolean {
  return ctx.dynamic?.methods.includes(method) === true;
}
