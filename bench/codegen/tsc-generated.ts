/**
 * `tsc --noEmit` over generated code: copies a generated output into a temporary package whose
 * `node_modules/wamp-contracts` links to this repository, with the project's strict options, and times
 * the repository's `tsc` on it in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which declarations `wamp-contracts/runtime/contracts` resolves to: the built `dist/*.d.ts` or the `.ts` sources. */
export type RuntimeTypes = 'dist' | 'source';

/** One `tsc` configuration to measure. */
export interface TscConfig {
  readonly runtime: RuntimeTypes;
  readonly lib: readonly string[];
}

/** One measured `tsc` configuration. */
export interface TscFigures {
  readonly runtime: RuntimeTypes;
  readonly lib: string;
  /** Median wall time of the `tsc` process, in ms. */
  readonly wallMs: number;
  /** tsc's own `Check time` of the median run, in ms. */
  readonly checkMs: number;
  readonly programFiles: number;
  readonly errors: number;
}

/** A temporary package holding generated code that resolves the runtime through a symlink. */
export interface TscProject {
  readonly root: string;
  /** The generated directory inside `root`. */
  readonly generated: string;
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsc = path.join(repo, 'node_modules/.bin/tsc');

/** The project's strict options (tsconfig.json), without its libs and types, which are set per row. */
export const STRICT_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Copies `generatedDir` into a fresh temporary package linked to this repository. */
export function createTscProject(generatedDir: string): TscProject {
  const root = mkdtempSync(path.join(tmpdir(), 'wc-bench-tsc-'));
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(path.join(repo, 'runtime'), path.join(root, 'node_modules', 'wamp-contracts'), 'dir');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-tsc', type: 'module' }));
  const generated = path.join(root, 'generated');
  cpSync(generatedDir, generated, { recursive: true });
  return { root, generated };
}

/** True when the runtime's built declarations exist (`npm run build`). */
export function hasDistTypes(): boolean {
  return existsSync(path.join(repo, 'runtime/dist/contracts/index.d.ts'));
}

function writeConfig(project: TscProject, config: TscConfig): string {
  const file = path.join(project.root, `tsconfig.${config.runtime}.${config.lib.join('+')}.json`);
  // `types` resolves dist/*.d.ts (declarations only); `source` resolves and type-checks the runtime's .ts files,
  // which need what the project's own tsconfig gives them: the wamp-contracts-source condition and Node's types.
  const extra =
    config.runtime === 'source'
      ? {
          customConditions: ['wamp-contracts-source'],
          types: ['node'],
          typeRoots: [path.join(repo, 'node_modules/@types')],
        }
      : { types: [] };
  const compilerOptions = { ...STRICT_OPTIONS, lib: config.lib, ...extra };
  writeFileSync(file, JSON.stringify({ compilerOptions, include: ['generated'] }, null, 2));
  return file;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface TscRun {
  readonly wallMs: number;
  readonly checkMs: number;
  readonly programFiles: number;
  readonly errors: number;
}

// One `tsc --noEmit --extendedDiagnostics` process, from spawn to exit.
function runTsc(project: TscProject, config: string): TscRun {
  const before = performance.now();
  let output: string;
  try {
    output = execFileSync(process.execPath, [tsc, '-p', config, '--extendedDiagnostics'], {
      cwd: project.root,
      encoding: 'utf8',
    });
  } catch (error) {
    // tsc exits 2 on type errors; the errors are a figure of their own, not a failure of the bench.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const wallMs = performance.now() - before;
  const check = /^Check time:\s+([\d.]+)s/m.exec(output);
  const files = /^Files:\s+(\d+)/m.exec(output);
  return {
    wallMs,
    checkMs: check ? Number(check[1]) * 1000 : Number.NaN,
    programFiles: files ? Number(files[1]) : Number.NaN,
    errors: (output.match(/error TS\d+/g) ?? []).length,
  };
}

/** Runs every configuration once per round, interleaved, and reports each one's median run. */
export function measureTsc(project: TscProject, configs: readonly TscConfig[], rounds: number): TscFigures[] {
  const files = configs.map((c) => writeConfig(project, c));
  const runs = configs.map(() => [] as TscRun[]);
  for (let r = 0; r < rounds; r++) {
    files.forEach((file, i) => {
      runs[i]?.push(runTsc(project, file));
    });
  }
  return configs.map((config, i) => {
    const mine = runs[i] ?? [];
    const mid = median(mine.map((r) => r.wallMs));
    const chosen = mine.find((r) => r.wallMs === mid);
    return {
      runtime: config.runtime,
      lib: config.lib.join(', '),
      wallMs: mid,
      checkMs: chosen?.checkMs ?? Number.NaN,
      programFiles: chosen?.programFiles ?? Number.NaN,
      errors: chosen?.errors ?? Number.NaN,
    };
  });
}
