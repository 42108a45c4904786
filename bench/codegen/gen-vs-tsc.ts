/**
 * Cold `wamp-contracts gen` against `tsc --noEmit` on the same schema files, with the `gen` of an
 * earlier commit in the same rounds (issue 14: "cold gen <= 1.0x tsc --noEmit at 100 and 500 files").
 *
 * Usage: node --import tsx bench/codegen/gen-vs-tsc.ts [--base <git-ref>] [--rounds N] [--sizes 100,500]
 *
 * Each side's CLI is bundled from its sources with esbuild (ts-morph external, as `dist/` runs it); the
 * base's sources come from `git archive <ref>` into `tmp/gen-vs-tsc/`. Every timed step is a fresh
 * process, the order rotated per round: `gen` of the base; `gen` of this tree, also with
 * `WAMP_CONTRACTS_BATCH_JIT=0` (V8's default JIT settings, see codegen/extract/load-compiler.ts);
 * `tsc --noEmit` with `lib: ["ES2023"]`; and `tsc --noEmit` with TypeScript's default lib for the
 * target (ES2022 + DOM). The gens use a warm compiler code cache (written by a warm-up run), as every
 * `gen` after the first one after an install does. The outputs are compared byte for byte at every
 * size (both settings of this tree must agree; a base that emits other code is reported). Figures:
 * median wall and CPU (children's user+sys) time, the range, and the median of the per-round ratios.
 * Either side may be a tree from before or after the split into two workspaces.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleGeneratorCli, GEN_ARGS } from './gen-cli.js';
import { writeSyntheticProject } from './synthetic-contracts.js';
import { STRICT_OPTIONS } from './tsc-generated.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so that the bundles resolve ts-morph from its node_modules.
const work = path.join(repo, 'tmp', 'gen-vs-tsc');
const tscBin = path.join(repo, 'node_modules', 'typescript', 'lib', 'tsc.js');

// The project's strict options (tsc-generated.ts), over the schema files, with no ambient types.
const STRICT = { ...STRICT_OPTIONS, types: [] };

/** The generator CLI of the tree at `sourceRoot` bundled (either side of the workspace split). */
async function bundleCli(sourceRoot: string, name: string): Promise<string> {
  const outfile = path.join(work, `${name}.mjs`);
  await bundleGeneratorCli(sourceRoot, outfile);
  return outfile;
}

/** The base's sources, from `git archive`, bundled. */
async function baseCli(ref: string): Promise<{ file: string; describe: string }> {
  const dir = path.join(work, 'base');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', ref, 'codegen', 'runtime', 'package.json'], {
    cwd: repo,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  if (existsSync(path.join(dir, 'runtime', 'package.json'))) {
    // The workspace links of a split tree, so that its packages resolve to its own sources; every
    // other package resolves from the repository's node_modules above tmp/.
    mkdirSync(path.join(dir, 'node_modules', '@wamp-contracts'), { recursive: true });
    symlinkSync('../runtime', path.join(dir, 'node_modules', 'wamp-contracts'), 'dir');
    symlinkSync('../../codegen', path.join(dir, 'node_modules', '@wamp-contracts', 'codegen'), 'dir');
  }
  const describe = execFileSync('git', ['log', '-1', '--format=%h %s', ref], { cwd: repo, encoding: 'utf8' });
  return { file: await bundleCli(dir, 'base-cli'), describe: describe.trim() };
}

/** Children's CPU time so far (user + system of waited-for children), in ms. */
function childCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the "(comm) " prefix, cutime and cstime are fields 14 and 15 (0-based from state = 0).
  const ticks = Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / 100;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const cpu = childCpuMs();
  const before = performance.now();
  execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { wallMs: performance.now() - before, cpuMs: childCpuMs() - cpu };
}

