import type { RouterConfig } from '../config/router-config-schema.js';
import { ROUTER_DEFAULTS } from '../config/router-config-schema.js';
import type { Authenticator, AuthStep, HelloInfo } from '../session/auth-types.js';
import { createAnonymousMethod } from './anonymous-method.js';
import type { AuthContext, DynamicInvoker } from './auth-context.js';
import type { AuthMethod } from './auth-method.js';
import { abort, STATIC_PROVIDER } from './auth-steps.js';
import type { LoginThrottle, ThrottleSettings } from './login-throttle.js';
import { createLoginThrottle, remoteAddress } from './login-throttle.js';
import { createCryptosignMethod } from './cryptosign-method.js';
import { createTicketMethod } from './ticket-method.js';
import { createWampCraMethod } from './wampcra-method.js';
import { errorText } from '../../protocol/error-text.js';

type AuthConfig = RouterConfig['auth'];
type DynamicConfig = NonNullable<AuthConfig['dynamic']>;

/** The `auth` section of a config; the dynamic limits and the throttle fall back to their defaults. */
export type AuthSettings = Omit<AuthConfig, 'dynamic' | 'throttle'> & {
  readonly dynamic?:
    | (Omit<DynamicConfig, 'timeoutMs' | 'maxAuthextraDepth' | 'maxAuthextraBytes'> &
        Partial<Pick<DynamicConfig, 'timeoutMs' | 'maxAuthextraDepth' | 'maxAuthextraBytes'>>)
    | undefined;
  readonly throttle?: Partial<ThrottleSettings> | undefined;
};

