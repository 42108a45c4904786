import type { Dict } from '../../protocol/messages.js';
import type { AuthStep, Principal } from '../session/auth-types.js';

/** `authprovider` for principals from the config file. */
export const STATIC_PROVIDER = 'static';
/** `authprovider` for principals vouched for by the dynamic authenticator procedure. */
export const DYNAMIC_PROVIDER = 'dynamic';

/** A WELCOME step. */
export function welcome(
  authid: string,
  authrole: string,
  authmethod: string,
  authprovider: string,
  authextra?: Dict,
): AuthStep {
  const principal: Principal =
    authextra === undefined
      ? { authid, authrole, authmethod, authprovider }
      : { authid, authrole, authmethod, authprovider, authextra };
  return { kind: 'welcome', principal };
}

/** An ABORT step with a reason URI and a human-readable message. */
export function abort(reason: string, message: string): AuthStep {
  return { kind: 'abort', reason, message };
}
