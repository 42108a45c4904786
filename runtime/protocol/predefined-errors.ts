/**
 * Typed classes for the predefined WAMP error URIs (checklist C.2), so that a caller can write
 * `catch (e) { if (e instanceof NoSuchProcedureError) ... }`. Every one is a `WampError` with the
 * usual `uri`, `args`, `kwargs`, `details` and `cause`; `createWampError` picks the class for a URI.
 * Each class brands its instances with a registered symbol, so `instanceof` also holds for an
 * instance made by another copy of this package.
 */
import type { Args, Dict, Kwargs } from './messages.js';
import { ErrorUri } from './uris.js';
import { INSTANCE_BRAND, setBrand, WampError } from './wamp-error.js';

/** A validation issue as plain, serialisable data (zod's issue without the offending input). */
export interface ValidationIssue {
  readonly code: string;
  readonly path: (string | number)[];
  readonly message: string;
  readonly [detail: string]: unknown;
}

const BRAND_PREFIX = 'wamp-contracts.';

/** The registered symbol that brands instances of predefined class `name`; its description keeps the name. */
function brand(name: string): symbol {
  return Symbol.for(`${BRAND_PREFIX}${name}`);
}

// Names the instance after its predefined class and brands it. Both come from the class's own brand
// (`INSTANCE_BRAND`, which makes `instanceof` accept the brand, see `isBrandedInstance`), not from the
// class name, which a minifier renames.
function mark(error: WampError, cls: object): void {
  const own = (cls as Record<symbol, symbol>)[INSTANCE_BRAND]!;
  error.name = own.description!.slice(BRAND_PREFIX.length);
  setBrand(error, own);
}

/** `wamp.error.invalid_uri`: a realm, topic or procedure URI is malformed. */
export class InvalidUriError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('InvalidUriError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.INVALID_URI, args, kwargs, details, options);
    mark(this, InvalidUriError);
  }
}

/** `wamp.error.no_such_procedure`: nothing is registered for the procedure called. */
export class NoSuchProcedureError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NoSuchProcedureError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.NO_SUCH_PROCEDURE, args, kwargs, details, options);
    mark(this, NoSuchProcedureError);
  }
}

/** `wamp.error.procedure_already_exists`: REGISTER conflicts with an existing registration. */
export class ProcedureAlreadyExistsError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('ProcedureAlreadyExistsError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.PROCEDURE_ALREADY_EXISTS, args, kwargs, details, options);
    mark(this, ProcedureAlreadyExistsError);
  }
}

/** `wamp.error.no_such_registration`: an unknown registration id. */
export class NoSuchRegistrationError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NoSuchRegistrationError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.NO_SUCH_REGISTRATION, args, kwargs, details, options);
    mark(this, NoSuchRegistrationError);
  }
}

/** `wamp.error.no_such_subscription`: an unknown subscription id. */
export class NoSuchSubscriptionError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NoSuchSubscriptionError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.NO_SUCH_SUBSCRIPTION, args, kwargs, details, options);
    mark(this, NoSuchSubscriptionError);
  }
}

/**
 * `wamp.error.invalid_argument`: the callee (or the caller's own validation, before sending)
 * refused the arguments. When wamp-contracts validators produced it, `issues` lists what failed.
 *
 * @example
 * import { InvalidArgumentError } from 'wamp-contracts';
 * try { await session.call('com.example.add', ['one', 2]); }
 * catch (e) { if (e instanceof InvalidArgumentError) console.log(e.issues?.[0]?.path); }
 */
export class InvalidArgumentError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('InvalidArgumentError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.INVALID_ARGUMENT, args, kwargs, details, options);
    mark(this, InvalidArgumentError);
  }

  /**
   * The validation issues (`ArgumentsKw.issues`), when the error came from wamp-contracts
   * validators, here or in the remote callee; `undefined` when the payload has none in that shape.
   */
  get issues(): readonly ValidationIssue[] | undefined {
    return validationIssuesOf(this.kwargs);
  }

  /** What was validated (`ArgumentsKw.where`, e.g. `arguments of com.example.add`), if known. */
  get where(): string | undefined {
    return typeof this.kwargs.where === 'string' ? this.kwargs.where : undefined;
  }
}

