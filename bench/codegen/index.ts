/**
 * Codegen benchmark: cold extraction of synthetic contracts of 20, 100 and 500 schema files in a fresh
 * Node process (bundled with esbuild, as the built CLI runs: no tsx in the measurement), and watch
 * updates after one file changes; then the full CLI `gen` and `gen --check`, a watch rebuild (extract +
 * emit + write), `tsc --noEmit` over the generated code of 100 files, and validation throughput of the
 * generated validators against hand-written zod. Targets (issue 5): cold gen <= 1.0 s at 100 files,
 * <= 2.0 s at 500; watch rebuild <= 150 ms at 100 files; `--check` no slower than `gen`; tsc <= 3 s.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type GenFigures, measureGen, resolveCli } from './gen-cli.js';
import { type CodegenFigures, measureSize, measureWatch, type WatchFigures } from './process-figures.js';
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
