import type { Args, Dict, Kwargs } from './messages.js';

const BRAND = Symbol.for('wamp-contracts.WampError');

/**
 * An application or protocol error identified by a URI, with its payload.
 *
 * This is what a caller catches when a call fails and what a callee throws to answer with a
 * specific error URI. Typed subclasses generated from contracts extend it.
 *
 * @example
 * throw new WampError('com.example.unknown_city', ['Atlantis']);
 */
export class WampError extends Error {
  /** The error URI, e.g. `wamp.error.no_such_procedure`. */
  readonly uri: string;
  /** Positional payload of the ERROR message. */
  readonly args: Args;
  /** Keyword payload of the ERROR message. */
  readonly kwargs: Kwargs;
  /** Details of the ERROR message, if it came from the wire. */
  readonly details: Dict;

  constructor(uri: string, args: Args = [], kwargs: Kwargs = {}, details: Dict = {}, options?: ErrorOptions) {
    super(messageOf(uri, args, kwargs), options);
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

function messageOf(uri: string, args: Args, kwargs: Kwargs): string {
  // autobahn and wampy peers conventionally put a readable text in args[0] or kwargs.message.
  const text =
    typeof args[0] === 'string' ? args[0] : typeof kwargs.message === 'string' ? kwargs.message : '';
  return text ? `${uri}: ${text}` : uri;
}
