/**
 * Benchmark entry point: `npm run bench -- [suite ...] [--quick] [--pure-js]`.
 *
 * A suite is a folder `bench/<suite>/` whose `index.ts` exports `run(options)` (or a
 * `run<Suite>Bench(options)` function). With no suite named, every suite runs in name order.
 * `--pure-js` disables the optional native string decoders of cbor-x and msgpackr (the path
 * browsers and installs without native addons take); it must be set before they load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Options every suite receives. */
export interface BenchOptions {
  /** Shorter rounds, for a smoke run. */
  readonly quick: boolean;
}

type SuiteRunner = (options: BenchOptions) => Promise<void> | void;

const here = fileURLToPath(new URL('.', import.meta.url));

function listSuites(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(`${here}${e.name}/index.ts`))
    .map((e) => e.name)
    .sort();
}

/** The suite's runner: `run`, else the one exported function named `run...Bench`. */
function findRunner(suite: string, module: Record<string, unknown>): SuiteRunner {
  const candidates = Object.entries(module).filter(
    ([name, value]) => typeof value === 'function' && (name === 'run' || /^run.*Bench$/.test(name)),
  );
  const chosen = candidates.find(([name]) => name === 'run') ?? candidates[0];
  if (chosen === undefined) throw new Error(`bench/${suite}/index.ts exports no run() or run...Bench()`);
  return chosen[1] as SuiteRunner;
}

/** One line naming the machine, for pasting into RESULTS.md next to the numbers. */
function machineLine(): string {
  let model = cpus()[0]?.model ?? 'unknown cpu';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) model = line.split(':')[1]?.trim() ?? model;
  } catch {
    // Not Linux: os.cpus() already gave the model.
  }
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return `${new Date().toISOString()} | ${model}, ${cpus().length} cores | Node ${process.version} | load ${load}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const named = args.filter((a) => !a.startsWith('--'));
  if (flags.has('--pure-js')) {
    process.env.CBOR_NATIVE_ACCELERATION_DISABLED = 'true';
    process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED = 'true';
  }
  const available = listSuites();
  const unknown = named.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const options: BenchOptions = { quick: flags.has('--quick') };
  process.stdout.write(`Machine: ${machineLine()}${flags.has('--pure-js') ? ' | --pure-js' : ''}\n`);
  for (const suite of named.length > 0 ? named : available) {
    process.stdout.write(`\n## ${suite}\n\n`);
    const module = (await import(`./${suite}/index.ts`)) as Record<string, unknown>;
    await findRunner(suite, module)(options);
  }
}

await main();
