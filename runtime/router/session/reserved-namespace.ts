/**
 * The reserved `wamp.` namespace (checklist C.1): the router serves and publishes it, clients may
 * call and subscribe to it. The session checks it before any authorizer, so a custom authorizer
 * cannot hand it out.
 */
import type { MatchPolicy } from '../../protocol/messages.js';
import type { Action } from './auth-types.js';

/** The namespace the protocol reserves. */
export const RESERVED_NAMESPACE = 'wamp.';

/**
 * True when a request pattern (`pattern` under `match`) can match some URI starting with
 * `namespace` (which ends with a dot, e.g. `wamp.`): a prefix that starts with it or that it
 * starts with (`""`, `wa`, `wamp`), a wildcard whose first component is empty or `wamp`.
 */
export function mayMatchNamespace(pattern: string, match: MatchPolicy, namespace: string): boolean {
  if (match === 'exact') return pattern.startsWith(namespace);
  if (match === 'prefix') return pattern.startsWith(namespace) || namespace.startsWith(pattern);
  const dot = pattern.indexOf('.');
  if (dot < 0) return false;
  const first = pattern.slice(0, dot + 1);
  return first === '.' || first === namespace;
}

/**
 * True when a client request would claim the reserved namespace: a PUBLISH to a `wamp.` topic, or
 * a REGISTER whose URI or pattern can match a `wamp.` procedure (prefix `wamp`, prefix `""`,
 * wildcard `.registration.remove_callee`...), which a client could never register exactly.
 */
export function claimsReserved(action: Action, uri: string, match: MatchPolicy): boolean {
  if (action === 'register') return mayMatchNamespace(uri, match, RESERVED_NAMESPACE);
  return action === 'publish' && uri.startsWith(RESERVED_NAMESPACE);
}
