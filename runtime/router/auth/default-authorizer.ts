/** The default authorizer: everything is allowed except clients serving or publishing `wamp.*`. */
import type { Action, Authorizer, Principal } from '../session/auth-types.js';

/**
 * Allows every call and subscribe, and every register and publish outside the reserved `wamp.`
 * namespace (C.1): clients may use the meta API but never impersonate it.
 */
export function createDefaultAuthorizer(): Authorizer {
  return {
    authorize(_principal: Principal, _realm: string, action: Action, uri: string): boolean {
      if (action === 'call' || action === 'subscribe') return true;
      return !uri.startsWith('wamp.');
    },
  };
}
