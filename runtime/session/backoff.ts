/** Reconnect backoff: the `reconnect` option resolved to a policy, and the delay before each attempt. */
import { clampTimerMs } from '../protocol/timer-limit.js';
import type { ReconnectOptions } from './connect-options.js';

/** A reconnect policy with every field filled in. */
export interface ReconnectPolicy {
  readonly maxAttempts: number;
  readonly initialDelay: number;
  readonly maxDelay: number;
  readonly factor: number;
  readonly jitter: number;
}

/** The defaults used by `reconnect: true`. */
export const DEFAULT_RECONNECT: ReconnectPolicy = {
  maxAttempts: 10,
  initialDelay: 250,
  maxDelay: 10_000,
  factor: 2,
  jitter: 0.5,
};

/** Resolves the `reconnect` option to a policy, or `undefined` when reconnecting is off. */
export function resolveReconnect(
  option: boolean | ReconnectOptions | undefined,
): ReconnectPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return DEFAULT_RECONNECT;
  return {
    maxAttempts: option.maxAttempts ?? DEFAULT_RECONNECT.maxAttempts,
    initialDelay: option.initialDelay ?? DEFAULT_RECONNECT.initialDelay,
    // Every delay is at most maxDelay; above 2^31-1 ms setTimeout would fire after 1 ms.
    maxDelay: clampTimerMs(option.maxDelay ?? DEFAULT_RECONNECT.maxDelay),
    factor: option.factor ?? DEFAULT_RECONNECT.factor,
    jitter: Math.min(1, Math.max(0, option.jitter ?? DEFAULT_RECONNECT.jitter)),
  };
}

/**
 * The delay before attempt `attempt` (1-based): `initialDelay * factor^(attempt-1)`, capped at
 * `maxDelay`, of which the `jitter` fraction is drawn at random so that clients do not retry in step.
 */
export function backoffDelay(
  policy: ReconnectPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxDelay, policy.initialDelay * policy.factor ** Math.max(0, attempt - 1));
  const fixed = base * (1 - policy.jitter);
  return Math.round(fixed + base * policy.jitter * random());
}
