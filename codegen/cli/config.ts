/**
 * Configuration of `wamp-contracts gen`: read from `wamp-contracts.config.json`, or the
 * `wampContracts` key of package.json, then overridden by command-line flags.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { type DiffSettings, checkDiffSettings } from '../diff/diff-policy.js';

/** URI naming rule for members without `@uri`. */
export type NamingRule = 'as-is' | 'snake_case';

/** The generator's configuration, as written in the config file (paths relative to it). */
export interface GenConfig {
  /** Glob(s) of schema files, e.g. `schemas/*.ts`. */
  readonly schemas: string | readonly string[];
  /** Output directory of generated modules. */
  readonly out: string;
  readonly naming?: NamingRule;
  /** Warn about URIs that break the strict rule (`[0-9a-z_]` components only; default false). */
  readonly strictUris?: boolean;
  /** Default of generated clients' argument validation (default true). */
  readonly validateArgs?: boolean;
  /** Default of generated clients' result validation (default true). */
  readonly validateResults?: boolean;
  /** Module generated code imports the runtime from (default `wamp-contracts/runtime/contracts`). */
  readonly runtimeImport?: string;
  /** Module generated code imports its validator functions from (default `wamp-contracts/validators`). */
  readonly validatorsImport?: string;
  /** Emit an `index.ts` re-exporting every module (default true). */
  readonly index?: boolean;
  /** Leave out the `// @ts-nocheck` line, so that your program type-checks the generated modules' insides (default false). */
  readonly typeCheckOutput?: boolean;
  /** tsconfig used to resolve imports in schema files. */
  readonly tsconfig?: string;
  /** Settings of `wamp-contracts diff`: categories to fail on and allowed findings (docs/diff.md). */
  readonly diff?: DiffSettings;
}

/** A loaded configuration with the directory its relative paths are resolved against. */
export interface ResolvedConfig extends GenConfig {
  /** Absolute project root (directory of the config file, or the working directory). */
  readonly root: string;
  /** Where the configuration came from, for messages. */
  readonly source: string;
}

/** Stable codes (`WC4xxx`) of configuration problems. */
export const ConfigErrorCode = {
  NOT_FOUND: 'WC4001',
  INVALID: 'WC4002',
  NO_SCHEMAS: 'WC4003',
} as const;

/** A configuration problem; the CLI prints its code and message and exits 1. */
export class ConfigError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/**
 * Loads the configuration: `configFile` when given, else `wamp-contracts.config.json` or
 * `package.json#wampContracts` in `cwd`; `overrides` (from flags) win. Without any file, the flags alone
 * must name `schemas` and `out`.
 */
export function loadConfig(
  cwd: string,
  configFile: string | undefined,
  overrides: Partial<GenConfig>,
): ResolvedConfig {
  let found: { root: string; source: string; config: Partial<GenConfig> } | undefined;
  if (configFile !== undefined) {
    const path = resolve(cwd, configFile);
    if (!existsSync(path))
      throw new ConfigError(ConfigErrorCode.NOT_FOUND, `config file ${configFile} does not exist`);
    const json = readJson(path);
    const config = path.endsWith('package.json') ? (json as { wampContracts?: unknown }).wampContracts : json;
    found = { root: dirname(path), source: path, config: checkConfig(config, path) };
  } else if (existsSync(join(cwd, 'wamp-contracts.config.json'))) {
    const path = join(cwd, 'wamp-contracts.config.json');
    found = { root: cwd, source: path, config: checkConfig(readJson(path), path) };
  } else if (existsSync(join(cwd, 'package.json'))) {
    const path = join(cwd, 'package.json');
    const key = (readJson(path) as { wampContracts?: unknown }).wampContracts;
    if (key !== undefined)
      found = { root: cwd, source: `${path}#wampContracts`, config: checkConfig(key, path) };
  }
  const merged = { ...found?.config, ...withoutUndefined(overrides) };
  if (merged.schemas === undefined || merged.out === undefined) {
    throw new ConfigError(
      ConfigErrorCode.NOT_FOUND,
      'no configuration: add wamp-contracts.config.json ({ "schemas": "schemas/*.ts", "out": "schemas/generated" }) or pass --schemas and --out',
    );
  }
  return {
    ...merged,
    schemas: merged.schemas,
    out: merged.out,
    root: found?.root ?? cwd,
    source: found?.source ?? 'flags',
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(ConfigErrorCode.INVALID, `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const KEYS: Record<keyof GenConfig, string> = {
  schemas: 'string|array',
  out: 'string',
  naming: 'naming',
  strictUris: 'boolean',
  validateArgs: 'boolean',
  validateResults: 'boolean',
  runtimeImport: 'string',
  validatorsImport: 'string',
  index: 'boolean',
  typeCheckOutput: 'boolean',
  tsconfig: 'string',
  diff: 'diff',
};

// Checks every key so that a typo is an error with its name, not an ignored setting.
function checkConfig(value: unknown, path: string): Partial<GenConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(ConfigErrorCode.INVALID, `${path}: the configuration must be an object`);
  }
  for (const [key, v] of Object.entries(value)) {
    const kind = KEYS[key as keyof GenConfig];
    if (kind === 'diff') {
      const wrong = checkDiffSettings(v);
      if (wrong !== undefined) throw new ConfigError(ConfigErrorCode.INVALID, `${path}: diff: ${wrong}`);
      continue;
    }
    const ok =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'boolean'
          ? typeof v === 'boolean'
          : kind === 'naming'
            ? v === 'as-is' || v === 'snake_case'
            : kind === 'string|array'
              ? typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'))
              : false;
    if (!ok) {
      const why =
        kind === undefined
          ? 'unknown key'
          : `expected ${kind === 'naming' ? "'as-is' or 'snake_case'" : kind}`;
      throw new ConfigError(ConfigErrorCode.INVALID, `${path}: ${key}: ${why}`);
    }
  }
  return value as Partial<GenConfig>;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Expands the schema globs (`*`, `**`, `?`, `{a,b}`) under `root` into sorted POSIX paths relative to
 * it, skipping `node_modules`, `.d.ts` files and the output directory.
 */
export function resolveSchemaFiles(config: ResolvedConfig): string[] {
  const globs = typeof config.schemas === 'string' ? [config.schemas] : config.schemas;
  const outDir = toPosix(relative(config.root, resolve(config.root, config.out)));
  const matchers = globs.map(globToRegExp);
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(config.root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.') && path !== outDir) walk(path);
      } else if (!path.endsWith('.d.ts') && matchers.some((m) => m.test(path))) found.add(path);
    }
  };
  for (const base of new Set(globs.map(staticPrefix))) {
    if (existsSync(join(config.root, base))) walk(base);
  }
  const files = [...found].sort();
  if (files.length === 0) {
    throw new ConfigError(
      ConfigErrorCode.NO_SCHEMAS,
      `no schema files match ${globs.join(', ')} (in ${config.root})`,
    );
  }
  return files;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

// The directory part of a glob before its first wildcard, so only that subtree is walked.
function staticPrefix(glob: string): string {
  const parts = toPosix(glob).replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?{[]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

/** Converts a glob to an anchored regular expression over POSIX relative paths. */
export function globToRegExp(glob: string): RegExp {
  const source = toPosix(glob).replace(/^\.\//, '');
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '*' && source[i + 1] === '*') {
      // `**/` matches zero or more directories.
      const slash = source[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const end = source.indexOf('}', i);
      const options = source
        .slice(i + 1, end)
        .split(',')
        .map(escapeRegExp);
      out += `(?:${options.join('|')})`;
      i = end;
    } else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