/** Failures that count towards the brute-force throttle (not the router's own failures). */
const COUNTED_FAILURES: ReadonlySet<string> = new Set([
  'wamp.error.authentication_denied',
  'wamp.error.no_such_principal',
  'wamp.error.not_authorized',
]);

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** The `auth` section of a (validated) config. */
  readonly auth: AuthSettings;
  /** Realms of the router; the dynamic authenticator lives in the first unless configured. */
  readonly realms: readonly string[];
  /** Needed when `auth.dynamic` is set: calls a procedure inside the router. */
  readonly invoke?: DynamicInvoker;
  /** Roles the authorizer knows; other roles are refused with `wamp.error.no_such_role`. */
  readonly knownRoles?: ReadonlySet<string>;
  /** Default 60 s. */
  readonly challengeTimeoutMs?: number;
  /** Overrides `auth.dynamic.timeoutMs` (default 10 s). */
  readonly dynamicTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Builds the router's {@link Authenticator} from the config.
 *
 * The HELLO's `authmethods` are tried in the client's order (none given means `['anonymous']`);
 * the first one that can proceed answers. When none can: `wamp.error.no_such_principal` if a
 * configured method did not know the authid, `wamp.error.authentication_required` if the client
 * offered nothing and anonymous access is off, else `wamp.error.no_matching_auth_method`. A wrong
 * credential is `wamp.error.authentication_denied`; a failure of the machinery itself (dynamic
 * authenticator missing, erroring or answering nonsense) is `wamp.error.authentication_failed`.
 *
 * @example
 * const authenticator = createAuthenticator({ auth: config.auth, realms: config.realms });
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { auth } = options;
  let dynamic: AuthContext['dynamic'];
  if (auth.dynamic !== undefined) {
    if (options.invoke === undefined) {
      throw new TypeError('auth.dynamic needs an invoke function (the router) to call the authenticator');
    }
    dynamic = {
      procedure: auth.dynamic.procedure,
      realm: auth.dynamic.realm ?? options.realms[0] ?? 'realm1',
      methods: auth.dynamic.methods,
      invoke: options.invoke,
      timeoutMs: options.dynamicTimeoutMs ?? auth.dynamic.timeoutMs ?? ROUTER_DEFAULTS.dynamicAuthTimeoutMs,
      maxAuthextraDepth: auth.dynamic.maxAuthextraDepth ?? ROUTER_DEFAULTS.maxAuthextraDepth,
      maxAuthextraBytes: auth.dynamic.maxAuthextraBytes ?? ROUTER_DEFAULTS.maxAuthextraBytes,
    };
  }
  const ctx: AuthContext = {
    users: auth.users,
    dynamic,
    knownRoles: options.knownRoles,
    challengeTimeoutMs: options.challengeTimeoutMs ?? 60_000,
    now: options.now ?? Date.now,
  };
  const methods = new Map<string, AuthMethod>();
  for (const method of [
    createAnonymousMethod(auth.anonymous),
    createTicketMethod(ctx),
    createWampCraMethod(ctx),
    createCryptosignMethod(ctx),
  ]) {
    methods.set(method.name, method);
  }

  const throttle = createLoginThrottle(
    {
      maxFailuresPerAuthid: auth.throttle?.maxFailuresPerAuthid ?? ROUTER_DEFAULTS.maxFailuresPerAuthid,
      maxFailuresPerAddress: auth.throttle?.maxFailuresPerAddress ?? ROUTER_DEFAULTS.maxFailuresPerAddress,
      windowMs: auth.throttle?.windowMs ?? ROUTER_DEFAULTS.failureWindowMs,
      maxTrackedKeys: auth.throttle?.maxTrackedKeys ?? ROUTER_DEFAULTS.maxTrackedKeys,
    },
    ctx.now,
  );

  /** Runs the methods; every step they take passes {@link guard}. */
  async function decide(info: HelloInfo): Promise<AuthStep> {
    const raw = info.details.authmethods;
    const offered = Array.isArray(raw) ? raw.filter((m): m is string => typeof m === 'string') : [];
    const implicit = offered.length === 0;
    const reasons: string[] = [];
    let unknown = false;
    for (const name of implicit ? ['anonymous'] : offered) {
      const method = methods.get(name);
      if (method === undefined) {
        reasons.push(`${name}: not supported`);
        continue;
      }
      const candidate = method.candidate(info);
      if (candidate.kind === 'ready') {
        try {
          return await candidate.start();
        } catch (error) {
          const why = errorText(error);
          return abort('wamp.error.authentication_failed', `${name}: ${why}`);
        }
      }
      if (candidate.kind === 'unknown_principal') unknown = true;
      reasons.push(candidate.why);
    }
    if (unknown) return abort('wamp.error.no_such_principal', reasons.join('; '));
    if (implicit) {
      return abort(
        'wamp.error.authentication_required',
        'anonymous access is off; offer ticket, wampcra or cryptosign',
      );
    }
    return abort('wamp.error.no_matching_auth_method', reasons.join('; '));
  }

  return {
    async hello(info: HelloInfo): Promise<AuthStep> {
      const raw = info.details.authmethods;
      const offered = Array.isArray(raw) ? raw : [];
      // Anonymous logins cannot fail on a credential: only credential logins are throttled.
      if (!offered.some((m) => m !== 'anonymous')) return decide(info);
      const authid = typeof info.details.authid === 'string' ? info.details.authid : undefined;
      const address = remoteAddress(info.transport);
      const wait = throttle.blockedFor(authid, address);
      if (wait > 0) {
        return abort(
          'wamp.error.authentication_failed',
          `too many failed logins (throttled); try again in ${Math.ceil(wait / 1000)} s`,
        );
      }
      return guard(ctx, throttle, info, authid, address, await decide(info));
    },
  };
}

/**
 * Applies the router-wide rules to a step: a static principal joins only its configured realms;
 * a credential refusal counts towards the throttle, a WELCOME clears its authid. Challenges are followed
 * through their `verify` steps.
 */
function guard(
  ctx: AuthContext,
  throttle: LoginThrottle,
  info: HelloInfo,
  authid: string | undefined,
  address: string | undefined,
  step: AuthStep,
): AuthStep {
  if (step.kind === 'challenge') {
    const verify = step.verify;
    return {
      ...step,
      verify: async (signature, extra) =>
        guard(ctx, throttle, info, authid, address, await verify(signature, extra)),
    };
  }
  if (step.kind === 'welcome') {
    const p = step.principal;
    const user =
      p.authprovider === STATIC_PROVIDER && Object.hasOwn(ctx.users, p.authid)
        ? ctx.users[p.authid]
        : undefined;
    const realms = user?.realms;
    if (realms !== undefined && !realms.includes(info.realm)) {
      // Not a guess at a credential: not counted.
      return abort('wamp.error.not_authorized', `${p.authid} may not join realm ${info.realm}`);
    }
    throttle.succeeded(p.authid);
    if (authid !== undefined && authid !== p.authid) throttle.succeeded(authid);
    return step;
  }
  if (COUNTED_FAILURES.has(step.reason)) throttle.failed(authid, address);
  return step;
}