function outputDigest(dir: string): string {
  const parts: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else parts.push(`${rel}\n${readFileSync(path.join(dir, rel), 'utf8')}`);
    }
  };
  walk('');
  return parts.join('\0');
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const range = (values: readonly number[], digits: number): string =>
  `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
const figure = (values: readonly number[]): string => `${median(values).toFixed(0)} (${range(values, 0)})`;
const ratio = (values: readonly number[]): string => `${median(values).toFixed(2)} (${range(values, 2)})`;

type Step = 'base' | 'this' | 'thisJit' | 'thisKept' | 'tsc' | 'tscDom';
const STEPS: readonly Step[] = ['base', 'this', 'thisJit', 'thisKept', 'tsc', 'tscDom'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'main' },
      rounds: { type: 'string', default: '5' },
      sizes: { type: 'string', default: '100,500' },
    },
  });
  const rounds = Number(values.rounds);
  const sizes = (values.sizes ?? '').split(',').map(Number);
  mkdirSync(work, { recursive: true });
  const base = await baseCli(values.base ?? 'main');
  const self = await bundleCli(repo, 'this-cli');
  const cacheDir = path.join(work, 'compile-cache');
  const env = { ...process.env, WAMP_CONTRACTS_CACHE_DIR: cacheDir };
  // Its own cache folder: V8 keys cached code by the flags, so the two settings must not share one.
  const defaultJit = {
    ...env,
    WAMP_CONTRACTS_BATCH_JIT: '0',
    WAMP_CONTRACTS_CACHE_DIR: path.join(work, 'compile-cache-default-jit'),
  };
  const tscVersion = JSON.parse(
    readFileSync(path.join(repo, 'node_modules', 'typescript', 'package.json'), 'utf8'),
  ).version;
  const loads: string[] = [loadavg()[0]?.toFixed(1) ?? '?'];
  process.stdout.write(
    `Machine: ${new Date().toISOString()} | ${cpus()[0]?.model}, ${cpus().length} cores | Node ${process.version} | TypeScript ${tscVersion} (tsc)\n` +
      `base: ${base.describe}\nthis: ${execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: repo, encoding: 'utf8' }).trim()}${
        execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
          cwd: repo,
          encoding: 'utf8',
        }) === ''
          ? ''
          : ' (+ uncommitted changes)'
      }\n\n`,
  );

  const rows: string[] = [];
  const differing: number[] = [];
  for (const files of sizes) {
    const project = writeSyntheticProject(files);
    const { root } = project;
    try {
      const tsconfig = (name: string, extra: object): string => {
        const file = path.join(root, name);
        const compilerOptions = { ...STRICT, ...extra };
        writeFileSync(file, JSON.stringify({ compilerOptions, include: ['schemas'] }, null, 2));
        return file;
      };
      const commands: Record<Step, readonly string[]> = {
        base: [base.file, ...GEN_ARGS, '--out', 'out-base'],
        this: [self, ...GEN_ARGS, '--out', 'out-this'],
        // This tree with V8's default JIT settings (WAMP_CONTRACTS_BATCH_JIT=0, see load-compiler.ts).
        thisJit: [self, ...GEN_ARGS, '--out', 'out-thisJit'],
        // This tree over its own previous output, which is left in place: every file is compared and
        // none written (a re-run, or CI over committed output). The other gens write into an empty
        // directory, which on this machine's disk costs about 0.7 ms per file created.
        thisKept: [self, ...GEN_ARGS, '--out', 'out-thisKept'],
        tsc: [tscBin, '-p', tsconfig('tsconfig.es2023.json', { lib: ['ES2023'] })],
        tscDom: [tscBin, '-p', tsconfig('tsconfig.default-lib.json', {})],
      };
      // Warm-up: writes the shared code cache, checks that every command succeeds, and compares outputs.
      for (const step of STEPS) timeProcess(commands[step], root, step === 'thisJit' ? defaultJit : env);
      // Both JIT settings must write the same bytes; a base that emits other code is only noted.
      const digest = outputDigest(path.join(root, 'out-this'));
      if (outputDigest(path.join(root, 'out-thisJit')) !== digest)
        throw new Error(`${files} files: the output with the default JIT differs`);
      if (outputDigest(path.join(root, 'out-base')) !== digest) differing.push(files);
      const samples: Record<Step, Sample[]> = {
        base: [],
        this: [],
        thisJit: [],
        thisKept: [],
        tsc: [],
        tscDom: [],
      };
      for (let round = 0; round < rounds; round++) {
        // Rotate the order so that no step always runs right after the same other one.
        for (let i = 0; i < STEPS.length; i++) {
          const step = STEPS[(i + round) % STEPS.length] as Step;
          if (step === 'base' || step === 'this' || step === 'thisJit')
            rmSync(path.join(root, `out-${step}`), { recursive: true, force: true });
          samples[step].push(timeProcess(commands[step], root, step === 'thisJit' ? defaultJit : env));
        }
        loads.push(loadavg()[0]?.toFixed(1) ?? '?');
        process.stderr.write(`${files} files: round ${round + 1}/${rounds}\n`);
      }
      const wall = (step: Step) => samples[step].map((s) => s.wallMs);
      const cpu = (step: Step) => samples[step].map((s) => s.cpuMs);
      const per = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x / (b[i] ?? Number.NaN));
      for (const [what, of] of [
        ['wall', wall],
        ['CPU', cpu],
      ] as const) {
        rows.push(
          `| ${files} | ${what} | ${figure(of('base'))} | ${figure(of('thisJit'))} | ${figure(of('this'))} | ${figure(of('thisKept'))} | ${figure(of('tsc'))} | ${figure(of('tscDom'))} | ${ratio(per(of('this'), of('base')))} | ${ratio(per(of('base'), of('tsc')))} | ${ratio(per(of('thisJit'), of('tsc')))} | ${ratio(per(of('this'), of('tsc')))} | ${ratio(per(of('thisKept'), of('tsc')))} | ${ratio(per(of('this'), of('tscDom')))} |`,
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    [
      `Rounds: ${rounds} per size; outputs of this with both JIT settings byte-identical; output of base ${
        differing.length === 0
          ? 'identical to this at every size'
          : `DIFFERENT from this at ${differing.join(', ')} files`
      }; load average (1 min) over the run: ${loads.join(', ')}`,
      '',
      '| files | time (ms) | gen, base | gen, this, default JIT | gen, this | gen, this, output kept | tsc, ES2023 | tsc, default lib | this / base | base / tsc | this default JIT / tsc | this / tsc | this kept / tsc | this / tsc default lib |',
      '| ----- | --------- | --------- | ---------------------- | --------- | ---------------------- | ----------- | ---------------- | ----------- | ---------- | ---------------------- | ---------- | --------------- | ---------------------- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();
