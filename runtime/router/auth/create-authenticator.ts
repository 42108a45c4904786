import type { RouterConfig } from '../config/router-config-schema.js';
import type { Authenticator, AuthStep, HelloInfo } from '../session/auth-types.js';
import { createAnonymousMethod } from './anonymous-method.js';
import type { AuthContext, DynamicInvoker } from './auth-context.js';
import type { AuthMethod } from './auth-method.js';
import { abort } from './auth-steps.js';
import { createCryptosignMethod } from './cryptosign-method.js';
import { createTicketMethod } from './ticket-method.js';
import { createWampCraMethod } from './wampcra-method.js';
import { errorText } from '../../protocol/error-text.js';

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** The `auth` section of a validated config. */
  readonly auth: RouterConfig['auth'];
  /** Realms of the router; the dynamic authenticator lives in the first unless configured. */
  readonly realms: readonly string[];
  /** Needed when `auth.dynamic` is set: calls a procedure inside the router. */
  readonly invoke?: DynamicInvoker;
  /** Roles the authorizer knows; other roles are refused with `wamp.error.no_such_role`. */
  readonly knownRoles?: ReadonlySet<string>;
  /** Default 60 s. */
  readonly challengeTimeoutMs?: number;
  /** Default 10 s. */
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
      timeoutMs: options.dynamicTimeoutMs ?? 10_000,
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

  return {
    async hello(info: HelloInfo): Promise<AuthStep> {
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
    },
  };
}
