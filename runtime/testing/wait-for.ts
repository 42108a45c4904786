/**
 * Waits until the router knows a registration or subscription, by polling the meta API
 * (`wamp.registration.lookup` / `wamp.subscription.lookup`, checklist D.20) through a session.
 */
import type { SessionApi } from '../session/types.js';
import { TimeoutError } from '../protocol/predefined-errors.js';
import type { MatchPolicy } from '../protocol/messages.js';

/** Options of the wait helpers. */
export interface WaitOptions {
  /** Give up after this many ms (default 2000). */
  readonly timeout?: number;
  /** Poll interval, ms (default 10). */
  readonly interval?: number;
  readonly match?: MatchPolicy;
}

/** Resolves with the registration id once `procedure` is registered; rejects with `wamp.error.timeout`. */
export function waitForRegistration(
  session: SessionApi,
  procedure: string,
  options: WaitOptions = {},
): Promise<number> {
  return poll(session, 'wamp.registration.lookup', procedure, options);
}

/** Resolves with the subscription id once `topic` has a subscriber; rejects with `wamp.error.timeout`. */
export function waitForSubscription(
  session: SessionApi,
  topic: string,
  options: WaitOptions = {},
): Promise<number> {
  return poll(session, 'wamp.subscription.lookup', topic, options);
}

async function poll(
  session: SessionApi,
  procedure: string,
  uri: string,
  options: WaitOptions,
): Promise<number> {
  const deadline = Date.now() + (options.timeout ?? 2000);
  const lookupOptions = options.match === undefined ? undefined : { match: options.match };
  for (;;) {
    const { args } = await session.call(procedure, lookupOptions ? [uri, lookupOptions] : [uri]);
    if (typeof args[0] === 'number') return args[0];
    if (Date.now() >= deadline) throw new TimeoutError([`${uri} did not appear via ${procedure}`]);
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 10));
  }
}
