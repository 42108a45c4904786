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
  const forwarded: Dict = {
    authmethod: method,
    authmethods: info.details.authmethods ?? [],
    authid,
    authextra: info.details.authextra ?? {},
    ...extraDetails,
  };
  // Whatever the client sent must reach the authenticator in any serializer: refuse it here,
  // so a hostile HELLO fails its own login instead of the authenticator's session.
  const unfit = unforwardable(forwarded, dynamic.maxAuthextraDepth + 1, dynamic.maxAuthextraBytes);
  if (unfit !== undefined) {
    return abort('wamp.error.authentication_failed', `HELLO not forwarded to the authenticator: ${unfit}`);
  }
  const details: Dict = { ...forwarded, session: info.sessionId, transport: info.transport };
  const outer = info.signal;
  if (outer?.aborted === true) return abort('wamp.error.authentication_failed', 'the client left');
  // One signal stops the call: the client leaving (outer) or the timeout, whichever comes first.
  const controller = new AbortController();
  const onOuter = (): void => controller.abort(CLIENT_LEFT);
  outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(TIMED_OUT), dynamic.timeoutMs);
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  let value: unknown;
  try {
    value = await Promise.race([
      dynamic.invoke(
        dynamic.realm,
        dynamic.procedure,
        [info.realm, authid, details],
        {},
        {
          signal: controller.signal,
        },
      ),
      stopped,
    ]);
  } catch (error) {
    const why = controller.signal.reason;
    if (why === TIMED_OUT) {
      return abort(
        'wamp.error.authentication_failed',
        `dynamic authenticator ${dynamic.procedure} did not answer within ${dynamic.timeoutMs} ms`,
      );
    }
    if (why === CLIENT_LEFT) return abort('wamp.error.authentication_failed', 'the client left');
    // The authenticator's own refusal URI is passed on; a missing procedure is our failure.
    if (isWampError(error) && !error.uri.startsWith('wamp.error.no_such_procedure')) {
      return abort(error.uri, `dynamic authenticator refused: ${error.message}`);
    }
    return abort(
      'wamp.error.authentication_failed',
      `dynamic authenticator ${dynamic.procedure} failed: ${errorText(error)}`,
    );
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
  return interpretAnswer(value, dynamic.procedure);
}

// Abort reasons of the dynamic call (compared by identity).
const TIMED_OUT = new Error('dynamic authenticator timed out');
const CLIENT_LEFT = new Error('the client left during authentication');
const MAX_BIGINT = 9007199254740992n;

/**
 * Why `value` cannot be forwarded (nested deeper than `maxDepth`, larger than about `maxBytes`
 * as JSON text, or holding a value outside the data model every serializer shares), or undefined.
 */
function unforwardable(value: Dict, maxDepth: number, maxBytes: number): string | undefined {
  let bytes = 0;
  const walk = (v: unknown, depth: number): string | undefined => {
    if (bytes > maxBytes) return undefined;
    switch (typeof v) {
      case 'string':
        bytes += v.length + 2;
        return undefined;
      case 'boolean':
        bytes += 5;
        return undefined;
      case 'number':
        bytes += 8;
        return Number.isFinite(v) ? undefined : 'authextra holds a non-finite number';
      case 'bigint':
        bytes += 8;
        return v > MAX_BIGINT || v < -MAX_BIGINT ? 'authextra holds an integer out of range' : undefined;
      case 'object': {
        if (v === null) {
          bytes += 4;
          return undefined;
        }
        if (v instanceof Uint8Array) {
          bytes += Math.ceil((v.byteLength * 4) / 3) + 2;
          return undefined;
        }
        if (depth >= maxDepth) return `authextra nests deeper than ${maxDepth - 1} levels`;
        bytes += 2;
        if (Array.isArray(v)) {
          for (const item of v) {
            bytes += 1;
            const why = walk(item, depth + 1);
            if (why !== undefined) return why;
          }
          return undefined;
        }
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null)
          return 'authextra holds a value that is not plain data';
        for (const [k, item] of Object.entries(v)) {
          bytes += k.length + 4;
          const why = walk(item, depth + 1);
          if (why !== undefined) return why;
        }
        return undefined;
      }
      default:
        return `authextra holds a value of type ${typeof v}`;
    }
  };
  const why = walk(value, 0);
  if (why !== undefined) return why;
  return bytes > maxBytes ? `authid and authextra exceed ${maxBytes} bytes` : undefined;
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
