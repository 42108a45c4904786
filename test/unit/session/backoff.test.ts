import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RECONNECT, resolveReconnect } from '../../../runtime/session/backoff.js';

describe('reconnect backoff', () => {
  const policy = { maxAttempts: 5, initialDelay: 100, maxDelay: 1000, factor: 2, jitter: 0.5 };

  it('grows exponentially without jitter at random() = 1', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(policy, a, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds maxDelay', () => {
    expect(backoffDelay(policy, 20, () => 1)).toBe(1000);
  });

  it('randomises the jitter fraction of each delay', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
  });

  it('is off unless asked for, and true means the defaults', () => {
    expect(resolveReconnect(undefined)).toBeUndefined();
    expect(resolveReconnect(false)).toBeUndefined();
    expect(resolveReconnect(true)).toEqual(DEFAULT_RECONNECT);
    expect(resolveReconnect({ maxAttempts: 3 })?.maxAttempts).toBe(3);
  });
});
