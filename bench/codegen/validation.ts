/**
 * Validation throughput of generated validators (through the runtime's `decodeValue`, as a client checks
 * a result) against hand-written zod (`safeParse`), for a small and a ~1 KiB payload, in both validation
 * modes. Each mode runs in its own process (zod fixes its object JIT when a schema is created, and the
 * modes must not share V8 feedback); in every round the two sides run back to back, in alternating order,
 * and the figure is the median of the per-round ratios in CPU time, with their spread.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { setValidationMode } from '../../runtime/contracts/validation-mode.js';
import { decodeValue } from '../../runtime/contracts/wire-value.js';
import {
  createHandWrittenSchemas,
  KIB_PAYLOAD,
  KIB_REJECTED,
  SMALL_PAYLOAD,
  SMALL_REJECTED,
} from './hand-written-schemas.js';

/** Round lengths of the meter; `rounds` should be odd (15+ on a full run) for a clean median. */
export interface MeterOptions {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

/** Median, quartiles and extremes of per-round ratios. */
export interface RatioSpread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
}

/** One payload in one mode: generated against hand-written, measured in paired rounds. */
export interface ValidationFigure {
  readonly payload: string;
  readonly bytes: number;
  readonly mode: 'jit' | 'jitless';
  readonly rounds: number;
  /** Median ops per CPU second (user + system) of the generated validator. */
  readonly generatedCpuOps: number;
  /** Median ops per CPU second of the hand-written schema. */
  readonly handCpuOps: number;
  /** Median ops per wall-clock second of the generated validator. */
  readonly generatedWallOps: number;
  /** Median ops per wall-clock second of the hand-written schema. */
  readonly handWallOps: number;
  /** Generated / hand-written ops per CPU second, one ratio per round. */
  readonly cpuRatio: RatioSpread;
  /** Generated / hand-written ops per wall-clock second, one ratio per round. */
  readonly wallRatio: RatioSpread;
}

interface ChildRequest {
  readonly mode: 'jit' | 'jitless';
  readonly itemUrl: string;
  readonly itemExport: string;
  readonly meter: MeterOptions;
}

let sink: unknown;

// Ops per wall second and per CPU second of `fn` over about `ms` ms, checking the clock every 64 calls.
function round(fn: () => unknown, ms: number): [wall: number, cpu: number] {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) sink = fn();
    ops += 64;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  return [(ops * 1000) / (now - start), (ops * 1e6) / Math.max(1, cpu.user + cpu.system)];
}

// Nearest-rank quantile of sorted values.
const at = (sorted: readonly number[], q: number): number =>
  sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN;

function spread(values: readonly number[]): RatioSpread {
  const s = [...values].sort((a, b) => a - b);
  return { median: at(s, 0.5), q1: at(s, 0.25), q3: at(s, 0.75), min: at(s, 0), max: at(s, 1) };
}

// A validator as the client runs it: `decodeValue` throws the validation error as a WampError.
const viaDecodeValue = (schema: z.ZodType) => (value: unknown) => {
  try {
    decodeValue(schema, value, true, false, 'bench', 'result');
    return true;
  } catch {
    return false;
  }
};
const viaSafeParse = (schema: z.ZodType) => (value: unknown) => schema.safeParse(value).success;

