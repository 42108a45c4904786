/**
 * What `wamp-contracts init` does to a package: adds an example contract under `schemas/`, a
 * `wamp-contracts.config.json` and a `gen` npm script. Never overwrites: anything present is
 * skipped with a message, so running it twice changes nothing the second time.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG, CONFIG_PATH, EXAMPLE_SCHEMA, EXAMPLE_SCHEMA_PATH, GEN_SCRIPT } from './init-templates.js';

/** Stable codes of `init` failures. */
export const InitErrorCode = {
  NO_PACKAGE: 'init.no_package_json',
  BAD_PACKAGE: 'init.invalid_package_json',
} as const;

/** A reason `init` cannot run; the CLI prints the code and exits 1. */
export class InitError extends Error {
  override readonly name = 'InitError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** One thing `init` did or skipped, in order. */
export interface InitStep {
  readonly path: string;
  readonly action: 'created' | 'updated' | 'skipped';
  readonly detail: string;
}

/** The outcome of {@link initProject}. */
export interface InitResult {
  readonly steps: readonly InitStep[];
  /** True when package.json lists no `wamp-contracts` dependency yet. */
  readonly needsInstall: boolean;
  /**
   * True when package.json lists no `@wamp-contracts/codegen` dependency (the generator `init` runs
   * from may come from npx or from a workspace root, where it is declared elsewhere).
   */
  readonly needsGenerator: boolean;
  /** True when the example contract was written (so the next steps can refer to it). */
  readonly wroteExample: boolean;
}

interface PackageJson {
  name?: unknown;
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  wampContracts?: unknown;
}

/** Initialises the package in `dir`; throws an {@link InitError} when it has no valid package.json. */
export function initProject(dir: string): InitResult {
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) {
    throw new InitError(
      InitErrorCode.NO_PACKAGE,
      `no package.json in ${dir}: run init inside an existing package (npm init -y creates one), or pass --dir`,
    );
  }
  const text = readFileSync(pkgPath, 'utf8');
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(text) as PackageJson;
  } catch (error) {
    throw new InitError(
      InitErrorCode.BAD_PACKAGE,
      `${pkgPath} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg))
    throw new InitError(InitErrorCode.BAD_PACKAGE, `${pkgPath} must hold a JSON object`);
  const steps: InitStep[] = [schemaStep(dir), configStep(dir, pkg), scriptStep(pkgPath, text, pkg)];
  const depends = (name: string): boolean =>
    [pkg.dependencies, pkg.devDependencies].some(
      (deps) => typeof deps === 'object' && deps !== null && name in deps,
    );
  return {
    steps,
    needsInstall: pkg.name !== 'wamp-contracts' && !depends('wamp-contracts'),
    needsGenerator: !depends('@wamp-contracts/codegen') && !declaredAbove(dir, '@wamp-contracts/codegen'),
    wroteExample: steps[0]?.action === 'created',
  };
}

// The example contract, unless it exists or schemas/ already holds schema files of the user's own.
function schemaStep(dir: string): InitStep {
  const path = join(dir, EXAMPLE_SCHEMA_PATH);
  if (existsSync(path)) return { path: EXAMPLE_SCHEMA_PATH, action: 'skipped', detail: 'already exists' };
  const schemasDir = dirname(path);
  if (existsSync(schemasDir)) {
    const own = readdirSync(schemasDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    if (own.length > 0)
      return {
        path: EXAMPLE_SCHEMA_PATH,
        action: 'skipped',
        detail: `schemas/ already has schema files (${own.join(', ')})`,
      };
  }
  mkdirSync(schemasDir, { recursive: true });
  writeFileSync(path, EXAMPLE_SCHEMA, { flag: 'wx' });
  return {
    path: EXAMPLE_SCHEMA_PATH,
    action: 'created',
    detail: 'example contract: a service, an error, a topic',
  };
}

// The gen configuration, unless one exists in either place `gen` looks.
function configStep(dir: string, pkg: PackageJson): InitStep {
  if (existsSync(join(dir, CONFIG_PATH)))
    return { path: CONFIG_PATH, action: 'skipped', detail: 'already exists' };
  if (pkg.wampContracts !== undefined)
    return { path: CONFIG_PATH, action: 'skipped', detail: 'package.json already has a wampContracts key' };
  writeFileSync(join(dir, CONFIG_PATH), `${JSON.stringify(CONFIG, null, 2)}\n`, { flag: 'wx' });
  return { path: CONFIG_PATH, action: 'created', detail: `schemas ${CONFIG.schemas}, out ${CONFIG.out}` };
}

// Adds scripts.gen, keeping the file's indentation and final newline; an existing gen script stays.
function scriptStep(pkgPath: string, text: string, pkg: PackageJson): InitStep {
  const existing = pkg.scripts?.gen;
  if (existing === GEN_SCRIPT)
    return { path: 'package.json', action: 'skipped', detail: 'gen script already there' };
  if (existing !== undefined) {
    return {
      path: 'package.json',
      action: 'skipped',
      detail: `a different gen script exists (${JSON.stringify(existing)}); add '${GEN_SCRIPT}' to it yourself`,
    };
  }
  const updated: PackageJson = { ...pkg, scripts: { ...pkg.scripts, gen: GEN_SCRIPT } };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(updated, null, indent).replace(/\n/g, eol);
  writeFileSync(pkgPath, text.endsWith('\n') ? `${body}${eol}` : body);
  return { path: 'package.json', action: 'updated', detail: `added script gen: ${GEN_SCRIPT}` };
}

// Whether a package.json above `dir` (a workspace root) declares `name`, where npm hoists it from.
function declaredAbove(dir: string, name: string): boolean {
  for (let at = dirname(dir); dirname(at) !== at; at = dirname(at)) {
    const path = join(at, 'package.json');
    if (!existsSync(path)) continue;
    try {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
      if (
        [pkg.dependencies, pkg.devDependencies].some((d) => typeof d === 'object' && d !== null && name in d)
      )
        return true;
    } catch {
      // An unreadable package.json above is not one that declares the generator.
    }
  }
  return false;
}
