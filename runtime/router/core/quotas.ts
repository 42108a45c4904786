/** Per-session quotas and the realm-wide retained-event cap (`limits.*` of router.json). */
export interface RouterQuotas {
  /** Registrations one session may hold; REGISTER beyond it gets `wamp.error.quota_exceeded`. */
  readonly maxRegistrationsPerSession: number;
  /** Subscriptions one session may hold; SUBSCRIBE beyond it gets `wamp.error.quota_exceeded`. */
  readonly maxSubscriptionsPerSession: number;
  /** Calls one session may have in flight as caller; a CALL beyond it gets `quota_exceeded`. */
  readonly maxCallsPerSession: number;
  /** Testaments one session may hold (both scopes together). */
  readonly maxTestamentsPerSession: number;
  /** Topics with a retained event per realm; beyond it the least recently retained is evicted. */
  readonly maxRetainedTopics: number;
}

/** The defaults (also `ROUTER_DEFAULTS` of the config). */
export const DEFAULT_QUOTAS: RouterQuotas = {
  maxRegistrationsPerSession: 1_000,
  maxSubscriptionsPerSession: 1_000,
  maxCallsPerSession: 1_000,
  maxTestamentsPerSession: 100,
  maxRetainedTopics: 10_000,
};
