import type { Action, Authorizer } from '../session/auth-types.js';
import type { RuleConfig } from '../config/router-config-schema.js';
import type { RuleMatch } from './uri-matcher.js';
import { uriMatches } from './uri-matcher.js';

/** The `authorization` section of a validated config. */
export interface AuthorizationSettings {
  readonly roles: Readonly<Record<string, readonly RuleConfig[]>>;
}

interface CompiledRole {
  /** Exact URIs -> allowed actions. */
  readonly exact: Map<string, Set<Action>>;
  readonly patterns: { readonly uri: string; readonly match: RuleMatch; readonly allow: Set<Action> }[];
}

/**
 * Builds the router's {@link Authorizer}. Registering or publishing in the reserved `wamp.`
 * namespace is always refused (C.1). With no settings everything else is allowed (development
 * default); otherwise an action on a URI is allowed when any rule of the session's role matches
 * the URI and lists the action. A role without rules, or not listed, may do nothing. Decisions
 * are synchronous; the core answers a refusal with `wamp.error.not_authorized`.
 *
 * @example
 * createAuthorizer({ roles: { user: [{ uri: 'com.example.', match: 'prefix', allow: ['call'] }] } });
 */
export function createAuthorizer(settings?: AuthorizationSettings): Authorizer {
  if (settings === undefined) {
    return { authorize: (_principal, _realm, action, uri) => !reserved(action, uri) };
  }
  const roles = new Map<string, CompiledRole>();
  for (const [name, rules] of Object.entries(settings.roles)) {
    const role: CompiledRole = { exact: new Map(), patterns: [] };
    for (const rule of rules) {
      if (rule.match === 'exact') {
        const set = role.exact.get(rule.uri) ?? new Set<Action>();
        for (const a of rule.allow) set.add(a);
        role.exact.set(rule.uri, set);
      } else {
        role.patterns.push({ uri: rule.uri, match: rule.match, allow: new Set(rule.allow) });
      }
    }
    roles.set(name, role);
  }
  return {
    authorize(principal, _realm, action, uri) {
      if (reserved(action, uri)) return false;
      const role = roles.get(principal.authrole);
      if (role === undefined) return false;
      if (role.exact.get(uri)?.has(action) === true) return true;
      for (const p of role.patterns) {
        if (p.allow.has(action) && uriMatches(p.uri, p.match, uri)) return true;
      }
      return false;
    },
  };
}

/** The role names an authorizer built from `settings` knows (undefined: any role is fine). */
export function knownRoles(settings?: AuthorizationSettings): ReadonlySet<string> | undefined {
  return settings === undefined ? undefined : new Set(Object.keys(settings.roles));
}

/** Clients may call and subscribe to `wamp.*` (the meta API) but never serve or publish it. */
function reserved(action: Action, uri: string): boolean {
  return (action === 'register' || action === 'publish') && uri.startsWith('wamp.');
}
