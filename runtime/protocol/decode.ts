/**
 * Structural validation of inbound WAMP messages (checklist A.1-A.4, B.4, B.6, C.1).
 *
 * `decodeMessage` takes what a serializer produced and either returns the very same array typed
 * as a {@link WampMessage} or a {@link ProtocolViolation}. It checks arity, element types, IDs,
 * URIs (loose rule; pattern-aware for SUBSCRIBE/REGISTER), ERROR request types and the known
 * Options/Details keys. It never recurses into Arguments/ArgumentsKw (they are forwarded opaque),
 * never enumerates a dict, and never throws.
 *
 * `decodeRouterMessage` is the client's form: it decodes only what a router sends and refuses what
 * only clients send without reading it, so a client (and a browser page) carries none of the
 * decoders and option checks of HELLO, CALL, PUBLISH, SUBSCRIBE, REGISTER or YIELD.
 */
import {
  checkCallOptions,
  checkCancelOptions,
  checkCloseDetails,
  checkErrorDetails,
  checkEventDetails,
  checkHelloDetails,
  checkInvocationDetails,
  checkProgress,
  checkPublishOptions,
  checkRegisterOptions,
  checkRevocationDetails,
  checkSubscribeOptions,
  checkWelcomeDetails,
  isDict,
} from './check-options.js';
import { isId } from './ids.js';
import { messageTypeName } from './message-type.js';
import type { Dict, MatchPolicy, WampMessage } from './messages.js';
import { isLoosePatternUri, isLooseUri } from './uri.js';
import type { DecodeResult, ViolationCode } from './violation.js';
import { violation } from './violation.js';

type Result = DecodeResult<WampMessage>;

/** Options of a message that has none that change its payload rules (ABORT). */
const NO_OPTIONS: Dict = Object.freeze({});

/**
 * Validates one deserialized value as a WAMP message; returns the same array on success.
 *
 * @example
 * const r = decodeMessage(JSON.parse(text));
 * if (!r.ok) abort(r.violation); else handle(r.message);
 */
export function decodeMessage(value: unknown): DecodeResult {
  try {
    return decodeValue(value);
  } catch {
    // Only reachable with exotic values (throwing getters, proxies); deserializers never make them.
    return fail('serialization', 'reading the message threw (getter, proxy or exotic object)');
  }
}

/**
 * Like {@link decodeMessage}, for a client: a message that only clients send (HELLO, AUTHENTICATE,
 * PUBLISH, SUBSCRIBE, UNSUBSCRIBE, CALL, CANCEL, REGISTER, UNREGISTER, YIELD, EVENT_RECEIVED) is an
 * `unexpected` violation, without being read further.
 */
export function decodeRouterMessage(value: unknown): DecodeResult {
  try {
    return decodeFromRouter(value);
  } catch {
    return fail('serialization', 'reading the message threw (getter, proxy or exotic object)');
  }
}

/** The type codes only clients send: HELLO, AUTHENTICATE, PUBLISH, SUBSCRIBE, UNSUBSCRIBE, CALL, CANCEL, REGISTER, UNREGISTER, YIELD, EVENT_RECEIVED. */
const CLIENT_SENT: ReadonlySet<unknown> = new Set([1, 5, 16, 32, 34, 48, 49, 64, 66, 70, 337]);

/** The unguarded client decoder: what a client sends is refused unread, the rest as {@link decodeValue} does. */
function decodeFromRouter(value: unknown): Result {
  if (!Array.isArray(value) || value.length === 0) return notAList();
  const m = value as unknown[];
  const t = m[0];
  if (CLIENT_SENT.has(t))
    return fail(
      'unexpected',
      `${messageTypeName(t as number)} is sent by clients, not by a router`,
      t as number,
    );
  return decodeRouterSent(m, t);
}

