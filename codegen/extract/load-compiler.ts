/**
 * Loads the TypeScript compiler that ts-morph bundles, with a V8 code cache.
 *
 * `require('ts-morph')` costs about 0.4-0.6 s on a 2-core box before any work. Most of it is V8
 * compiling the 9 MB compiler and evaluating ts-morph's own 3 MB of wrappers, which the extractor
 * never uses. So we load only the compiler file (`@ts-morph/common/dist/typescript.js`, the same
 * object ts-morph exports as `ts`). We compile it with `vm.Script` and keep V8's code cache beside
 * `node_modules`. A warm cache also holds the functions the last extraction compiled lazily. This
 * is what Node 22's `module.enableCompileCache()` does; Node 20 has no such call.
 *
 * The cache is keyed by compiler path, size and mtime, the Node version and the architecture. V8
 * itself rejects data made for another source or set of flags; a rejected cache is rewritten.
 * Set `WAMP_CONTRACTS_COMPILE_CACHE=0` to turn it off. Set `WAMP_CONTRACTS_CACHE_DIR` to put it
 * elsewhere. Any failure to read or write the cache falls back to a plain compile, silently.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ts as TypeScript } from 'ts-morph';

/** What happened to the code cache in this process. */
export type CompileCacheState =
  /** Loaded from the cache; V8 accepted it. */
  | 'hit'
  /** No cache file yet: it is written after the first extraction. */
  | 'miss'
  /** A cache file was there but V8 refused it (another Node, flags or file): it is rewritten. */
  | 'rejected'
  /** Turned off by `WAMP_CONTRACTS_COMPILE_CACHE=0`, or the compiler came through `require('ts-morph')`. */
  | 'off';

/** The state of the code cache and where its file is. */
export interface CompileCacheStatus {
  readonly state: CompileCacheState;
  /** The cache file, when the cache is on. */
  readonly file?: string;
  /** True once this process wrote the cache file. */
  readonly written: boolean;
}

const PREFIX = 'typescript-';
const SUFFIX = '.v8cache';
const require = createRequire(import.meta.url);

/** The compiler file inside ts-morph's own dependency, or undefined when the layout is not the known one. */
function bundledCompiler(): string | undefined {
  try {
    const common = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');
    const file = path.join(path.dirname(common), 'typescript.js');
    statSync(file);
    return file;
  } catch {
    return undefined;
  }
}

/** `<node_modules>/.cache/wamp-contracts` for the `node_modules` holding the compiler, else a temp folder. */
function cacheDir(compiler: string): string {
  const configured = process.env.WAMP_CONTRACTS_CACHE_DIR;
  if (configured) return path.resolve(configured);
  const parts = compiler.split(path.sep);
  const index = parts.lastIndexOf('node_modules', parts.length - 2);
  // `@ts-morph/common` sits right under node_modules (or under a nested node_modules of ts-morph).
  if (index > 0) return path.join(parts.slice(0, index + 1).join(path.sep), '.cache', 'wamp-contracts');
  return path.join(tmpdir(), 'wamp-contracts-cache');
}

