/**
 * Shallow type checks of the known Options/Details keys of each message (checklist A.4).
 *
 * Each checker reads only the keys the spec defines, never enumerates the object, and returns
 * `undefined` when the dict is fine or the text of the violation. Unknown keys are ignored.
 * List-valued keys (`exclude`, `eligible_authid`, ...) are walked once, linearly.
 */
import { isId } from './ids.js';
import type { Dict } from './messages.js';
import { isLooseUri } from './uri.js';

/** True when `x` is a plain dictionary: an object whose prototype is `Object.prototype` or null. */
export function isDict(x: unknown): x is Dict {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** True when `x` is a non-negative integer (a non-ID integer field such as `timeout`). */
export function isNonNegativeInteger(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && x <= Number.MAX_SAFE_INTEGER && Math.floor(x) === x;
}

function isStringList(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'string') return false;
  return true;
}

function isIdList(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!isId(x[i])) return false;
  return true;
}

// Each helper gets the value read at the call site (a named, inline-cached load) and returns the
// violation text for `where.key`, or undefined when it is absent or well-typed.
function bool(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || typeof v === 'boolean' ? undefined : `${where}.${key} must be true or false`;
}

function str(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || typeof v === 'string' ? undefined : `${where}.${key} must be a string`;
}

function uri(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || (typeof v === 'string' && isLooseUri(v))
    ? undefined
    : `${where}.${key} must be a valid URI`;
}

function id(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || isId(v) ? undefined : `${where}.${key} must be an ID`;
}

function uint(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || isNonNegativeInteger(v)
    ? undefined
    : `${where}.${key} must be a non-negative integer`;
}

function dict(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || isDict(v) ? undefined : `${where}.${key} must be a dictionary`;
}

function strList(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || isStringList(v) ? undefined : `${where}.${key} must be a list of strings`;
}

function idList(v: unknown, where: string, key: string): string | undefined {
  return v === undefined || isIdList(v) ? undefined : `${where}.${key} must be a list of IDs`;
}

function oneOf(v: unknown, where: string, key: string, a: string, b: string, c: string): string | undefined {
  return v === undefined || v === a || v === b || v === c
    ? undefined
    : `${where}.${key} must be one of "${a}", "${b}", "${c}"`;
}

/**
 * Checks `ppt_*` (payload passthru) keys, which may appear on every payload-carrying message
 * (checklist D.21): `ppt_scheme` is required once any of them is there, and is `wamp`, `mqtt` or
 * a custom `x_...` scheme; `wamp` (end-to-end encryption) needs a `cbor` or `flatbuffers`
 * serializer and a known cipher, `mqtt` a `native`, `json`, `msgpack` or `cbor` serializer.
 */
function ppt(d: Dict, where: string): string | undefined {
  const scheme = d.ppt_scheme;
  const serializer = d.ppt_serializer;
  const cipher = d.ppt_cipher;
  const keyid = d.ppt_keyid;
  if (scheme === undefined && serializer === undefined && cipher === undefined && keyid === undefined)
    return undefined;
  const bad =
    str(scheme, where, 'ppt_scheme') ??
    str(serializer, where, 'ppt_serializer') ??
    str(cipher, where, 'ppt_cipher') ??
    str(keyid, where, 'ppt_keyid');
  if (bad !== undefined) return bad;
  if (scheme === undefined) return `${where}.ppt_scheme is required with the other ppt_* keys`;
  return pptScheme(scheme as string, serializer as string | undefined, cipher as string | undefined, where);
}

function pptScheme(
  scheme: string,
  serializer: string | undefined,
  cipher: string | undefined,
  where: string,
): string | undefined {
  if (scheme === 'wamp') {
    if (serializer !== 'cbor' && serializer !== 'flatbuffers')
      return `${where}.ppt_serializer must be "cbor" or "flatbuffers" for ppt_scheme "wamp"`;
    if (cipher !== undefined && cipher !== 'xsalsa20poly1305' && cipher !== 'aes256gcm')
      return `${where}.ppt_cipher must be "xsalsa20poly1305" or "aes256gcm" for ppt_scheme "wamp"`;
    return undefined;
  }
  if (scheme === 'mqtt') {
    return serializer === undefined ||
      serializer === 'native' ||
      serializer === 'json' ||
      serializer === 'msgpack' ||
      serializer === 'cbor'
      ? undefined
      : `${where}.ppt_serializer must be "native", "json", "msgpack" or "cbor" for ppt_scheme "mqtt"`;
  }
  return scheme.length > 2 && scheme.startsWith('x_')
    ? undefined
    : `${where}.ppt_scheme must be "wamp", "mqtt" or a custom scheme starting with "x_"`;
}

