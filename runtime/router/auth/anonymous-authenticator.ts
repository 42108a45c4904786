/** The default authenticator: everyone joins anonymously with a random authid. */
import { randomBytes } from 'node:crypto';
import { ErrorUri } from '../../protocol/uris.js';
import type { AuthStep, Authenticator, HelloInfo } from '../session/auth-types.js';

/**
 * Welcomes every HELLO whose `authmethods` is absent, empty or lists `anonymous`, as authrole
 * `anonymous` with a random authid; any other HELLO gets ABORT `wamp.error.no_matching_auth_method`.
 */
export function createAnonymousAuthenticator(): Authenticator {
  return {
    hello(info: HelloInfo): Promise<AuthStep> {
      const methods = info.details.authmethods;
      if (methods !== undefined && methods.length > 0 && !methods.includes('anonymous')) {
        return Promise.resolve({
          kind: 'abort',
          reason: ErrorUri.NO_MATCHING_AUTH_METHOD,
          message: `this router only offers anonymous authentication, not ${methods.join(', ')}`,
        });
      }
      return Promise.resolve({
        kind: 'welcome',
        principal: {
          authid: randomBytes(9).toString('base64url'),
          authrole: 'anonymous',
          authmethod: 'anonymous',
          authprovider: 'static',
        },
      });
    },
  };
}