function cacheFile(compiler: string, dir: string): string {
  const stat = statSync(compiler);
  const key = [compiler, stat.size, stat.mtimeMs, process.version, process.arch].join('\0');
  return path.join(dir, `${PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 16)}${SUFFIX}`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

let script: vm.Script | undefined;
let status: CompileCacheStatus = { state: 'off', written: false };

/** Compiles and runs the compiler's CommonJS file the way Node's loader would, with cached data when there is some. */
function runCompiler(compiler: string, file: string): typeof TypeScript {
  const cached = readCache(file);
  const source = readFileSync(compiler, 'utf8');
  // The same wrapper Node puts around a CommonJS module, so `require`, `module` and `__filename` are real.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  script = new vm.Script(wrapped, { filename: compiler, ...(cached ? { cachedData: cached } : {}) });
  status = {
    state: cached === undefined ? 'miss' : script.cachedDataRejected === true ? 'rejected' : 'hit',
    file,
    written: false,
  };
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(compiler), module, compiler, path.dirname(compiler));
  return module.exports as typeof TypeScript;
}

/** Loads the compiler: the bundled file with the code cache when possible, else `require('ts-morph').ts`. */
export function loadCompiler(): typeof TypeScript {
  const compiler = process.env.WAMP_CONTRACTS_COMPILE_CACHE === '0' ? undefined : bundledCompiler();
  if (compiler !== undefined) {
    try {
      return runCompiler(compiler, cacheFile(compiler, cacheDir(compiler)));
    } catch {
      // An unexpected layout or a compiler that fails to evaluate this way: the plain path below.
      script = undefined;
      status = { state: 'off', written: false };
    }
  }
  return (require('ts-morph') as { ts: typeof TypeScript }).ts;
}

/**
 * A cold `gen` is a batch job of a few seconds in which V8 keeps optimizing functions of the compiler
 * and the emitter that run a few more times and then never again: with Node 20's default budget,
 * TurboFan's compiles cost more than they return (measured in bench/RESULTS.md, "cold gen against tsc").
 * While {@link runAsBatch} runs, the interrupt budget that decides when a function is hot enough to
 * optimize is 8 times the default, so only the really hot functions are optimized (about 30 %
 * less CPU at 100 and 500 files; `generate.ts` does it up to 1000 schema files, as beyond that the
 * optimized code pays for itself). It is the same flag for the whole
 * process, so it is set for the call and restored after it. The default differs between V8 versions,
 * so this is done on V8 11.3 (Node 20) only, and not when the process was started with its own
 * `--interrupt-budget`. `WAMP_CONTRACTS_BATCH_JIT=0` turns it off.
 */
const DEFAULT_INTERRUPT_BUDGET = 67584;
const BATCH_INTERRUPT_BUDGET = 8 * DEFAULT_INTERRUPT_BUDGET;
let batchDepth = 0;
let savePending = false;

function canTuneJit(): boolean {
  return (
    process.env.WAMP_CONTRACTS_BATCH_JIT !== '0' &&
    process.versions.v8.startsWith('11.3.') &&
    ![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('interrupt-budget'))
  );
}

function setInterruptBudget(budget: number): boolean {
  try {
    v8.setFlagsFromString(`--interrupt-budget=${budget}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` (one cold extraction and emit) with the JIT tuned for a short batch job, see above.
 * The code cache is written after the flag is restored: V8 keys cached data by the flags, so data
 * written under the batch budget would be refused by the next process.
 */
export function runAsBatch<T>(work: () => T): T {
  if (batchDepth > 0 || !canTuneJit() || !setInterruptBudget(BATCH_INTERRUPT_BUDGET)) return work();
  batchDepth++;
  try {
    return work();
  } finally {
    batchDepth--;
    setInterruptBudget(DEFAULT_INTERRUPT_BUDGET);
    if (savePending) {
      savePending = false;
      saveCompileCache();
    }
  }
}

/**
 * Writes the code cache after a miss or a rejection, once per process. Called after the first
 * extraction so the cache holds the functions that extraction compiled (inside {@link runAsBatch},
 * when it returns). Never throws.
 */
export function saveCompileCache(): void {
  if (batchDepth > 0) {
    savePending = true;
    return;
  }
  const { state, file } = status;
  if (
    script === undefined ||
    file === undefined ||
    status.written ||
    (state !== 'miss' && state !== 'rejected')
  )
    return;
  try {
    const data = script.createCachedData();
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a process reading at the same time sees the old file or the new one, whole.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
    status = { ...status, written: true };
    // Caches of other compiler versions or Node versions are dead weight.
    for (const name of readdirSync(dir)) {
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name !== path.basename(file)) {
        unlinkSync(path.join(dir, name));
      }
    }
  } catch {
    // A read-only node_modules or a full disk: the next run compiles without the cache, as now.
  }
}

/** The code cache's state in this process (for tests and benchmarks). */
export function compileCacheStatus(): CompileCacheStatus {
  return status;
}