/** `wamp.error.canceled`: the call was canceled (by the caller, an abort signal or the dealer). */
export class CanceledError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('CanceledError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.CANCELED, args, kwargs, details, options);
    mark(this, CanceledError);
  }
}

/** `wamp.error.timeout`: a call timeout fired (in this session, at the dealer or at the callee). */
export class TimeoutError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('TimeoutError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.TIMEOUT, args, kwargs, details, options);
    mark(this, TimeoutError);
  }
}

/** `wamp.error.payload_size_exceeded`: a message was too large for the transport. */
export class PayloadSizeExceededError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('PayloadSizeExceededError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.PAYLOAD_SIZE_EXCEEDED, args, kwargs, details, options);
    mark(this, PayloadSizeExceededError);
  }
}

/** `wamp.error.protocol_violation`: a peer broke the protocol; the session ended. */
export class ProtocolViolationError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('ProtocolViolationError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.PROTOCOL_VIOLATION, args, kwargs, details, options);
    mark(this, ProtocolViolationError);
  }
}

/** The URIs a {@link NotAuthorizedError} stands for. */
export type NotAuthorizedUri =
  | typeof ErrorUri.NOT_AUTHORIZED
  | typeof ErrorUri.AUTHORIZATION_FAILED
  | typeof ErrorUri.AUTHORIZATION_DENIED
  | typeof ErrorUri.AUTHORIZATION_REQUIRED;

/**
 * The action was refused by authorization: `wamp.error.not_authorized`, `authorization_denied`,
 * `authorization_required`, or `authorization_failed` (the authorizer itself failed); `uri` says which.
 */
export class NotAuthorizedError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NotAuthorizedError');
  declare readonly uri: NotAuthorizedUri;
  constructor(uri: NotAuthorizedUri, args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(uri, args, kwargs, details, options);
    mark(this, NotAuthorizedError);
  }
}

/** `wamp.error.no_such_realm`: the router has no realm of that name (a join ABORT). */
export class NoSuchRealmError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NoSuchRealmError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.NO_SUCH_REALM, args, kwargs, details, options);
    mark(this, NoSuchRealmError);
  }
}

/** The URIs an {@link AuthenticationError} stands for. */
export type AuthenticationUri =
  | typeof ErrorUri.AUTHENTICATION_FAILED
  | typeof ErrorUri.AUTHENTICATION_DENIED
  | typeof ErrorUri.AUTHENTICATION_REQUIRED
  | typeof ErrorUri.NO_MATCHING_AUTH_METHOD
  | typeof ErrorUri.NO_SUCH_PRINCIPAL
  | typeof ErrorUri.NO_SUCH_ROLE;

/**
 * The join was refused while authenticating (wrong secret or ticket, unknown authid, no usable
 * method, ...). `uri` says which, and `message` carries the router's reason when it gave one.
 *
 * @example
 * import { AuthenticationError, connect } from 'wamp-contracts';
 * try { await connect({ url, realm: 'realm1', auth: { authid: 'joe', ticket: 'wrong' } }); }
 * catch (e) { if (e instanceof AuthenticationError) console.log(e.uri, e.message); }
 */
export class AuthenticationError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('AuthenticationError');
  declare readonly uri: AuthenticationUri;
  constructor(uri: AuthenticationUri, args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(uri, args, kwargs, details, options);
    mark(this, AuthenticationError);
  }
}

/** `wamp.error.no_available_callee`: every callee was unavailable. */
export class NoAvailableCalleeError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('NoAvailableCalleeError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.NO_AVAILABLE_CALLEE, args, kwargs, details, options);
    mark(this, NoAvailableCalleeError);
  }
}

/** `wamp.error.feature_not_supported`: a peer on the path lacks an advanced feature the call needs. */
export class FeatureNotSupportedError extends WampError {
  static override readonly [INSTANCE_BRAND]: symbol = brand('FeatureNotSupportedError');
  constructor(args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) {
    super(ErrorUri.FEATURE_NOT_SUPPORTED, args, kwargs, details, options);
    mark(this, FeatureNotSupportedError);
  }
}

