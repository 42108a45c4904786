import type { Args, Dict, Kwargs } from './messages.js';

const BRAND = Symbol.for('wamp-contracts.WampError');

/**
 * @internal The own static property of an error class that names the registered symbol its
 * instances carry; `instanceof` that class then also accepts instances made by another copy of
 * this package (generated code resolved to `dist/`, the session to source, or two installs).
 */
export const INSTANCE_BRAND = Symbol.for('wamp-contracts.instanceBrand');

/**
 * An application or protocol error identified by a URI, with its payload.
 *
 * This is what a caller catches when a call fails and what a callee throws to answer with a
 * specific error URI. The predefined WAMP errors have their own subclasses (`CanceledError`,
 * `NoSuchProcedureError`, ...); typed subclasses generated from contracts extend it too.
 *
 * @example
 * throw new WampError('com.example.unknown_city', ['Atlantis']);
 */
export class WampError extends Error {
  static readonly [INSTANCE_BRAND]: symbol = BRAND;

  /** Also true for an instance of the same class from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asked about, maybe a subclass
    return isBrandedInstance(this, value);
  }

  /** The error URI, e.g. `wamp.error.no_such_procedure`. */
  readonly uri: string;
  /** Positional payload of the ERROR message. */
  readonly args: Args;
  /** Keyword payload of the ERROR message. */
  readonly kwargs: Kwargs;
  /** Details of the ERROR (or ABORT) message, if it came from the wire. */
  readonly details: Dict;

  constructor(uri: string, args: Args = [], kwargs: Kwargs = {}, details: Dict = {}, options?: ErrorOptions) {
    super(messageOf(uri, args, kwargs, details), options);
    this.name = 'WampError';
    this.uri = uri;
    this.args = args;
    this.kwargs = kwargs;
    this.details = details;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `value` is a {@link WampError}, also across two copies of this package
 * (checks a registered-symbol brand, not `instanceof`).
 */
export function isWampError(value: unknown): value is WampError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * @internal `instanceof` for a branded class: the brand its own `INSTANCE_BRAND` names, else the
 * prototype chain (so a user's subclass, which owns no brand, keeps the ordinary meaning).
 */
export function isBrandedInstance(cls: object, value: unknown): boolean {
  if (Object.hasOwn(cls, INSTANCE_BRAND)) {
    const brand = (cls as Record<symbol, unknown>)[INSTANCE_BRAND] as symbol;
    if (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true) {
      return true;
    }
  }
  return Function.prototype[Symbol.hasInstance].call(cls, value);
}

/** @internal Marks `error` as an instance of the class whose brand is `brand` (a registered symbol). */
export function setBrand(error: object, brand: symbol): void {
  Object.defineProperty(error, brand, { value: true });
}

function messageOf(uri: string, args: Args, kwargs: Kwargs, details: Dict): string {
  // autobahn and wampy peers conventionally put a readable text in args[0] or kwargs.message;
  // an ABORT carries it in Details.message (the router's reason for refusing a join).
  const text =
    typeof args[0] === 'string'
      ? args[0]
      : typeof kwargs.message === 'string'
        ? kwargs.message
        : typeof details.message === 'string'
          ? details.message
          : '';
  return text ? `${uri}: ${text}` : uri;
}
