/** `WampResult`: what a callee handler returns to set both Arguments and ArgumentsKw. */
import type { Args, Dict, Kwargs } from '../protocol/messages.js';

/**
 * Returned from a callee handler to set both `Arguments` and `ArgumentsKw` of the YIELD, and
 * optionally extra YIELD.Options keys (such as the `ppt_*` keys of payload passthru mode).
 * Any other return value travels as `Arguments[0]`.
 *
 * @example
 * session.register('com.example.pair', () => new WampResult(['left', 'right'], { size: 2 }));
 */
export class WampResult {
  constructor(
    readonly args: Args = [],
    readonly kwargs: Kwargs = {},
    readonly options?: Dict,
  ) {}
}

// A registered-symbol brand on the prototype, not `instanceof`: generated code and the session may
// load two copies of this package (dist/ and source, or two installs), as for WampError.
const BRAND = Symbol.for('wamp-contracts.WampResult');
Object.defineProperty(WampResult.prototype, BRAND, { value: true });

/** True when `value` is a {@link WampResult}, also one made by another copy of this package. */
export function isWampResult(value: unknown): value is WampResult {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
