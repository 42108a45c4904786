/**
 * Validation throughput of generated validators (through the runtime's `decodeValue`, as a client checks
 * a result) against hand-written zod (`safeParse`), for a small and a ~1 KiB payload, in both validation
 * modes, measured in one process in interleaved rounds (median ops/s).
 */
import type { z } from 'zod';
import { setValidationMode } from '../../runtime/contracts/validation-mode.js';
import { decodeValue } from '../../runtime/contracts/wire-value.js';
import { createHandWrittenSchemas, KIB_PAYLOAD, SMALL_PAYLOAD } from './hand-written-schemas.js';

/** Round lengths of the meter. */
export interface MeterOptions {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

/** One measured row. */
export interface ValidationFigure {
  readonly payload: string;
  readonly bytes: number;
  readonly mode: 'jit' | 'jitless';
  readonly variant: string;
  readonly opsPerSec: number;
}

interface Case {
  readonly payload: string;
  readonly bytes: number;
  readonly mode: 'jit' | 'jitless';
  readonly variant: string;
  readonly fn: () => unknown;
}

let sink: unknown;
let current: string | undefined;

// Switches mode only on change (a switch drops compiled validators), then compiles `c` outside the timing.
function enter(c: Pick<Case, 'mode' | 'fn'>): void {
  if (current !== c.mode) {
    setValidationMode(c.mode);
    current = c.mode;
  }
  sink = c.fn();
}

// Ops/s of `fn` over about `ms` milliseconds, checking the clock every 64 calls.
function round(fn: () => unknown, ms: number): number {
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) sink = fn();
    ops += 64;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The generated schemas of fresh module instances (a query string gives a new instance of weather.ts). */
async function loadGenerated(
  weatherUrl: string,
  itemUrl: string,
  itemExport: string,
  tag: string,
): Promise<{ forecast: z.ZodType; item: z.ZodType }> {
  const weather = (await import(`${weatherUrl}?${tag}`)) as Record<string, z.ZodType | undefined>;
  const items = (await import(`${itemUrl}?${tag}`)) as Record<string, z.ZodType | undefined>;
  const forecast = weather.ForecastSchema;
  const item = items[itemExport];
  if (forecast === undefined || item === undefined) throw new Error('generated schemas not found');
  return { forecast, item };
}

/**
 * Measures every case. `itemUrls` are two copies of a generated synthetic service module exporting
 * `itemExport` (e.g. `Item1Schema`), one per mode: zod fixes its object JIT when a schema is created, so
 * each mode needs schemas (and the schemas they import) created under it. `generated, built before the
 * mode switch` shows `setValidationMode('jitless')` called after the generated modules were imported.
 */
export async function measureValidation(
  itemUrls: { readonly jit: string; readonly jitless: string },
  itemExport: string,
  options: MeterOptions,
): Promise<ValidationFigure[]> {
  const weatherUrl = new URL('../../schemas/generated/weather.ts', import.meta.url).href;
  setValidationMode('jit');
  const genJit = await loadGenerated(weatherUrl, itemUrls.jit, itemExport, 'jit');
  const handJit = createHandWrittenSchemas();
  setValidationMode('jitless');
  const genJitless = await loadGenerated(weatherUrl, itemUrls.jitless, itemExport, 'jitless');
  const handJitless = createHandWrittenSchemas();
  const payloads = [
    {
      name: 'small (Forecast)',
      value: SMALL_PAYLOAD,
      bad: { ...SMALL_PAYLOAD, tempC: 99 },
      key: 'forecast' as const,
    },
    {
      name: '1 KiB (Item)',
      value: KIB_PAYLOAD,
      bad: { ...KIB_PAYLOAD, price: { amount: 1.5, currency: 'EUR' } },
      key: 'item' as const,
    },
  ];
  const cases: Case[] = [];
  const checks: { mode: 'jit' | 'jitless'; variant: string; ok: () => boolean }[] = [];
  for (const p of payloads) {
    const bytes = JSON.stringify(p.value).length;
    const add = (mode: 'jit' | 'jitless', variant: string, check: (value: unknown) => boolean): void => {
      cases.push({ payload: p.name, bytes, mode, variant, fn: () => check(p.value) });
      // A validator that accepted everything would look fast: each one must reject the broken payload.
      checks.push({ mode, variant, ok: () => check(p.value) && !check(p.bad) });
    };
    const generated = (schema: z.ZodType) => (value: unknown) => {
      try {
        decodeValue(schema, value, true, false, 'bench', 'result');
        return true;
      } catch {
        return false;
      }
    };
    const hand = (schema: z.ZodType) => (value: unknown) => schema.safeParse(value).success;
    add('jit', 'generated (decodeValue, z.compile)', generated(genJit[p.key]));
    add('jit', 'hand-written zod (safeParse)', hand(handJit[p.key]));
    add('jitless', 'generated (decodeValue)', generated(genJitless[p.key]));
    add('jitless', 'generated, built before the mode switch', generated(genJit[p.key]));
    add('jitless', 'hand-written zod (safeParse)', hand(handJitless[p.key]));
  }
  for (const [i, c] of checks.entries()) {
    enter({ mode: c.mode, fn: () => undefined });
    if (!c.ok())
      throw new Error(`${c.variant} (case ${i}) accepts the broken payload or rejects the good one`);
  }
  const samples = cases.map(() => [] as number[]);
  for (const c of cases) {
    enter(c);
    round(c.fn, options.warmupMs);
  }
  for (let r = 0; r < options.rounds; r++) {
    cases.forEach((c, i) => {
      enter(c);
      samples[i]?.push(round(c.fn, options.roundMs));
    });
  }
  setValidationMode('auto');
  current = undefined;
  if (sink === Symbol.for('never')) process.stdout.write('');
  return cases.map((c, i) => ({
    payload: c.payload,
    bytes: c.bytes,
    mode: c.mode,
    variant: c.variant,
    opsPerSec: median(samples[i] ?? []),
  }));
}
