/**
 * Codegen benchmark: cold extraction of synthetic contracts of 20, 100 and 500 schema files in a fresh
 * Node process (bundled with esbuild, as the built CLI runs: no tsx in the measurement), and watch
 * updates after one file changes. Targets (issue 5): cold gen <= 1.0 s at 100 files, <= 2.0 s at 500;
 * watch rebuild <= 150 ms at 100 files. Extraction is the front half of `gen`; emit is measured apart.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeSyntheticProject } from './synthetic-contracts.js';

/** Options the bench runner passes. */
export interface CodegenBenchOptions {
  readonly quick?: boolean;
}

/** One measured size. */
export interface CodegenFigures {
  readonly files: number;
  /** Spawn to exit of the cold process, in ms. */
  readonly wallMs: number;
  /** Loading ts-morph and the extractor, in ms. */
  readonly importMs: number;
  /** Creating the program and extracting every file, in ms. */
  readonly extractMs: number;
  /** CPU time of the cold process (user + system), in ms. */
  readonly cpuMs: number;
  /** Median watch update after one leaf file changes, in ms. */
  readonly updateMedianMs: number;
  /** Wall time of the anchor's setup (ts-morph Project, default libs, type check) in the same run, in ms. */
  readonly baselineWallMs: number;
  /** CPU time of the anchor's setup, in ms. */
  readonly baselineCpuMs: number;
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository so that the bundle resolves ts-morph from node_modules.
const cacheDir = `${repo}node_modules/.cache/wamp-contracts-bench`;

async function bundle(name: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = `${cacheDir}/${name}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL(`./${name}-process.ts`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['ts-morph'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Measures one project size in a fresh process, then the anchor's setup on the same files. */
export function measureSize(
  script: string,
  baseline: string,
  files: number,
  updates: number,
): CodegenFigures {
  const project = writeSyntheticProject(files);
  try {
    const before = performance.now();
    const output = execFileSync(process.execPath, [script, project.root, String(files), String(updates)], {
      encoding: 'utf8',
    });
    const child = JSON.parse(output) as {
      importMs: number;
      extractMs: number;
      cpuMs: number;
      updateMs: number[];
    };
    // The child reports its own phases; wall time subtracts the updates, which are not part of a cold run.
    const updatesMs = child.updateMs.reduce((a, b) => a + b, 0);
    const wallMs = performance.now() - before - updatesMs;
    const baselineStart = performance.now();
    const anchor = JSON.parse(
      execFileSync(process.execPath, [baseline, project.root, String(files)], { encoding: 'utf8' }),
    ) as { cpuMs: number };
    return {
      files,
      wallMs,
      importMs: child.importMs,
      extractMs: child.extractMs,
      cpuMs: child.cpuMs,
      updateMedianMs: median(child.updateMs),
      baselineWallMs: performance.now() - baselineStart,
      baselineCpuMs: anchor.cpuMs,
    };
  } finally {
    rmSync(project.root, { recursive: true, force: true });
  }
}

/** Runs the suite and prints a markdown table. */
export async function run(options: CodegenBenchOptions = {}): Promise<CodegenFigures[]> {
  const script = await bundle('cold');
  const baseline = await bundle('baseline');
  const sizes = options.quick ? [20, 100] : [20, 100, 500];
  const figures = sizes.map((files) => measureSize(script, baseline, files, options.quick ? 5 : 15));
  const lines = [
    '| schema files | cold wall (ms) | boot+import (ms) | extract (ms) | cold CPU (ms) | anchor setup wall / CPU (ms) | CPU ratio | watch update, median (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...figures.map(
      (f) =>
        `| ${f.files} | ${f.wallMs.toFixed(0)} | ${f.importMs.toFixed(0)} | ${f.extractMs.toFixed(0)} | ${f.cpuMs.toFixed(0)} | ${f.baselineWallMs.toFixed(0)} / ${f.baselineCpuMs.toFixed(0)} | ${(f.cpuMs / f.baselineCpuMs).toFixed(2)} | ${f.updateMedianMs.toFixed(1)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return figures;
}
