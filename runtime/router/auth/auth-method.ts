import type { Dict } from '../../protocol/messages.js';
import type { AuthStep, HelloInfo } from '../session/auth-types.js';
import type { AuthContext } from './auth-context.js';
import { abort } from './auth-steps.js';
import { errorText } from '../../protocol/error-text.js';

/** How one method answers a HELLO, decided synchronously from the config. */
export type MethodCandidate =
  | { readonly kind: 'ready'; readonly start: () => Promise<AuthStep> }
  /** The method is not configured, or the HELLO lacks what it needs (e.g. an authid). */
  | { readonly kind: 'unavailable'; readonly why: string }
  /** The method is configured but knows no such principal. */
  | { readonly kind: 'unknown_principal'; readonly why: string };

/** One authentication method (anonymous, ticket, wampcra, cryptosign). */
export interface AuthMethod {
  readonly name: string;
  candidate(info: HelloInfo): MethodCandidate;
}

/** A ready candidate. */
export function ready(start: () => Promise<AuthStep>): MethodCandidate {
  return { kind: 'ready', start };
}

/** An unavailable candidate. */
export function unavailable(why: string): MethodCandidate {
  return { kind: 'unavailable', why };
}

/** An unknown-principal candidate. */
export function unknownPrincipal(why: string): MethodCandidate {
  return { kind: 'unknown_principal', why };
}

/**
 * A CHALLENGE step whose `verify` refuses answers after the challenge timeout and turns a thrown
 * error into `wamp.error.authentication_failed`.
 */
export function challenge(
  ctx: AuthContext,
  method: string,
  extra: Dict,
  verify: (signature: string) => Promise<AuthStep>,
): AuthStep {
  const issued = ctx.now();
  return {
    kind: 'challenge',
    method,
    extra,
    verify: async (signature) => {
      if (ctx.now() - issued > ctx.challengeTimeoutMs) {
        return abort('wamp.error.authentication_denied', `${method} challenge expired`);
      }
      try {
        return await verify(signature);
      } catch (error) {
        const why = errorText(error);
        return abort('wamp.error.authentication_failed', `${method} verification failed: ${why}`);
      }
    },
  };
}

/** Refuses a WELCOME whose role the authorizer does not know (`wamp.error.no_such_role`). */
export function checkRole(ctx: AuthContext, step: AuthStep): AuthStep {
  if (step.kind !== 'welcome' || ctx.knownRoles === undefined) return step;
  const role = step.principal.authrole;
  return ctx.knownRoles.has(role) ? step : abort('wamp.error.no_such_role', `role ${role} is not configured`);
}

/** The HELLO authid, when it is a non-empty string. */
export function helloAuthid(info: HelloInfo): string | undefined {
  const authid = info.details.authid;
  return typeof authid === 'string' && authid.length > 0 ? authid : undefined;
}
