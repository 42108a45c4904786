import { createWampCraChallenge, deriveWampCraKey, verifyWampCraSignature } from '../../auth/wampcra.js';
import type { AuthStep, HelloInfo } from '../session/auth-types.js';
import type { AuthContext } from './auth-context.js';
import { dynamicHandles } from './auth-context.js';
import type { AuthMethod } from './auth-method.js';
import { challenge, checkRole, helloAuthid, ready, unavailable, unknownPrincipal } from './auth-method.js';
import { askDynamicAuthenticator, isAuthStep } from './ask-dynamic-authenticator.js';
import { abort, DYNAMIC_PROVIDER, STATIC_PROVIDER, welcome } from './auth-steps.js';

/** A secret with optional salting, as the config or the dynamic authenticator gives it. */
interface CraSecret {
  readonly secret: string;
  readonly salt?: string | undefined;
  readonly iterations?: number | undefined;
  readonly keylen?: number | undefined;
}

/**
 * WAMP-CRA, plain and salted: the challenge is a JSON string naming authid, authrole, provider,
 * nonce, timestamp and session; the client answers base64(HMAC-SHA256(key, challenge)) where key
 * is the secret, or with a salt the base64 string of PBKDF2(secret, salt, iterations, keylen).
 * Derived keys of static users are computed once and cached.
 */
export function createWampCraMethod(ctx: AuthContext): AuthMethod {
  const configured =
    Object.values(ctx.users).some((u) => u.wampcra !== undefined) || dynamicHandles(ctx, 'wampcra');
  const derived = new Map<string, Promise<string>>();

  /** The HMAC key: the secret itself, or the base64 PBKDF2 string when salted (cached per user). */
  function keyOf(cacheKey: string | undefined, s: CraSecret): Promise<string> {
    if (s.salt === undefined) return Promise.resolve(s.secret);
    const cached = cacheKey === undefined ? undefined : derived.get(cacheKey);
    if (cached !== undefined) return cached;
    const key = deriveWampCraKey(s.secret, s.salt, s.iterations, s.keylen);
    if (cacheKey !== undefined) derived.set(cacheKey, key);
    return key;
  }

  /** Builds the challenge bound to this session and the verifier for its answer. */
  function start(
    info: HelloInfo,
    authid: string,
    role: string,
    provider: string,
    s: CraSecret,
    cacheKey?: string,
  ): AuthStep {
    const options = { authid, authrole: role, authprovider: provider, session: info.sessionId };
    const extra = createWampCraChallenge(
      s.salt === undefined ? options : { ...options, salt: s.salt, ...optionalNumbers(s) },
    );
    return challenge(ctx, 'wampcra', extra, async (signature) => {
      const ok = await verifyWampCraSignature(await keyOf(cacheKey, s), extra.challenge, signature);
      if (!ok) return abort('wamp.error.authentication_denied', `wrong wampcra signature for ${authid}`);
      return checkRole(ctx, welcome(authid, role, 'wampcra', provider));
    });
  }

  return {
    name: 'wampcra',
    candidate(info) {
      if (!configured) return unavailable('wampcra: not configured');
      // WAMP-CRA names the principal in the challenge, so HELLO must say who it is.
      const authid = helloAuthid(info);
      if (authid === undefined) return unavailable('wampcra: HELLO has no authid');
      const user = Object.hasOwn(ctx.users, authid) ? ctx.users[authid] : undefined;
      const cra = user?.wampcra;
      if (user !== undefined && cra !== undefined) {
        return ready(async () => start(info, authid, user.role, STATIC_PROVIDER, cra, authid));
      }
      if (dynamicHandles(ctx, 'wampcra')) {
        // The authenticator is asked for the secret at HELLO; the router checks the HMAC itself.
        return ready(async () => {
          const answer = await askDynamicAuthenticator(ctx, info, 'wampcra');
          if (isAuthStep(answer)) return answer;
          if (answer.secret === undefined) {
            return abort(
              'wamp.error.authentication_failed',
              'dynamic authenticator returned no wampcra secret',
            );
          }
          const secret: CraSecret = {
            secret: answer.secret,
            salt: answer.salt,
            iterations: answer.iterations,
            keylen: answer.keylen,
          };
          return start(info, answer.authid ?? authid, answer.role, DYNAMIC_PROVIDER, secret);
        });
      }
      // A known user without a wampcra secret may still succeed with the next offered method.
      if (user !== undefined) return unavailable(`wampcra: ${authid} has no wampcra secret`);
      return unknownPrincipal(`wampcra: no principal ${authid}`);
    },
  };
}

function optionalNumbers(s: CraSecret): { iterations?: number; keylen?: number } {
  const out: { iterations?: number; keylen?: number } = {};
  if (s.iterations !== undefined) out.iterations = s.iterations;
  if (s.keylen !== undefined) out.keylen = s.keylen;
  return out;
}
