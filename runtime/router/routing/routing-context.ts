/** What the dealer and broker need from the realm they route in (and what a unit test fakes). */
import type { Args } from '../../protocol/messages.js';
import type { RouterQuotas } from '../core/quotas.js';
import type { RouterStats } from '../core/router-stats.js';

/** The routing side of a realm: counters, router-scope ids and the meta-event hook. */
export interface RoutingContext {
  /** Counters for everything routing drops or ignores on purpose. */
  readonly stats: RouterStats;
  /** Quotas (absent: the defaults). */
  readonly quotas?: RouterQuotas;
  /** The next registration/subscription id (router scope, sequential). */
  nextRouterId(): number;
  /** Publishes a meta event (`wamp.registration.on_*`, `wamp.subscription.on_*`) as the router. */
  publishMeta(topic: string, args: Args): void;
}
