import type { z } from 'zod';
import type { RouterConfig } from './router-config-schema.js';
import { routerConfigSchema } from './router-config-schema.js';

/** One problem in a config, with a stable code. */
export interface ConfigIssue {
  /** Stable, e.g. `config.invalid_type`, `config.unknown_role`; see docs/router-config.md. */
  readonly code: string;
  /** Where, e.g. `transports[0].port` (empty for the whole document). */
  readonly path: string;
  readonly message: string;
}

/** A validated config, or every issue found. */
export type ConfigResult =
  | { readonly ok: true; readonly config: RouterConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Validates a parsed `router.json` value and fills in defaults; never throws.
 *
 * @example
 * const r = parseRouterConfig(JSON.parse(text));
 * if (!r.ok) for (const i of r.issues) console.error(`${i.code} at ${i.path}: ${i.message}`);
 */
export function parseRouterConfig(value: unknown): ConfigResult {
  const parsed = routerConfigSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(toConfigIssue) };
  const issues = crossCheck(parsed.data);
  return issues.length === 0 ? { ok: true, config: parsed.data } : { ok: false, issues };
}

/** Formats issues one per line: `code at path: message`. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.code} at ${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('\n');
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  // Our refinements name their own code (e.g. `invalid_uri`); zod's codes are used otherwise.
  const own = issue.code === 'custom' ? issue.params?.code : undefined;
  const code = typeof own === 'string' ? own : issue.code;
  return { code: `config.${code}`, path: formatPath(issue.path), message: issue.message };
}

/** `['transports', 0, 'port']` -> `transports[0].port`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Rules that span several keys. */
function crossCheck(config: RouterConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { limits, auth, authorization } = config;
  if (limits.lowWaterBytes > limits.highWaterBytes) {
    issues.push(
      issue('config.limits_order', 'limits.lowWaterBytes', 'must not be above limits.highWaterBytes'),
    );
  }
  if (limits.highWaterBytes >= limits.maxQueueBytes) {
    issues.push(issue('config.limits_order', 'limits.highWaterBytes', 'must be below limits.maxQueueBytes'));
  }
  // Port 0 is exempt: every such listener gets its own free port.
  const seen = new Map<string, number>();
  config.transports.forEach((t, i) => {
    if (t.port === 0) return;
    const key = `${t.host}:${t.port}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          'config.duplicate_port',
          `transports[${i}].port`,
          `${key} is already used by transports[${first}]`,
        ),
      );
    } else {
      seen.set(key, i);
    }
  });
  if (auth.dynamic?.realm !== undefined && !config.realms.includes(auth.dynamic.realm)) {
    issues.push(
      issue('config.unknown_realm', 'auth.dynamic.realm', `realm ${auth.dynamic.realm} is not in realms`),
    );
  }
  for (const [authid, user] of Object.entries(auth.users)) {
    if (user.ticket === undefined && user.wampcra === undefined && user.cryptosign === undefined) {
      issues.push(
        issue('config.no_credentials', `auth.users.${authid}`, 'give a ticket, wampcra or cryptosign'),
      );
    }
    for (const realm of user.realms ?? []) {
      if (!config.realms.includes(realm)) {
        issues.push(
          issue('config.unknown_realm', `auth.users.${authid}.realms`, `realm ${realm} is not in realms`),
        );
      }
    }
    const roles = authorization?.roles;
    if (roles !== undefined && roles[user.role] === undefined) {
      issues.push(
        issue(
          'config.unknown_role',
          `auth.users.${authid}.role`,
          `role ${user.role} is not in authorization.roles`,
        ),
      );
    }
  }
  if (!auth.anonymous.allow && Object.keys(auth.users).length === 0 && auth.dynamic === undefined) {
    issues.push(
      issue(
        'config.no_auth_method',
        'auth',
        'anonymous access is off and no users or dynamic authenticator are set',
      ),
    );
  }
  return issues;
}

/** Builds a {@link ConfigIssue}. */
function issue(code: string, path: string, message: string): ConfigIssue {
  return { code, path, message };
}
