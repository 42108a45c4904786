/** The default authorizer: everything is allowed except clients serving or publishing `wamp.*`. */
import type { Action, Authorizer, AuthorizeRequest, Principal } from '../session/auth-types.js';
import { claimsReserved } from '../session/reserved-namespace.js';

/**
 * Allows every call and subscribe, and every register and publish outside the reserved `wamp.`
 * namespace (C.1): clients may use the meta API but never impersonate it, not even with a
 * registration pattern that could match a `wamp.` procedure. The meta API is open to everyone
 * (`serve()` restricts it for anonymous sessions by default, see `authorization.metaApi`).
 */
export function createDefaultAuthorizer(): Authorizer {
  return {
    authorize(
      _principal: Principal,
      _realm: string,
      action: Action,
      uri: string,
      request?: AuthorizeRequest,
    ): boolean {
      return !claimsReserved(action, uri, request?.match ?? 'exact');
    },
  };
}
