/**
 * Typed-layer benchmark: the CPU a generated client and callee add per call over the raw session.
 * Three caller/callee pairs share one embedded router in a child process (its CPU is not counted):
 * `raw` (session.call / session.register with the same payloads), `typed` (WeatherClient and a
 * WeatherCallee, validation on, as users run it) and `typed-novalidate` (the client validates
 * nothing, the callee only its inbound arguments, which it always does), so the wrapper work shows
 * apart from zod. The pairs take turns round by round, so all see the same machine load; each
 * ratio is taken within one round.
 *
 * Run: `npm run bench -- typed` (or `--quick`); side by side: `bash bench/side-by-side.sh <ref> 3 typed`.
 * Longer rounds settle a few-percent question on a quiet box: `BENCH_TYPED_ROUNDS=9
 * BENCH_TYPED_CALLS=40000 npm run bench -- typed` (calls per round through the router; the loopback
 * table runs ten times as many).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Session } from '../../runtime/index.js';
import type { SessionApi } from '../../runtime/session/types.js';
import { connect } from '../../runtime/session/connect.js';
import { type Forecast, WeatherCallee, WeatherClient } from '../../schemas/generated/weather.js';
import { runCalls } from '../run-calls.js';
import { createLoopbackSession } from './loopback.js';

type PairKind = 'raw' | 'typed' | 'typed-novalidate';
const KINDS: readonly PairKind[] = ['raw', 'typed', 'typed-novalidate'];

interface Pair {
  call(): Promise<unknown>;
  close(): Promise<void>;
}

const ISSUED = '2026-01-02T03:04:05.000Z';

/** The forecast both the raw and the typed callee answer with. */
function forecast(city: string, days: number | undefined): Forecast {
  return { city, tempC: 10 + (days ?? 1), sky: 'sun', issuedAt: ISSUED };
}

class BenchWeather extends WeatherCallee {
  getForecast(city: string, days: number | undefined): Forecast {
    return forecast(city, days);
  }

  // biome-ignore lint/correctness/useYield: not called by the benchmark.
  async *watchStation(): AsyncGenerator<never, { count: number; minC: number; maxC: number; meanC: number }> {
    return { count: 0, minC: 0, maxC: 0, meanC: 0 };
  }

  setAlertLevel(): void {}
}

async function openPair(kind: PairKind, url: string): Promise<Pair> {
  const callee: Session = await connect({ url, realm: 'realm1' });
  const caller: Session = await connect({ url, realm: 'realm1' });
  const close = async (): Promise<void> => {
    await Promise.all([caller.leave(), callee.leave()]);
  };
  return { ...(await wire(kind, caller, callee)), close };
}

/** Registers the pair's callee on `callee` and returns its call on `caller` (the same session for the loopback). */
async function wire(kind: PairKind, caller: SessionApi, callee: SessionApi): Promise<Pick<Pair, 'call'>> {
  if (kind === 'raw') {
    const uri = 'bench.raw.getForecast';
    await callee.register(uri, (args) => forecast(args[0] as string, args[1] as number | undefined));
    return { call: () => caller.call(uri, ['Paris', 3]).then((r) => r.args[0]) };
  }
  const validate = kind === 'typed';
  const prefix = `bench.${kind.replace('-', '_')}`;
  await new BenchWeather().register(callee, { prefix, validateResults: validate });
  const client = new WeatherClient(caller, { prefix, validateArgs: validate, validateResults: validate });
  return { call: () => client.rpc.getForecast('Paris', 3) };
}

/** Our router in a child process, so that its CPU is not counted. */
async function startRouter(): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('../client/router-process.ts', import.meta.url)),
    [],
    {
      execArgv: ['--conditions=wamp-contracts-source', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`router exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      }),
  };
}

/** Client CPU (user + system) in µs per call over `total` calls, 100 in flight. */
async function cpuPerCall(pair: Pair, total: number): Promise<number> {
  const before = process.cpuUsage();
  await runCalls(() => pair.call(), total, 100);
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / total;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** The layer alone over the loopback session: CPU µs per call, per pair, median of rounds. */
async function loopbackTable(rounds: number, perRound: number): Promise<void> {
  const session = createLoopbackSession();
  const calls = new Map<PairKind, () => Promise<unknown>>();
  for (const kind of KINDS) calls.set(kind, (await wire(kind, session, session)).call);
  for (const call of calls.values()) await runCalls(call, perRound, 100);
  const cpu = new Map<PairKind, number[]>(KINDS.map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const kind of KINDS) {
      const before = process.cpuUsage();
      await runCalls(calls.get(kind)!, perRound, 100);
      const used = process.cpuUsage(before);
      cpu.get(kind)!.push((used.user + used.system) / perRound);
    }
  }
  const raw = cpu.get('raw')!;
  console.log(`\n### The layer alone: loopback session, no socket (${rounds} rounds of ${perRound} calls)\n`);
  console.log('| pair | µs/call, median | min-max | µs over raw, median of rounds | min-max |');
  console.log('|---|---|---|---|---|');
  for (const kind of KINDS) {
    const values = cpu.get(kind)!;
    const over = values.map((v, i) => v - raw[i]!);
    console.log(
      `| ${kind} | ${fmt(median(values), 3)} | ${fmt(Math.min(...values), 3)}-${fmt(Math.max(...values), 3)} | ` +
        `${fmt(median(over), 3)} | ${fmt(Math.min(...over), 3)}-${fmt(Math.max(...over), 3)} |`,
    );
  }
}

/** Runs the typed-layer suite and prints a markdown table; `quick` shrinks the counts. */
export async function runTypedBench(options: { quick?: boolean } = {}): Promise<void> {
  const rounds = envCount('BENCH_TYPED_ROUNDS') ?? (options.quick ? 3 : 9);
  const perRound = envCount('BENCH_TYPED_CALLS') ?? (options.quick ? 2000 : 8000);
  const router = await startRouter();
  try {
    const pairs = new Map<PairKind, Pair>();
    for (const kind of KINDS) pairs.set(kind, await openPair(kind, router.url));
    for (const pair of pairs.values()) await runCalls(() => pair.call(), 3000, 100);
    const cpu = new Map<PairKind, number[]>(KINDS.map((k) => [k, []]));
    for (let round = 0; round < rounds; round++) {
      for (const kind of KINDS) cpu.get(kind)!.push(await cpuPerCall(pairs.get(kind)!, perRound));
    }
    for (const pair of pairs.values()) await pair.close();
    const raw = cpu.get('raw')!;
    console.log(`\n### Typed layer vs raw session (${rounds} rounds of ${perRound} calls, 100 in flight)\n`);
    console.log('| pair | client µs/call, median | min-max | ratio to raw, median of rounds | min-max |');
    console.log('|---|---|---|---|---|');
    for (const kind of KINDS) {
      const values = cpu.get(kind)!;
      const ratios = values.map((v, i) => v / raw[i]!);
      console.log(
        `| ${kind} | ${fmt(median(values))} | ${fmt(Math.min(...values))}-${fmt(Math.max(...values))} | ` +
          `${fmt(median(ratios), 3)} | ${fmt(Math.min(...ratios), 3)}-${fmt(Math.max(...ratios), 3)} |`,
      );
    }
  } finally {
    await router.stop();
  }
  await loopbackTable(
    rounds,
    envCount('BENCH_TYPED_CALLS') === undefined ? (options.quick ? 20000 : 100000) : perRound * 10,
  );
}

/** A positive whole number from the environment variable `name`, or undefined when unset. */
function envCount(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000)
    throw new Error(`${name} must be a whole number from 1 to 10000000, got ${text}`);
  return value;
}
