import type { Dict } from '../../protocol/messages.js';
import { isWampError } from '../../protocol/wamp-error.js';
import type { AuthStep, HelloInfo } from '../session/auth-types.js';
import type { AuthContext, DynamicAuthSettings } from './auth-context.js';
import { abort } from './auth-steps.js';
import { errorText } from '../../protocol/error-text.js';

/** What the dynamic authenticator vouched for. */
export interface DynamicAnswer {
  readonly role: string;
  /** Overrides the HELLO authid when given. */
  readonly authid?: string;
  /** wampcra: the secret (and salting parameters) to check the signature with. */
  readonly secret?: string;
  readonly salt?: string;
  readonly iterations?: number;
  readonly keylen?: number;
  /** cryptosign: the public keys (hex) the presented `authextra.pubkey` must be one of. */
  readonly pubkeys?: readonly string[];
  /** Returned to the client as WELCOME.Details.authextra. */
  readonly extra?: Dict;
}

/**
 * Calls the dynamic authenticator with `[realm, authid, details]` and interprets its answer: a
 * role string, or a dict with `role` and method-specific fields. A WAMP error it throws becomes
 * ABORT with that error's URI; any other failure is `wamp.error.authentication_failed`.
 */
export async function askDynamicAuthenticator(
  ctx: AuthContext,
  info: HelloInfo,
  method: string,
  extraDetails: Dict = {},
): Promise<DynamicAnswer | AuthStep> {
  const dynamic = ctx.dynamic as DynamicAuthSettings;
  const authid = typeof info.details.authid === 'string' ? info.details.authid : null;
  const details: Dict = {
    authmethod: method,
    authmethods: info.details.authmethods ?? [],
    authid,
    authextra: info.details.authextra ?? {},
    session: info.sessionId,
    transport: info.transport,
    ...extraDetails,
  };
  let value: unknown;
  // A hung authenticator must not hold handshakes open for ever.
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${dynamic.timeoutMs} ms`)),
        dynamic.timeoutMs,
      );
    });
    value = await Promise.race([
      dynamic.invoke(dynamic.realm, dynamic.procedure, [info.realm, authid, details], {}),
      timeout,
    ]);
  } catch (error) {
    // The authenticator's own refusal URI is passed on; a missing procedure is our failure.
    if (isWampError(error) && !error.uri.startsWith('wamp.error.no_such_procedure')) {
      return abort(error.uri, `dynamic authenticator refused: ${error.message}`);
    }
    const why = errorText(error);
    return abort(
      'wamp.error.authentication_failed',
      `dynamic authenticator ${dynamic.procedure} failed: ${why}`,
    );
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  return interpretAnswer(value, dynamic.procedure);
}

/** True for an {@link AuthStep} (as opposed to a {@link DynamicAnswer}). */
export function isAuthStep(value: DynamicAnswer | AuthStep): value is AuthStep {
  return 'kind' in value;
}

/** Accepts a role string or a dict with `role`; ignores fields of the wrong type. */
function interpretAnswer(value: unknown, procedure: string): DynamicAnswer | AuthStep {
  if (typeof value === 'string' && value.length > 0) return { role: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return abort('wamp.error.authentication_failed', `${procedure} returned neither a role nor a dict`);
  }
  const v = value as Dict;
  if (typeof v.role !== 'string' || v.role.length === 0) {
    return abort('wamp.error.authentication_failed', `${procedure} returned no role`);
  }
  const pubkeys =
    typeof v.pubkey === 'string' ? [v.pubkey] : Array.isArray(v.pubkeys) ? v.pubkeys : undefined;
  const answer: {
    -readonly [K in keyof DynamicAnswer]: DynamicAnswer[K];
  } = { role: v.role };
  if (typeof v.authid === 'string' && v.authid.length > 0) answer.authid = v.authid;
  if (typeof v.secret === 'string') answer.secret = v.secret;
  if (typeof v.salt === 'string') answer.salt = v.salt;
  if (typeof v.iterations === 'number') answer.iterations = v.iterations;
  if (typeof v.keylen === 'number') answer.keylen = v.keylen;
  if (pubkeys !== undefined) answer.pubkeys = pubkeys.filter((k): k is string => typeof k === 'string');
  if (typeof v.extra === 'object' && v.extra !== null && !Array.isArray(v.extra))
    answer.extra = v.extra as Dict;
  return answer;
}
