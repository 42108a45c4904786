/**
 * The one rule for timers fed by a user or a peer: Node (and browsers) store a timer delay as a
 * signed 32-bit number of ms, and a larger delay fires after 1 ms instead of never. Every timeout
 * that comes from outside (a CALL's `timeout`, a client option, a config value) is clamped to
 * {@link MAX_TIMER_MS} (about 24.8 days, "practically never") before it reaches `setTimeout`;
 * config files refuse larger values outright.
 */

/** The largest delay `setTimeout` honours: 2^31 - 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** `ms` capped at {@link MAX_TIMER_MS} (Infinity included); smaller values and NaN pass unchanged. */
export function clampTimerMs(ms: number): number {
  return Math.min(ms, MAX_TIMER_MS);
}
