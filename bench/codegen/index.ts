/**
 * Codegen benchmark: cold extraction of synthetic contracts of 20, 100 and 500 schema files in a fresh
 * Node process (bundled with esbuild, as the built CLI runs: no tsx in the measurement), and watch
 * updates after one file changes; then the full CLI `gen` and `gen --check`, a watch rebuild (extract +
 * emit + write), `tsc --noEmit` over the generated code of 100 files, and validation throughput of the
 * generated validators against hand-written zod. Targets (issue 5): cold gen <= 1.0 s at 100 files,
 * <= 2.0 s at 500; watch rebuild <= 150 ms at 100 files; `--check` no slower than `gen`; tsc <= 3 s.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type GenFigures, measureGen, resolveCli } from './gen-cli.js';
import { extractionTable, genTable, tscTable, validationTable } from './report-tables.js';
import { writeSyntheticProject } from './synthetic-contracts.js';
import {
  createTscProject,
  hasDistTypes,
  measureTsc,
  type TscConfig,
  type TscFigures,
} from './tsc-generated.js';
import { measureValidation, type ValidationFigure } from './validation.js';

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

/** A watch rebuild as `gen --watch` runs it (generator update: extract + emit + write), one size. */
export interface WatchFigures {
  readonly files: number;
  readonly generateMs: number;
  readonly rebuildMedianMs: number;
  readonly rebuilds: number;
}

function measureWatch(script: string, root: string, files: number, updates: number): WatchFigures {
  const output = execFileSync(process.execPath, [script, root, String(files), String(updates)], {
    encoding: 'utf8',
  });
  const child = JSON.parse(output) as { generateMs: number; rebuildMs: number[] };
  return { files, generateMs: child.generateMs, rebuildMedianMs: median(child.rebuildMs), rebuilds: updates };
}

/** Everything one run measured. */
export interface CodegenBenchResult {
  readonly extraction: CodegenFigures[];
  readonly gen: GenFigures[];
  readonly watch: WatchFigures[];
  readonly tsc: TscFigures[];
  readonly validation: ValidationFigure[];
}

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Runs the suite and prints markdown tables. */
export async function run(options: CodegenBenchOptions = {}): Promise<CodegenBenchResult> {
  const quick = options.quick === true;
  const script = await bundle('cold');
  const baseline = await bundle('baseline');
  const watchScript = await bundle('watch');
  const cli = await resolveCli();
  const sizes = quick ? [20, 100] : [20, 100, 500];

  // 1. Extraction and the extractor's watch update (the suite's first measurement, unchanged).
  const extraction = sizes.map((files) => measureSize(script, baseline, files, quick ? 5 : 15));
  print(extractionTable(extraction));

  // 2. The CLI: gen and gen --check side by side, plus the watch rebuild; tsc and validation at 100 files.
  const gen: GenFigures[] = [];
  const watch: WatchFigures[] = [];
  let tsc: TscFigures[] = [];
  let validation: ValidationFigure[] = [];
  for (const files of sizes) {
    const project = writeSyntheticProject(files);
    try {
      gen.push(measureGen(cli, project.root, files, quick ? 1 : 5));
      watch.push(measureWatch(watchScript, project.root, files, quick ? 5 : 15));
      if (files === 100) {
        const tscProject = createTscProject(`${project.root}/generated`);
        try {
          tsc = measureAllTsc(tscProject, quick);
          // A second copy gives the jitless schemas their own module graph (common.ts included).
          cpSync(tscProject.generated, `${tscProject.root}/generated-jitless`, { recursive: true });
          const itemModules = {
            jit: pathToFileURL(`${tscProject.generated}/service-1.ts`).href,
            jitless: pathToFileURL(`${tscProject.root}/generated-jitless/service-1.ts`).href,
          };
          const meter = quick
            ? { warmupMs: 100, roundMs: 50, rounds: 7 }
            : { warmupMs: 300, roundMs: 100, rounds: 17 };
          validation = await measureValidation(itemModules, 'Item1Schema', meter);
        } finally {
          rmSync(tscProject.root, { recursive: true, force: true });
        }
      }
    } finally {
      rmSync(project.root, { recursive: true, force: true });
    }
  }
  print(genTable(gen, watch, extraction, cli.describe));
  print(tscTable(tsc));
  print(validationTable(validation));
  return { extraction, gen, watch, tsc, validation };
}

// dist declarations with minimal and with the project's libs; the sources on a full run.
function measureAllTsc(project: ReturnType<typeof createTscProject>, quick: boolean): TscFigures[] {
  const projectLibs = ['ES2023', 'DOM', 'esnext.disposable'];
  const configs: TscConfig[] = [];
  if (hasDistTypes()) {
    configs.push({ runtime: 'dist', lib: ['ES2023'] });
    configs.push({ runtime: 'dist', lib: projectLibs });
  }
  if (!quick || !hasDistTypes()) configs.push({ runtime: 'source', lib: projectLibs });
  return measureTsc(project, configs, quick ? 1 : 3);
}
