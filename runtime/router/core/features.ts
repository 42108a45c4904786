/** Client feature bits: HELLO.Details.roles folded into one number per peer (checklist D.0). */

/** Bits of {@link RoutedPeer.features}: one per (role, feature) the router acts on. */
export const Feature = {
  CALLER: 1 << 0,
  CALLEE: 1 << 1,
  PUBLISHER: 1 << 2,
  SUBSCRIBER: 1 << 3,
  CALLEE_PROGRESSIVE_RESULTS: 1 << 4,
  CALLEE_CANCELING: 1 << 5,
  CALLEE_TIMEOUT: 1 << 6,
  CALLEE_PROGRESSIVE_INVOCATIONS: 1 << 7,
  CALLER_PROGRESSIVE_INVOCATIONS: 1 << 8,
  CALLER_CANCELING: 1 << 9,
  /** `payload_passthru_mode`, per role (D.21). */
  CALLER_PASSTHRU: 1 << 10,
  CALLEE_PASSTHRU: 1 << 11,
  PUBLISHER_PASSTHRU: 1 << 12,
  SUBSCRIBER_PASSTHRU: 1 << 13,
} as const;