/** The unguarded decoder: dispatch on the type code, one function per layout. */
function decodeValue(value: unknown): Result {
  if (!Array.isArray(value) || value.length === 0) return notAList();
  const m = value as unknown[];
  const t = m[0];
  switch (t) {
    case 1:
      return decodeHello(m);
    case 5:
      return decodeAuthExchange(m, 5, 'AUTHENTICATE', 'Signature');
    case 16:
      return decodePublish(m);
    case 32:
      return decodePatternRequest(m, 32, 'SUBSCRIBE', 'Topic', checkSubscribeOptions);
    case 34:
      return decodeIdPair(m, 34, 'UNSUBSCRIBE', 'Subscription');
    case 48:
      return decodeCall(m);
    case 49:
      return decodeCancel(m, 49, 'CANCEL');
    case 64:
      return decodePatternRequest(m, 64, 'REGISTER', 'Procedure', checkRegisterOptions);
    case 66:
      return decodeIdPair(m, 66, 'UNREGISTER', 'Registration');
    case 70:
      return decodeYield(m);
    case 337:
      return decodeEventReceived(m);
    default:
      return decodeRouterSent(m, t);
  }
}

/**
 * The layouts a router sends, and the answer for an unknown type code. Kept apart from the client
 * layouts above so that a client's bundle carries only these ({@link decodeRouterMessage}).
 */
function decodeRouterSent(m: unknown[], t: unknown): Result {
  switch (t) {
    case 2:
      return decodeWelcome(m);
    case 3:
      return decodeAbort(m);
    case 4:
      return decodeAuthExchange(m, 4, 'CHALLENGE', 'AuthMethod');
    case 6:
      return decodeGoodbye(m);
    case 8:
      return decodeError(m);
    case 17:
      return decodeIdPair(m, 17, 'PUBLISHED', 'Publication');
    case 33:
      return decodeIdPair(m, 33, 'SUBSCRIBED', 'Subscription');
    case 35:
      return decodeAcknowledgement(m, 35, 'UNSUBSCRIBED', 'subscription');
    case 36:
      return decodeEvent(m);
    case 50:
      return decodeResult(m);
    case 65:
      return decodeIdPair(m, 65, 'REGISTERED', 'Registration');
    case 67:
      return decodeAcknowledgement(m, 67, 'UNREGISTERED', 'registration');
    case 68:
      return decodeInvocation(m);
    case 69:
      return decodeCancel(m, 69, 'INTERRUPT');
    default:
      return typeof t === 'number'
        ? fail('unknown_type', `unknown message type ${t}`)
        : fail('not_a_list', `element 0 must be a message type code, got ${typeOf(t)}`);
  }
}

// ---- per-message decoders (element indexes follow checklist A.2) ----

/** `[1, Realm|uri, Details|dict]`; Details must announce a client role. */
function decodeHello(m: unknown[]): Result {
  if (m.length !== 3) return badArity(m, 1, 'HELLO', '3');
  if (typeof m[1] !== 'string' || !isLooseUri(m[1]))
    return fail('bad_uri', 'HELLO.Realm must be a valid URI', 1);
  const d = m[2];
  if (!isDict(d)) return badDict(1, 'HELLO.Details');
  return checked(m, 1, checkHelloDetails(d));
}

/** `[2, Session|id, Details|dict]`; Details must announce a router role. */
function decodeWelcome(m: unknown[]): Result {
  if (m.length !== 3) return badArity(m, 2, 'WELCOME', '3');
  if (!isId(m[1])) return badId(2, 'WELCOME.Session');
  const d = m[2];
  if (!isDict(d)) return badDict(2, 'WELCOME.Details');
  return checked(m, 2, checkWelcomeDetails(d));
}

/** `[3, Details|dict, Reason|uri, Arguments?, ArgumentsKw?]`. */
function decodeAbort(m: unknown[]): Result {
  if (m.length < 3 || m.length > 5) return badArity(m, 3, 'ABORT', '3 to 5');
  const d = m[1];
  if (!isDict(d)) return badDict(3, 'ABORT.Details');
  if (typeof m[2] !== 'string' || !isLooseUri(m[2]))
    return fail('bad_uri', 'ABORT.Reason must be a valid URI', 3);
  return payload(m, 3, 3, 'ABORT', NO_OPTIONS) ?? checked(m, 3, checkCloseDetails(d, 'ABORT.Details'));
}