/**
 * `roles` must be a dict holding at least one of the `known` roles as a dict; a role's
 * `features`, when present, must be a dict. Unknown roles are ignored; feature flags are not read.
 */
function roles(d: Dict, where: string, known: readonly string[]): string | undefined {
  const r = d.roles;
  if (!isDict(r)) return `${where}.roles must be a dictionary`;
  let found = 0;
  for (let i = 0; i < known.length; i++) {
    const name = known[i] as string;
    const role = r[name];
    if (role === undefined) continue;
    if (!isDict(role)) return `${where}.roles.${name} must be a dictionary`;
    if (role.features !== undefined && !isDict(role.features)) {
      return `${where}.roles.${name}.features must be a dictionary`;
    }
    found++;
  }
  return found > 0 ? undefined : `${where}.roles must announce at least one of ${known.join(', ')}`;
}

const CLIENT_ROLES = ['publisher', 'subscriber', 'caller', 'callee'] as const;
const ROUTER_ROLES = ['broker', 'dealer'] as const;
const W_HELLO = 'HELLO.Details';
const W_WELCOME = 'WELCOME.Details';

/** HELLO.Details: `roles` (required), `agent`, `authmethods`, `authid`, `authrole`, `authextra`. */
export function checkHelloDetails(d: Dict): string | undefined {
  return (
    roles(d, W_HELLO, CLIENT_ROLES) ??
    str(d.agent, W_HELLO, 'agent') ??
    strList(d.authmethods, W_HELLO, 'authmethods') ??
    str(d.authid, W_HELLO, 'authid') ??
    str(d.authrole, W_HELLO, 'authrole') ??
    dict(d.authextra, W_HELLO, 'authextra')
  );
}

/** WELCOME.Details: `roles` (required), `agent`, `realm`, auth keys, `authextra`. */
export function checkWelcomeDetails(d: Dict): string | undefined {
  return (
    roles(d, W_WELCOME, ROUTER_ROLES) ??
    str(d.agent, W_WELCOME, 'agent') ??
    str(d.realm, W_WELCOME, 'realm') ??
    str(d.authid, W_WELCOME, 'authid') ??
    str(d.authrole, W_WELCOME, 'authrole') ??
    str(d.authmethod, W_WELCOME, 'authmethod') ??
    str(d.authprovider, W_WELCOME, 'authprovider') ??
    dict(d.authextra, W_WELCOME, 'authextra')
  );
}

/** ABORT/GOODBYE.Details: `message` (readable text). */
export function checkCloseDetails(d: Dict, where: string): string | undefined {
  return str(d.message, where, 'message');
}

const W_PUBLISH = 'PUBLISH.Options';

/** PUBLISH.Options: acknowledgement, exclusion/eligibility lists, disclosure, retention. */
export function checkPublishOptions(d: Dict): string | undefined {
  return (
    bool(d.acknowledge, W_PUBLISH, 'acknowledge') ??
    bool(d.exclude_me, W_PUBLISH, 'exclude_me') ??
    idList(d.exclude, W_PUBLISH, 'exclude') ??
    idList(d.eligible, W_PUBLISH, 'eligible') ??
    strList(d.exclude_authid, W_PUBLISH, 'exclude_authid') ??
    strList(d.eligible_authid, W_PUBLISH, 'eligible_authid') ??
    strList(d.exclude_authrole, W_PUBLISH, 'exclude_authrole') ??
    strList(d.eligible_authrole, W_PUBLISH, 'eligible_authrole') ??
    bool(d.disclose_me, W_PUBLISH, 'disclose_me') ??
    bool(d.retain, W_PUBLISH, 'retain') ??
    str(d.rkey, W_PUBLISH, 'rkey') ??
    ppt(d, W_PUBLISH)
  );
}