/** Measures both payloads in the current process under `request.mode` (the child side). */
async function measureMode(request: ChildRequest): Promise<ValidationFigure[]> {
  // Before any schema is created: zod decides its object JIT per schema at creation.
  setValidationMode(request.mode);
  const weather = (await import('../../schemas/generated/weather.js')) as Record<string, unknown>;
  const items = (await import(request.itemUrl)) as Record<string, unknown>;
  const forecast = weather.ForecastSchema as z.ZodType | undefined;
  const item = items[request.itemExport] as z.ZodType | undefined;
  if (forecast === undefined || item === undefined) throw new Error('generated schemas not found');
  const hand = createHandWrittenSchemas();
  const payloads = [
    {
      name: 'small (Forecast)',
      value: SMALL_PAYLOAD,
      rejected: SMALL_REJECTED,
      gen: forecast,
      hw: hand.forecast,
    },
    { name: '1 KiB (Item)', value: KIB_PAYLOAD, rejected: KIB_REJECTED, gen: item, hw: hand.item },
  ];
  const pairs = payloads.map((p) => {
    const generated = viaDecodeValue(p.gen);
    const handWritten = viaSafeParse(p.hw);
    // A validator that accepted everything would look fast: each must accept the payload and reject every variant.
    for (const [side, check] of [
      ['generated', generated],
      ['hand-written', handWritten],
    ] as const) {
      if (!check(p.value)) throw new Error(`${request.mode} ${side} ${p.name}: rejects the payload`);
      const bad = p.rejected.findIndex(check);
      if (bad >= 0) throw new Error(`${request.mode} ${side} ${p.name}: accepts rejected variant ${bad}`);
    }
    return { p, g: () => generated(p.value), h: () => handWritten(p.value) };
  });
  const { warmupMs, roundMs, rounds } = request.meter;
  for (const { g, h } of pairs) {
    round(g, warmupMs / 2);
    round(h, warmupMs);
    round(g, warmupMs / 2);
  }
  const samples = pairs.map(() => ({ g: [] as number[][], h: [] as number[][] }));
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < pairs.length; j++) {
      // Rotate the payloads and alternate which side goes first, so no case always follows the same one.
      const k = (j + r) % pairs.length;
      const pair = pairs[k]!;
      const out = samples[k]!;
      if (r % 2 === 0) {
        out.g.push(round(pair.g, roundMs));
        out.h.push(round(pair.h, roundMs));
      } else {
        out.h.push(round(pair.h, roundMs));
        out.g.push(round(pair.g, roundMs));
      }
    }
  }
  if (sink === Symbol.for('never')) process.stderr.write('');
  return pairs.map(({ p }, k) => {
    const { g, h } = samples[k]!;
    const ratios = (m: 0 | 1) => g.map((x, r) => (x[m] ?? 0) / (h[r]?.[m] ?? 1));
    const med = (xs: number[][], m: 0 | 1) => spread(xs.map((x) => x[m] ?? 0)).median;
    return {
      payload: p.name,
      bytes: JSON.stringify(p.value).length,
      mode: request.mode,
      rounds,
      generatedCpuOps: med(g, 1),
      handCpuOps: med(h, 1),
      generatedWallOps: med(g, 0),
      handWallOps: med(h, 0),
      cpuRatio: spread(ratios(1)),
      wallRatio: spread(ratios(0)),
    };
  });
}

const self = fileURLToPath(import.meta.url);

/**
 * Measures every payload in both modes, one child process per mode, run one after the other.
 * `itemUrls` name a generated synthetic service module exporting `itemExport` (e.g. `Item1Schema`) per mode.
 */
export async function measureValidation(
  itemUrls: { readonly jit: string; readonly jitless: string },
  itemExport: string,
  meter: MeterOptions,
): Promise<ValidationFigure[]> {
  const figures: ValidationFigure[] = [];
  for (const mode of ['jit', 'jitless'] as const) {
    const request: ChildRequest = { mode, itemUrl: itemUrls[mode], itemExport, meter };
    // The parent's flags (tsx loader, source conditions) so the child resolves the same `.ts` modules.
    const output = execFileSync(process.execPath, [...process.execArgv, self, JSON.stringify(request)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    figures.push(...(JSON.parse(output) as ValidationFigure[]));
  }
  return figures;
}

// Child side: `node <flags> validation.ts '<request JSON>'` prints the figures of one mode as JSON.
if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const request = JSON.parse(process.argv[2] ?? '') as ChildRequest;
  process.stdout.write(JSON.stringify(await measureMode(request)));
}