/** CHALLENGE `[4, AuthMethod|string, Extra|dict]` and AUTHENTICATE `[5, Signature|string, Extra|dict]`. */
function decodeAuthExchange(m: unknown[], t: number, name: string, field: string): Result {
  if (m.length !== 3) return badArity(m, t, name, '3');
  if (typeof m[1] !== 'string') return fail('bad_string', `${name}.${field} must be a string`, t);
  if (!isDict(m[2])) return badDict(t, `${name}.Extra`);
  return ok(m);
}

/** `[6, Details|dict, Reason|uri]`. */
function decodeGoodbye(m: unknown[]): Result {
  if (m.length !== 3) return badArity(m, 6, 'GOODBYE', '3');
  const d = m[1];
  if (!isDict(d)) return badDict(6, 'GOODBYE.Details');
  if (typeof m[2] !== 'string' || !isLooseUri(m[2]))
    return fail('bad_uri', 'GOODBYE.Reason must be a valid URI', 6);
  return checked(m, 6, checkCloseDetails(d, 'GOODBYE.Details'));
}

/** `[8, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri, Arguments?, ArgumentsKw?]`. */
function decodeError(m: unknown[]): Result {
  if (m.length < 5 || m.length > 7) return badArity(m, 8, 'ERROR', '5 to 7');
  const rt = m[1];
  // A.3: the only request types an ERROR may answer (direction is checked by the session/router).
  if (rt !== 16 && rt !== 32 && rt !== 34 && rt !== 48 && rt !== 64 && rt !== 66 && rt !== 68) {
    return fail('bad_integer', 'ERROR.REQUEST.Type must be one of 16, 32, 34, 48, 64, 66, 68', 8);
  }
  if (!isId(m[2])) return badId(8, 'ERROR.REQUEST.Request');
  const d = m[3];
  if (!isDict(d)) return badDict(8, 'ERROR.Details');
  if (typeof m[4] !== 'string' || !isLooseUri(m[4]))
    return fail('bad_uri', 'ERROR.Error must be a valid URI', 8);
  return payload(m, 5, 8, 'ERROR', d) ?? checked(m, 8, checkErrorDetails(d));
}

/**
 * `[16, Request|id, Options|dict, Topic|uri, Arguments?, ArgumentsKw?]`; Options before Topic, so a
 * `bad_uri` violation implies valid Options (the router reads `acknowledge` from them).
 */
function decodePublish(m: unknown[]): Result {
  if (m.length < 4 || m.length > 6) return badArity(m, 16, 'PUBLISH', '4 to 6');
  const request = m[1];
  if (!isId(request)) return badId(16, 'PUBLISH.Request');
  const o = m[2];
  if (!isDict(o)) return badDict(16, 'PUBLISH.Options');
  const bad = checkPublishOptions(o);
  if (bad !== undefined) return fail('bad_option', bad, 16);
  if (typeof m[3] !== 'string' || !isLooseUri(m[3])) {
    return fail('bad_uri', 'PUBLISH.Topic must be a valid URI', 16, request);
  }
  return payload(m, 4, 16, 'PUBLISH', o) ?? ok(m);
}

/** SUBSCRIBE `[32, Request|id, Options|dict, Topic|uri]` and REGISTER (64): the URI rule follows `match`. */
function decodePatternRequest(
  m: unknown[],
  t: number,
  name: string,
  field: string,
  check: (o: Dict) => string | undefined,
): Result {
  if (m.length !== 4) return badArity(m, t, name, '4');
  const request = m[1];
  if (!isId(request)) return badId(t, `${name}.Request`);
  const o = m[2];
  if (!isDict(o)) return badDict(t, `${name}.Options`);
  const bad = check(o);
  if (bad !== undefined) return fail('bad_option', bad, t);
  const u = m[3];
  // check() has already limited `match` to the three policies.
  const match = (o.match ?? 'exact') as MatchPolicy;
  if (typeof u !== 'string' || !isLoosePatternUri(u, match)) {
    return fail('bad_uri', `${name}.${field} must be a valid URI for match "${match}"`, t, request);
  }
  return ok(m);
}

/** PUBLISHED, SUBSCRIBED, UNSUBSCRIBE, REGISTERED, UNREGISTER: `[T, Request|id, Id|id]`. */
function decodeIdPair(m: unknown[], t: number, name: string, second: string): Result {
  if (m.length !== 3) return badArity(m, t, name, '3');
  if (!isId(m[1])) return badId(t, `${name}.Request`);
  if (!isId(m[2])) return badId(t, `${name}.${second}`);
  return ok(m);
}