/** A predefined class for exactly one URI. */
type FixedClass = new (args?: Args, kwargs?: Kwargs, details?: Dict, options?: ErrorOptions) => WampError;
/** A predefined class for a family of URIs: the URI is its first constructor argument. */
type FamilyClass = new (
  uri: never,
  args?: Args,
  kwargs?: Kwargs,
  details?: Dict,
  options?: ErrorOptions,
) => WampError;

const fixedClasses = new Map<string, FixedClass>([
  [ErrorUri.INVALID_URI, InvalidUriError],
  [ErrorUri.NO_SUCH_PROCEDURE, NoSuchProcedureError],
  [ErrorUri.PROCEDURE_ALREADY_EXISTS, ProcedureAlreadyExistsError],
  [ErrorUri.NO_SUCH_REGISTRATION, NoSuchRegistrationError],
  [ErrorUri.NO_SUCH_SUBSCRIPTION, NoSuchSubscriptionError],
  [ErrorUri.INVALID_ARGUMENT, InvalidArgumentError],
  [ErrorUri.CANCELED, CanceledError],
  [ErrorUri.TIMEOUT, TimeoutError],
  [ErrorUri.PAYLOAD_SIZE_EXCEEDED, PayloadSizeExceededError],
  [ErrorUri.PROTOCOL_VIOLATION, ProtocolViolationError],
  [ErrorUri.NO_SUCH_REALM, NoSuchRealmError],
  [ErrorUri.NO_AVAILABLE_CALLEE, NoAvailableCalleeError],
  [ErrorUri.FEATURE_NOT_SUPPORTED, FeatureNotSupportedError],
]);

const familyClasses = new Map<string, FamilyClass>([
  [ErrorUri.NOT_AUTHORIZED, NotAuthorizedError],
  [ErrorUri.AUTHORIZATION_FAILED, NotAuthorizedError],
  [ErrorUri.AUTHORIZATION_DENIED, NotAuthorizedError],
  [ErrorUri.AUTHORIZATION_REQUIRED, NotAuthorizedError],
  [ErrorUri.AUTHENTICATION_FAILED, AuthenticationError],
  [ErrorUri.AUTHENTICATION_DENIED, AuthenticationError],
  [ErrorUri.AUTHENTICATION_REQUIRED, AuthenticationError],
  [ErrorUri.NO_MATCHING_AUTH_METHOD, AuthenticationError],
  [ErrorUri.NO_SUCH_PRINCIPAL, AuthenticationError],
  [ErrorUri.NO_SUCH_ROLE, AuthenticationError],
]);

/**
 * The error for `uri`: an instance of its predefined class (`CanceledError` for
 * `wamp.error.canceled`, ...) or a plain `WampError` for any other URI. The session builds every
 * error it receives or raises through this.
 */
export function createWampError(
  uri: string,
  args: Args = [],
  kwargs: Kwargs = {},
  details: Dict = {},
  options?: ErrorOptions,
): WampError {
  const fixed = fixedClasses.get(uri);
  if (fixed !== undefined) return new fixed(args, kwargs, details, options);
  const family = familyClasses.get(uri);
  if (family !== undefined) return new family(uri as never, args, kwargs, details, options);
  return new WampError(uri, args, kwargs, details, options);
}

const predefinedPrototypes = new Set<object>(
  [...fixedClasses.values(), ...familyClasses.values()].map((cls) => cls.prototype),
);

/** @internal True when `error` was made by one of this copy's predefined classes exactly (no subclass). */
export function isPredefinedClassInstance(error: object): boolean {
  return predefinedPrototypes.has(Object.getPrototypeOf(error) as object);
}

// ArgumentsKw.issues in the shape our validators send; anything else (another peer's payload) is not issues.
function validationIssuesOf(kwargs: Kwargs): readonly ValidationIssue[] | undefined {
  const issues = kwargs.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) return undefined;
    const { code, path, message } = issue as Record<string, unknown>;
    if (typeof code !== 'string' || typeof message !== 'string' || !Array.isArray(path)) return undefined;
    if (!path.every((p) => typeof p === 'string' || typeof p === 'number')) return undefined;
  }
  return issues as ValidationIssue[];
}