/** SUBSCRIBE.Options: `match`, `get_retained`, `nkey`. */
export function checkSubscribeOptions(d: Dict): string | undefined {
  const where = 'SUBSCRIBE.Options';
  return (
    oneOf(d.match, where, 'match', 'exact', 'prefix', 'wildcard') ??
    bool(d.get_retained, where, 'get_retained') ??
    str(d.nkey, where, 'nkey')
  );
}

const W_EVENT = 'EVENT.Details';

/** EVENT.Details: publisher identification, `topic`, `trustlevel`, `retained`. */
export function checkEventDetails(d: Dict): string | undefined {
  return (
    id(d.publisher, W_EVENT, 'publisher') ??
    str(d.publisher_authid, W_EVENT, 'publisher_authid') ??
    str(d.publisher_authrole, W_EVENT, 'publisher_authrole') ??
    uri(d.topic, W_EVENT, 'topic') ??
    uint(d.trustlevel, W_EVENT, 'trustlevel') ??
    bool(d.retained, W_EVENT, 'retained') ??
    ppt(d, W_EVENT)
  );
}

const W_CALL = 'CALL.Options';

/** CALL.Options: progress flags, `timeout`, `disclose_me`, sharding keys. */
export function checkCallOptions(d: Dict): string | undefined {
  return (
    bool(d.receive_progress, W_CALL, 'receive_progress') ??
    bool(d.progress, W_CALL, 'progress') ??
    uint(d.timeout, W_CALL, 'timeout') ??
    bool(d.disclose_me, W_CALL, 'disclose_me') ??
    str(d.runmode, W_CALL, 'runmode') ??
    str(d.rkey, W_CALL, 'rkey') ??
    ppt(d, W_CALL)
  );
}

const W_REGISTER = 'REGISTER.Options';

/** REGISTER.Options: `match`, `invoke`, `disclose_caller`, `forward_timeout`. */
export function checkRegisterOptions(d: Dict): string | undefined {
  const invoke = d.invoke;
  if (
    invoke !== undefined &&
    invoke !== 'single' &&
    invoke !== 'roundrobin' &&
    invoke !== 'random' &&
    invoke !== 'first' &&
    invoke !== 'last'
  ) {
    return `${W_REGISTER}.invoke must be one of "single", "roundrobin", "random", "first", "last"`;
  }
  return (
    oneOf(d.match, W_REGISTER, 'match', 'exact', 'prefix', 'wildcard') ??
    bool(d.disclose_caller, W_REGISTER, 'disclose_caller') ??
    bool(d.forward_timeout, W_REGISTER, 'forward_timeout')
  );
}

const W_INVOCATION = 'INVOCATION.Details';

/** INVOCATION.Details: caller identification, `procedure`, progress flags, `timeout`, `trustlevel`. */
export function checkInvocationDetails(d: Dict): string | undefined {
  return (
    id(d.caller, W_INVOCATION, 'caller') ??
    str(d.caller_authid, W_INVOCATION, 'caller_authid') ??
    str(d.caller_authrole, W_INVOCATION, 'caller_authrole') ??
    uri(d.procedure, W_INVOCATION, 'procedure') ??
    bool(d.receive_progress, W_INVOCATION, 'receive_progress') ??
    bool(d.progress, W_INVOCATION, 'progress') ??
    uint(d.timeout, W_INVOCATION, 'timeout') ??
    uint(d.trustlevel, W_INVOCATION, 'trustlevel') ??
    ppt(d, W_INVOCATION)
  );
}

/** YIELD.Options / RESULT.Details: `progress`. */
export function checkProgress(d: Dict, where: string): string | undefined {
  return bool(d.progress, where, 'progress') ?? ppt(d, where);
}

/** ERROR.Details: only `ppt_*`. */
export function checkErrorDetails(d: Dict): string | undefined {
  return ppt(d, 'ERROR.Details');
}

/** CANCEL/INTERRUPT.Options: `mode`; INTERRUPT may carry `reason`. */
export function checkCancelOptions(d: Dict, where: string): string | undefined {
  return oneOf(d.mode, where, 'mode', 'skip', 'kill', 'killnowait') ?? uri(d.reason, where, 'reason');
}

/** Revocation Details of `[35, 0, Details]` / `[67, 0, Details]`: the revoked id and `reason`. */
export function checkRevocationDetails(d: Dict, idKey: string, where: string): string | undefined {
  return id(d[idKey], where, idKey) ?? str(d.reason, where, 'reason');
}