/** UNSUBSCRIBED/UNREGISTERED: `[T, Request]`, or the revocation form `[T, 0, Details]`. */
function decodeAcknowledgement(m: unknown[], t: number, name: string, idKey: string): Result {
  if (m.length === 2) return isId(m[1]) ? ok(m) : badId(t, `${name}.Request`);
  if (m.length !== 3) return badArity(m, t, name, '2 or 3');
  if (m[1] !== 0)
    return fail('bad_arity', `${name} with Details must be the revocation form [${t}, 0, Details]`, t);
  const d = m[2];
  if (!isDict(d)) return badDict(t, `${name}.Details`);
  return checked(m, t, checkRevocationDetails(d, idKey, `${name}.Details`));
}

/** `[36, Subscription|id, Publication|id, Details|dict, Arguments?, ArgumentsKw?]`. */
function decodeEvent(m: unknown[]): Result {
  if (m.length < 4 || m.length > 6) return badArity(m, 36, 'EVENT', '4 to 6');
  if (!isId(m[1])) return badId(36, 'EVENT.Subscription');
  if (!isId(m[2])) return badId(36, 'EVENT.Publication');
  const d = m[3];
  if (!isDict(d)) return badDict(36, 'EVENT.Details');
  const bad = checkEventDetails(d);
  if (bad !== undefined) return fail('bad_option', bad, 36);
  return payload(m, 4, 36, 'EVENT', d) ?? ok(m);
}

/** `[48, Request|id, Options|dict, Procedure|uri, Arguments?, ArgumentsKw?]`. */
function decodeCall(m: unknown[]): Result {
  if (m.length < 4 || m.length > 6) return badArity(m, 48, 'CALL', '4 to 6');
  const request = m[1];
  if (!isId(request)) return badId(48, 'CALL.Request');
  const o = m[2];
  if (!isDict(o)) return badDict(48, 'CALL.Options');
  const bad = checkCallOptions(o);
  if (bad !== undefined) return fail('bad_option', bad, 48);
  if (typeof m[3] !== 'string' || !isLooseUri(m[3])) {
    return fail('bad_uri', 'CALL.Procedure must be a valid URI', 48, request);
  }
  return payload(m, 4, 48, 'CALL', o) ?? ok(m);
}

/** CANCEL `[49, Request|id, Options|dict]` and INTERRUPT (69), which may carry `reason`. */
function decodeCancel(m: unknown[], t: number, name: string): Result {
  if (m.length !== 3) return badArity(m, t, name, '3');
  if (!isId(m[1])) return badId(t, `${name}.Request`);
  const o = m[2];
  if (!isDict(o)) return badDict(t, `${name}.Options`);
  return checked(m, t, checkCancelOptions(o, `${name}.Options`));
}

/** `[50, Request|id, Details|dict, Arguments?, ArgumentsKw?]`. */
function decodeResult(m: unknown[]): Result {
  if (m.length < 3 || m.length > 5) return badArity(m, 50, 'RESULT', '3 to 5');
  if (!isId(m[1])) return badId(50, 'RESULT.Request');
  const d = m[2];
  if (!isDict(d)) return badDict(50, 'RESULT.Details');
  const bad = checkProgress(d, 'RESULT.Details');
  if (bad !== undefined) return fail('bad_option', bad, 50);
  return payload(m, 3, 50, 'RESULT', d) ?? ok(m);
}

/** `[68, Request|id, Registration|id, Details|dict, Arguments?, ArgumentsKw?]`. */
function decodeInvocation(m: unknown[]): Result {
  if (m.length < 4 || m.length > 6) return badArity(m, 68, 'INVOCATION', '4 to 6');
  if (!isId(m[1])) return badId(68, 'INVOCATION.Request');
  if (!isId(m[2])) return badId(68, 'INVOCATION.Registration');
  const d = m[3];
  if (!isDict(d)) return badDict(68, 'INVOCATION.Details');
  const bad = checkInvocationDetails(d);
  if (bad !== undefined) return fail('bad_option', bad, 68);
  return payload(m, 4, 68, 'INVOCATION', d) ?? ok(m);
}

