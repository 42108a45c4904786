/**
 * Full `wamp-contracts gen` (extract + emit + write) and `gen --check` on the same output, each in a
 * fresh process, side by side with the anchor "Node plus ts-morph before any work" (a process that
 * only imports ts-morph), in interleaved rounds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** How the CLI is started: the built `bin/` over `dist/`, or a bundle of the sources. */
export interface CliCommand {
  readonly args: readonly string[];
  readonly describe: string;
}

/** Median wall times of one project size, in ms. */
export interface GenFigures {
  readonly files: number;
  readonly genMs: number;
  /** `gen` with an empty compiler code cache: the first run after an install. */
  readonly firstGenMs: number;
  readonly checkMs: number;
  /** The anchor process: Node start, `import('ts-morph')`, exit. */
  readonly bootMs: number;
  readonly rounds: number;
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = `${repo}node_modules/.cache/wamp-contracts-bench`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * The generator's CLI entry of a source tree: since the split into two workspaces its commands are
 * `codegen/cli/index.ts` (the runtime's `wamp-contracts` would load them by package name at run
 * time); before it, `codegen/cli/main.ts` was the whole CLI. Either, so a bench may compare a tree
 * with a base from before the split.
 */
export function generatorCliEntry(root: string): string {
  return existsSync(`${root.replace(/\/$/, '')}/runtime/package.json`)
    ? `import { commands } from './codegen/cli/index.ts';\nconst [name, ...rest] = process.argv.slice(2);\nprocess.exitCode = await (await commands[name]()).run(rest);\n`
    : `import { main } from './codegen/cli/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n`;
}

/** The generator CLI of the tree at `root` bundled with esbuild into `outfile` (ts-morph external, as in dist). */
export async function bundleGeneratorCli(root: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents: generatorCliEntry(root), resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['wamp-contracts-source'],
    external: ['ts-morph'],
    outfile,
    logLevel: 'silent',
  });
}

/** The built CLI when `dist/` has it (and `preferDist`), else the CLI bundled from source (ts-morph external, as in dist). */
export async function resolveCli(preferDist = true): Promise<CliCommand> {
  if (preferDist && existsSync(`${repo}codegen/dist/cli/index.js`)) {
    return {
      args: [`${repo}runtime/bin/wamp-contracts.js`],
      describe: 'runtime/bin/wamp-contracts.js over runtime/dist and codegen/dist (npm run build)',
    };
  }
  mkdirSync(cacheDir, { recursive: true });
  const outfile = `${cacheDir}/cli.mjs`;
  await bundleGeneratorCli(repo, outfile);
  return { args: [outfile], describe: 'codegen/cli/index.ts bundled with esbuild (no dist/)' };
}

// Wall time of one child process from spawn to exit; a non-zero exit throws with its output.
function timeProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const before = performance.now();
  execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return performance.now() - before;
}

/** The `gen` arguments for a synthetic project (schemas in `schemas/`, output in `generated/`). */
export const GEN_ARGS = ['gen', '--schemas', 'schemas/*.ts', '--out', 'generated'] as const;

/**
 * Measures `rounds` rounds of: anchor boot, cold `gen` into an emptied `generated/`, `gen --check` of
 * that output. Leaves the output of the last `gen` in `root/generated`.
 */
export function measureGen(cli: CliCommand, root: string, files: number, rounds: number): GenFigures {
  const gen: number[] = [];
  const firstGen: number[] = [];
  const check: number[] = [];
  const boot: number[] = [];
  const bootArgs = ['--input-type=module', '-e', "await import('ts-morph')"];
  // An empty cache folder per round: that run compiles the compiler from scratch, then writes its cache.
  const emptyCache = `${root}/compile-cache`;
  for (let r = 0; r < rounds; r++) {
    boot.push(timeProcess(bootArgs, repo));
    rmSync(`${root}/generated`, { recursive: true, force: true });
    rmSync(emptyCache, { recursive: true, force: true });
    firstGen.push(
      timeProcess([...cli.args, ...GEN_ARGS], root, { ...process.env, WAMP_CONTRACTS_CACHE_DIR: emptyCache }),
    );
    rmSync(`${root}/generated`, { recursive: true, force: true });
    gen.push(timeProcess([...cli.args, ...GEN_ARGS], root));
    check.push(timeProcess([...cli.args, ...GEN_ARGS, '--check'], root));
  }
  rmSync(emptyCache, { recursive: true, force: true });
  return {
    files,
    genMs: median(gen),
    firstGenMs: median(firstGen),
    checkMs: median(check),
    bootMs: median(boot),
    rounds,
  };
}
