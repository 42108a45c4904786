import { createCryptosignChallenge, cryptosignVerify } from '../../auth/cryptosign.js';
import type { AuthStep, HelloInfo } from '../session/auth-types.js';
import type { AuthContext } from './auth-context.js';
import { dynamicHandles } from './auth-context.js';
import type { AuthMethod } from './auth-method.js';
import { challenge, checkRole, helloAuthid, ready, unavailable, unknownPrincipal } from './auth-method.js';
import { askDynamicAuthenticator, isAuthStep } from './ask-dynamic-authenticator.js';
import { abort, DYNAMIC_PROVIDER, STATIC_PROVIDER, welcome } from './auth-steps.js';

const HEX32 = /^[0-9a-fA-F]{64}$/;

/**
 * WAMP-Cryptosign (Ed25519): HELLO must carry `authextra.pubkey`; the router sends 32 random
 * bytes and verifies `hex(signature || challenge)`. A static user is found by authid (the key
 * must be one of theirs) or, without an authid, by the key. Channel binding and router
 * authentication (`authextra.challenge`) are not offered: CHALLENGE says `channel_binding: null`.
 */
export function createCryptosignMethod(ctx: AuthContext): AuthMethod {
  // Lets a client that sends only its key (no authid) be found; keys compare in lowercase.
  const byKey = new Map<string, string>();
  for (const [authid, user] of Object.entries(ctx.users)) {
    for (const key of user.cryptosign?.pubkeys ?? []) byKey.set(key.toLowerCase(), authid);
  }
  const configured = byKey.size > 0 || dynamicHandles(ctx, 'cryptosign');

  /** Sends 32 random bytes; `refusal`, when given, is the answer whatever the signature. */
  function start(
    authid: string,
    role: string,
    provider: string,
    pubkey: string,
    refusal?: AuthStep,
  ): AuthStep {
    const nonce = createCryptosignChallenge();
    return challenge(ctx, 'cryptosign', { challenge: nonce, channel_binding: null }, async (signature) => {
      if (refusal !== undefined) return refusal;
      const ok = await cryptosignVerify(pubkey, nonce, signature);
      if (!ok) return abort('wamp.error.authentication_denied', `bad cryptosign signature for ${authid}`);
      return checkRole(ctx, welcome(authid, role, 'cryptosign', provider));
    });
  }

  /** Asks the dynamic authenticator which keys and role belong to this HELLO. */
  async function startDynamic(
    info: HelloInfo,
    authid: string | undefined,
    pubkey: string,
  ): Promise<AuthStep> {
    const answer = await askDynamicAuthenticator(ctx, info, 'cryptosign');
    if (isAuthStep(answer)) return answer;
    const keys = (answer.pubkeys ?? []).map((k) => k.toLowerCase());
    if (!keys.includes(pubkey)) {
      return abort(
        'wamp.error.authentication_denied',
        'public key not accepted by the dynamic authenticator',
      );
    }
    const id = answer.authid ?? authid ?? pubkey;
    return start(id, answer.role, DYNAMIC_PROVIDER, pubkey);
  }

  return {
    name: 'cryptosign',
    candidate(info) {
      if (!configured) return unavailable('cryptosign: not configured');
      const raw = info.details.authextra?.pubkey;
      if (typeof raw !== 'string' || !HEX32.test(raw))
        return unavailable('cryptosign: HELLO has no authextra.pubkey');
      const pubkey = raw.toLowerCase();
      const authid = helloAuthid(info);
      const owner = byKey.get(pubkey);
      const id = authid ?? owner;
      const user = id !== undefined && Object.hasOwn(ctx.users, id) ? ctx.users[id] : undefined;
      const keys = user?.cryptosign?.pubkeys;
      if (id !== undefined && user !== undefined && keys !== undefined) {
        if (!keys.some((k) => k.toLowerCase() === pubkey)) {
          // Challenge anyway, so a wrong key cannot be told apart from a wrong signature.
          const refusal = abort('wamp.error.authentication_denied', `public key not registered for ${id}`);
          return ready(async () => start(id, user.role, STATIC_PROVIDER, pubkey, refusal));
        }
        return ready(async () => start(id, user.role, STATIC_PROVIDER, pubkey));
      }
      if (dynamicHandles(ctx, 'cryptosign')) return ready(() => startDynamic(info, authid, pubkey));
      if (user !== undefined) return unavailable(`cryptosign: ${authid} has no public keys`);
      return unknownPrincipal(`cryptosign: no principal ${authid ?? `with key ${pubkey}`}`);
    },
  };
}