/** `[70, Request|id, Options|dict, Arguments?, ArgumentsKw?]`. */
function decodeYield(m: unknown[]): Result {
  if (m.length < 3 || m.length > 5) return badArity(m, 70, 'YIELD', '3 to 5');
  if (!isId(m[1])) return badId(70, 'YIELD.Request');
  const o = m[2];
  if (!isDict(o)) return badDict(70, 'YIELD.Options');
  const bad = checkProgress(o, 'YIELD.Options');
  if (bad !== undefined) return fail('bad_option', bad, 70);
  return payload(m, 3, 70, 'YIELD', o) ?? ok(m);
}

/** `[337, Publication|id]` (autobahn extension; accepted, never sent). */
function decodeEventReceived(m: unknown[]): Result {
  if (m.length !== 2) return badArity(m, 337, 'EVENT_RECEIVED', '2');
  return isId(m[1]) ? ok(m) : badId(337, 'EVENT_RECEIVED.Publication');
}

// ---- shared pieces ----

/**
 * Checks the optional trailing `[Arguments|list, [ArgumentsKw|dict]]` starting at index `at`; in
 * payload passthru mode (`o.ppt_scheme`, D.21) the payload is exactly one element of Arguments.
 */
function payload(m: unknown[], at: number, t: number, name: string, o: Dict): Result | undefined {
  if (m.length > at && !Array.isArray(m[at])) return fail('bad_list', `${name}.Arguments must be a list`, t);
  if (m.length > at + 1 && !isDict(m[at + 1])) {
    return fail('bad_dict', `${name}.ArgumentsKw must be a dictionary`, t);
  }
  if (o.ppt_scheme !== undefined && (m.length !== at + 1 || (m[at] as unknown[]).length !== 1)) {
    const why = `${name} in payload passthru mode must carry one element in Arguments and no ArgumentsKw`;
    return fail('bad_option', why, t);
  }
  return undefined;
}

function notAList(): Result {
  return fail('not_a_list', 'a WAMP message must be a non-empty list');
}

/** Success result wrapping the very same array. */
function ok(m: unknown[]): Result {
  return { ok: true, message: m as WampMessage };
}

/** Success, or `bad_option` with the text a Details/Options checker returned. */
function checked(m: unknown[], t: number, bad: string | undefined): Result {
  return bad === undefined ? ok(m) : fail('bad_option', bad, t);
}

/** Failure result; `request` is kept only when it is a number (a valid id by then). */
function fail(code: ViolationCode, text: string, t?: number, request?: unknown): Result {
  return {
    ok: false,
    violation: violation(code, text, t, typeof request === 'number' ? request : undefined),
  };
}

function badArity(m: unknown[], t: number, name: string, expected: string): Result {
  return fail('bad_arity', `${name} must have ${expected} elements, got ${m.length}`, t);
}

function badId(t: number, field: string): Result {
  return fail('bad_id', `${field} must be an integer in 1..2^53`, t);
}

function badDict(t: number, field: string): Result {
  return fail('bad_dict', `${field} must be a dictionary`, t);
}

function typeOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'list' : typeof x;
}

/**
 * A short one-line description of a message for logs, e.g. `CALL 7 com.example.add`: the type name
 * plus its leading IDs and URIs, never payload or AUTHENTICATE/CHALLENGE strings; never throws.
 */
export function describeMessage(m: readonly unknown[]): string {
  try {
    const t = m[0];
    const name = typeof t === 'number' ? (messageTypeName(t) ?? `type ${t}`) : 'invalid';
    const parts: string[] = [name];
    for (let i = 1; i < m.length && i < 5; i++) {
      const v = m[i];
      if (typeof v === 'number') parts.push(String(v));
      else if (typeof v === 'string' && t !== 4 && t !== 5)
        parts.push(v.length > 80 ? `${v.slice(0, 80)}...` : v);
    }
    if (m.length > 4) parts.push(`(${m.length} elements)`);
    return parts.join(' ');
  } catch {
    return 'unreadable message';
  }
}
