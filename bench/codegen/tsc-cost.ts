/**
 * What the generated code costs `tsc --noEmit`, against the schema files it was generated from, for
 * the generator of an earlier commit ("base") and of this tree ("this"), side by side in one run.
 *
 *   node --conditions=wamp-contracts-source --import tsx bench/codegen/tsc-cost.ts [--base <git ref>] [--sizes 100,500] [--rounds 5]
 *
 * For each size it writes one synthetic project (bench/codegen/synthetic-contracts.ts), generates it
 * with both generators, and times in interleaved rounds (schemas, floor, base, this, schemas, ...)
 * the repository's `tsc` over:
 * - `schemas`: the schema files themselves (what the ratio is taken against);
 * - `floor`: one tiny module importing the runtime and its validators, i.e. the declarations (zod's
 *   among them) that any generated code brings into the program before it declares anything;
 * - `base` / `this`: the generated code, each resolving `wamp-contracts` to its own tree's runtime
 *   package and its built `dist/` declarations, as an installed package would.
 * Every program uses the project's strict options with `lib: ES2023` and no ambient types. Figures
 * per row: median and min–max of the process wall time and of tsc's `Check time`, and the types and
 * instantiations tsc reports (deterministic). The base tree is a `git archive` of the ref in a
 * temporary directory, sharing this tree's `node_modules`; both trees' runtimes are built with their
 * `tsconfig.build.json` before measuring.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticProject } from './synthetic-contracts.js';
import { STRICT_OPTIONS } from './tsc-generated.js';
import { bundleGeneratorCli } from './gen-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');

/** One tree whose generator and runtime are measured. */
interface Side {
  readonly name: 'base' | 'this';
  /** The tree's runtime package, which generated code resolves as `wamp-contracts`. */
  readonly runtime: string;
  readonly cli: string;
  readonly describe: string;
}

/** One `tsc` process. */
interface TscRun {
  readonly wallMs: number;
  readonly checkMs: number;
  /** tsc's `Parse time` plus `Bind time`: reading the program, which no generated-code setting skips. */
  readonly parseBindMs: number;
  readonly types: number;
  readonly instantiations: number;
  readonly files: number;
  readonly lines: number;
  readonly errors: number;
}

/** One program measured at one size. */
interface Row {
  readonly label: string;
  readonly dir: string;
  readonly runs: TscRun[];
}

function args(): { base: string; sizes: number[]; rounds: number } {
  const argv = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    base: value('--base') ?? 'main',
    sizes: (value('--sizes') ?? '100,500').split(',').map(Number),
    rounds: Number(value('--rounds') ?? 5),
  };
}

const sh = (file: string, argv: readonly string[], cwd: string): string =>
  execFileSync(file, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });

/**
 * Where a tree keeps its runtime package and how its generator starts: since the split into two
 * workspaces the runtime is `runtime/` (its own `tsconfig.build.json`) and the generator's commands are
 * `codegen/cli/index.ts`; before it the repository root was the runtime package and `codegen/cli/main.ts`
 * the CLI. Both are supported so that the base may be a commit from before the split.
 */
function layout(root: string): { runtime: string; buildConfig: string } {
  return existsSync(path.join(root, 'runtime', 'package.json'))
    ? { runtime: path.join(root, 'runtime'), buildConfig: 'runtime/tsconfig.build.json' }
    : { runtime: root, buildConfig: 'tsconfig.build.json' };
}

async function prepareSides(baseRef: string, work: string): Promise<Side[]> {
  const baseRoot = path.join(work, 'base-tree');
  mkdirSync(baseRoot);
  const archive = execFileSync('git', ['archive', '--format=tar', baseRef], {
    cwd: repo,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', baseRoot], { input: archive });
  linkNodeModules(baseRoot, realpathSync(path.join(repo, 'node_modules')));
  const sides: Side[] = [];
  for (const [name, root] of [
    ['base', baseRoot],
    ['this', repo],
  ] as const) {
    const { runtime, buildConfig } = layout(root);
    sh(process.execPath, [tsc, '-p', buildConfig], root);
    // In the tree's (git-ignored) tmp/, so that the bundle resolves ts-morph from the tree's node_modules.
    const cli = path.join(root, 'tmp', `tsc-cost-${name}.mjs`);
    mkdirSync(path.dirname(cli), { recursive: true });
    // The generator bundled with esbuild (ts-morph external); tsx never runs in a measured process.
    await bundleGeneratorCli(root, cli);
    const commit = sh('git', ['log', '-1', '--format=%h %s'], repo);
    const describe =
      name === 'base'
        ? `${baseRef}: ${sh('git', ['log', '-1', '--format=%h %s', baseRef], repo).trim()}`
        : `this tree: ${commit.trim()}${dirty() ? ' (+ uncommitted changes)' : ''}`;
    sides.push({ name, runtime, cli, describe });
  }
  return sides;
}

/**
 * Gives `root` this tree's installed packages. A tree with workspaces gets its own links for them
 * (`wamp-contracts` -> its `runtime/`, `@wamp-contracts/codegen` -> its `codegen/`), so that its
 * generator resolves its own runtime by package name, and every other package is linked from `shared`.
 */
function linkNodeModules(root: string, shared: string): void {
  const target = path.join(root, 'node_modules');
  if (!existsSync(path.join(root, 'runtime', 'package.json'))) {
    symlinkSync(shared, target, 'dir');
    return;
  }
  mkdirSync(path.join(target, '@wamp-contracts'), { recursive: true });
  for (const entry of readdirSync(shared)) {
    if (entry === 'wamp-contracts' || entry === '@wamp-contracts') continue;
    symlinkSync(path.join(shared, entry), path.join(target, entry));
  }
  symlinkSync(path.join(root, 'runtime'), path.join(target, 'wamp-contracts'), 'dir');
  symlinkSync(path.join(root, 'codegen'), path.join(target, '@wamp-contracts', 'codegen'), 'dir');
}

function dirty(): boolean {
  try {
    execFileSync('git', ['diff', '--quiet', 'HEAD'], { cwd: repo });
    return false;
  } catch {
    return true;
  }
}

// A package directory whose node_modules/wamp-contracts is `runtimeRoot`, checking `include` with the strict options.
function tscProject(dir: string, runtimeRoot: string | undefined, include: string): void {
  if (runtimeRoot !== undefined) {
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    symlinkSync(runtimeRoot, path.join(dir, 'node_modules', 'wamp-contracts'), 'dir');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-tsc', type: 'module' }));
  }
  const compilerOptions = { ...STRICT_OPTIONS, lib: ['ES2023'], types: [] };
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: [include] }, null, 2),
  );
}

