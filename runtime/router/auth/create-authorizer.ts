import type { RuleConfig } from '../config/router-config-schema.js';
import type { Action, Authorizer, AuthorizeRequest, Principal } from '../session/auth-types.js';
import type { RuleMatch } from './uri-matcher.js';
import { ruleCovers, uriMatches } from './uri-matcher.js';
import { claimsReserved, mayMatchNamespace } from '../session/reserved-namespace.js';

/** `open`: the meta API is everyone's; `restricted`: anonymous sessions lose its sensitive parts. */
export type MetaApiAccess = 'open' | 'restricted';

/** The `authorization` section of a validated config. */
export interface AuthorizationSettings {
  /** Rules per role; absent: every action is allowed (development default). */
  readonly roles?: Readonly<Record<string, readonly RuleConfig[]>> | undefined;
  /** Default `restricted`. */
  readonly metaApi?: MetaApiAccess | undefined;
}

/**
 * Meta procedures an anonymous session may not call under `metaApi: "restricted"`: they end other
 * sessions, remove other sessions' registrations or subscriptions, or disclose another session's
 * details (authid, authextra, transport and remote address).
 */
export const SENSITIVE_META_PROCEDURES: ReadonlySet<string> = new Set([
  'wamp.session.kill',
  'wamp.session.kill_all',
  'wamp.session.kill_by_authid',
  'wamp.session.kill_by_authrole',
  'wamp.session.get',
  'wamp.registration.remove_callee',
  'wamp.subscription.remove_subscriber',
]);

/** Meta topics an anonymous session may not subscribe to (or match with a pattern) under `restricted`. */
export const SENSITIVE_META_TOPICS: readonly string[] = ['wamp.session.on_join'];

interface CompiledRule {
  readonly uri: string;
  readonly match: RuleMatch;
  readonly allow: Set<Action>;
}

interface CompiledRole {
  /** Exact URIs -> allowed actions. */
  readonly exact: Map<string, Set<Action>>;
  readonly patterns: CompiledRule[];
}

/**
 * Builds the router's {@link Authorizer}. Registering anything that can match the reserved
 * `wamp.` namespace, or publishing in it, is always refused (C.1). Without role rules everything
 * else is allowed (development default); otherwise an action is allowed when a rule of the
 * session's role lists it and covers every URI the request can match (an exact grant never admits
 * a prefix or wildcard request; see `ruleCovers`). A role without rules, or not listed, may do
 * nothing. With `metaApi: "restricted"` (the default) anonymous sessions may not use the sensitive
 * meta procedures and topics whatever the rules say. Decisions are synchronous; the core answers a
 * refusal with `wamp.error.not_authorized`.
 *
 * @example
 * createAuthorizer({ roles: { user: [{ uri: 'com.example.', match: 'prefix', allow: ['call'] }] } });
 */
export function createAuthorizer(settings?: AuthorizationSettings): Authorizer {
  const restricted = (settings?.metaApi ?? 'restricted') === 'restricted';
  const rules = settings?.roles;
  const roles = rules === undefined ? undefined : compile(rules);
  return {
    authorize(principal, _realm, action, uri, request) {
      const match = request?.match ?? 'exact';
      if (claimsReserved(action, uri, match)) return false;
      if (restricted && principal.authmethod === 'anonymous' && sensitiveMeta(action, uri, match))
        return false;
      if (roles === undefined) return true;
      return allowedByRole(roles, principal, action, uri, match);
    },
  };
}

function compile(settings: Readonly<Record<string, readonly RuleConfig[]>>): Map<string, CompiledRole> {
  const roles = new Map<string, CompiledRole>();
  for (const [name, rules] of Object.entries(settings)) {
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
  return roles;
}

function allowedByRole(
  roles: Map<string, CompiledRole>,
  principal: Principal,
  action: Action,
  uri: string,
  match: AuthorizeRequest['match'],
): boolean {
  const role = roles.get(principal.authrole);
  if (role === undefined) return false;
  if (match === 'exact') {
    if (role.exact.get(uri)?.has(action) === true) return true;
    for (const p of role.patterns) {
      if (p.allow.has(action) && uriMatches(p.uri, p.match, uri)) return true;
    }
    return false;
  }
  // A pattern request: exact rules never cover it; a pattern rule must cover all its matches.
  for (const p of role.patterns) {
    if (p.allow.has(action) && ruleCovers(p.uri, p.match, uri, match)) return true;
  }
  return false;
}

/** The role names an authorizer built from `settings` knows (undefined: any role is fine). */
export function knownRoles(settings?: AuthorizationSettings): ReadonlySet<string> | undefined {
  const roles = settings?.roles;
  return roles === undefined ? undefined : new Set(Object.keys(roles));
}

/** True for a call of a sensitive meta procedure, or a subscription that can match a sensitive meta topic. */
function sensitiveMeta(action: Action, uri: string, match: AuthorizeRequest['match']): boolean {
  if (action === 'call') return uri.startsWith('wamp.') && SENSITIVE_META_PROCEDURES.has(uri);
  if (action !== 'subscribe' || !mayMatchNamespace(uri, match, 'wamp.')) return false;
  for (const topic of SENSITIVE_META_TOPICS) if (uriMatches(uri, match, topic)) return true;
  return false;
}
