/** Waiting helpers shared by the tests: bounded, so a broken condition fails instead of hanging. */
import { expect } from 'vitest';

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 5 ms, at most 2,000 times, then asserts it holds. */
export async function until(condition: () => boolean): Promise<void> {
  // A hang guard of 10 s (under the 20 s test timeout), not a timing bound: shared machines are slow.
  for (let i = 0; i < 2000 && !condition(); i++) await sleep(5);
  expect(condition()).toBe(true);
}