function runTsc(dir: string): TscRun {
  const before = performance.now();
  let output: string;
  try {
    output = sh(process.execPath, [tsc, '-p', 'tsconfig.json', '--extendedDiagnostics'], dir);
  } catch (error) {
    // tsc exits 2 on type errors; they are counted, and a row with errors is not a valid figure.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const wallMs = performance.now() - before;
  const num = (label: string): number => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
    return m ? Number(m[1]) : Number.NaN;
  };
  return {
    wallMs,
    // tsc leaves the line out when it checked nothing (every file @ts-nocheck).
    checkMs: (Number.isNaN(num('Check time')) ? 0 : num('Check time')) * 1000,
    parseBindMs: (num('Parse time') + num('Bind time')) * 1000,
    types: num('Types'),
    instantiations: num('Instantiations'),
    files: num('Files'),
    lines: num('Lines of TypeScript'),
    errors: (output.match(/error TS\d+/g) ?? []).length,
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const spread = (values: readonly number[]): string =>
  `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

async function main(): Promise<void> {
  const { base, sizes, rounds } = args();
  const work = mkdtempSync(path.join(tmpdir(), 'wc-bench-tsc-cost-'));
  try {
    const sides = await prepareSides(base, work);
    const load = () =>
      loadavg()
        .map((x) => x.toFixed(1))
        .join(' ');
    process.stdout.write(
      `${new Date().toISOString()} | ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores | Node ${process.version} | TypeScript ${sh(process.execPath, [tsc, '-v'], repo).trim()} | load ${load()}\n`,
    );
    for (const side of sides) process.stdout.write(`- ${side.name}: ${side.describe}\n`);
    for (const size of sizes) {
      const project = writeSyntheticProject(size);
      const rows: Row[] = [];
      tscProject(project.root, undefined, 'schemas');
      rows.push({ label: 'schemas', dir: project.root, runs: [] });
      const floor = path.join(work, `floor-${size}`);
      mkdirSync(path.join(floor, 'generated'), { recursive: true });
      writeFileSync(
        path.join(floor, 'generated', 'floor.ts'),
        "import { ContractClient } from 'wamp-contracts/runtime/contracts';\nimport * as z from 'wamp-contracts/validators';\nexport const S = z.string();\nexport type C = ContractClient<object>;\n",
      );
      tscProject(floor, layout(repo).runtime, 'generated');
      rows.push({ label: 'floor', dir: floor, runs: [] });
      for (const side of sides) {
        const out = path.join(work, `${side.name}-${size}`);
        mkdirSync(out);
        sh(
          process.execPath,
          [side.cli, 'gen', '--schemas', 'schemas/*.ts', '--out', path.join(out, 'generated')],
          project.root,
        );
        tscProject(out, side.runtime, 'generated');
        rows.push({ label: side.name, dir: out, runs: [] });
      }
      for (let r = 0; r < rounds; r++) for (const row of rows) row.runs.push(runTsc(row.dir));
      printTable(size, rounds, rows, load());
      rmSync(project.root, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printTable(size: number, rounds: number, rows: readonly Row[], load: string): void {
  const schemas = median(rows[0]?.runs.map((r) => r.wallMs) ?? []);
  const schemasCheck = median(rows[0]?.runs.map((r) => r.checkMs) ?? []);
  const lines = [
    '',
    `#### tsc --noEmit, ${size} schema files: medians of ${rounds} interleaved rounds (load after: ${load})`,
    '',
    '| program | TS lines | files | types | instantiations | errors | wall (ms) | wall min–max | parse+bind (ms) | check (ms) | check min–max | wall vs schemas | check vs schemas |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const first = row.runs[0];
    const wall = median(row.runs.map((r) => r.wallMs));
    const check = median(row.runs.map((r) => r.checkMs));
    const parseBind = median(row.runs.map((r) => r.parseBindMs));
    lines.push(
      `| ${row.label} | ${first?.lines} | ${first?.files} | ${first?.types} | ${first?.instantiations} | ${Math.max(...row.runs.map((r) => r.errors))} | ${Math.round(wall)} | ${spread(row.runs.map((r) => r.wallMs))} | ${Math.round(parseBind)} | ${Math.round(check)} | ${spread(row.runs.map((r) => r.checkMs))} | ${(wall / schemas).toFixed(2)}x | ${(check / schemasCheck).toFixed(2)}x |`,
    );
  }
  const base = rows.find((r) => r.label === 'base');
  const mine = rows.find((r) => r.label === 'this');
  if (base && mine) {
    // Per-round ratios: each pair ran back to back under the same load.
    const perRound = mine.runs.map((r, i) => r.wallMs / (base.runs[i]?.wallMs ?? Number.NaN));
    lines.push(
      '',
      `this / base, wall, per round: median ${median(perRound).toFixed(2)}x (${perRound.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
