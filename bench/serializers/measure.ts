/** A small ops/s meter: warm up, then the median of several fixed-time rounds. */

/** Timing knobs; `quick` runs are for smoke tests, not for recorded numbers. */
export interface MeasureOptions {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

/** Knobs used for recorded results and for `--quick`. */
export const FULL: MeasureOptions = { warmupMs: 200, roundMs: 150, rounds: 7 };
export const QUICK: MeasureOptions = { warmupMs: 50, roundMs: 50, rounds: 3 };

// Results go here so the JIT cannot drop the measured calls as dead code.
let sink: unknown;

/** Runs `fn` in batches until `ms` elapsed; returns ops per second. */
function round(fn: () => unknown, ms: number): number {
  const batch = 200;
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/**
 * Median ops/s of each function, measured in interleaved rounds (A, B, C, A, B, C, ...) so that
 * load from other processes hits all of them alike; the ratios are what the table is for.
 */
export function measureAll(fns: ReadonlyArray<() => unknown>, options: MeasureOptions): number[] {
  for (const fn of fns) round(fn, options.warmupMs);
  const results: number[][] = fns.map(() => []);
  for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < fns.length; i++) results[i]!.push(round(fns[i]!, options.roundMs));
  }
  return results.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)]!;
  });
}

/** Keeps the sink observable (used once at the end of a suite). */
export function consumeSink(): boolean {
  return sink !== undefined;
}

/** Formats ops/s with thousands separators. */
export function formatOps(ops: number): string {
  return Math.round(ops).toLocaleString('en-US');
}
