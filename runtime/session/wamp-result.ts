/** `WampResult`: what a callee handler returns to set both Arguments and ArgumentsKw. */
import type { Args, Kwargs } from '../protocol/messages.js';

/**
 * Returned from a callee handler to set both `Arguments` and `ArgumentsKw` of the YIELD.
 * Any other return value travels as `Arguments[0]`.
 *
 * @example
 * session.register('com.example.pair', () => new WampResult(['left', 'right'], { size: 2 }));
 */
export class WampResult {
  constructor(
    readonly args: Args = [],
    readonly kwargs: Kwargs = {},
  ) {}
}
