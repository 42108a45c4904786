import { randomBytes } from 'node:crypto';
import type { AuthMethod } from './auth-method.js';
import { ready, unavailable } from './auth-method.js';
import { STATIC_PROVIDER, welcome } from './auth-steps.js';

/**
 * Anonymous access: WELCOME at once with the configured role and a random authid (a HELLO authid
 * is not trusted, so it is never echoed back as the session's identity).
 */
export function createAnonymousMethod(settings: {
  readonly allow: boolean;
  readonly role: string;
}): AuthMethod {
  return {
    name: 'anonymous',
    candidate() {
      if (!settings.allow) return unavailable('anonymous: access is off');
      return ready(async () => welcome(randomAuthid(), settings.role, 'anonymous', STATIC_PROVIDER));
    },
  };
}

/** Crossbar-style random authid, e.g. `anon-3f9a1c0d2b7e`. */
function randomAuthid(): string {
  return `anon-${randomBytes(6).toString('hex')}`;
}
