/**
 * Loads the two versions `diff` compares: the current schemas, and the earlier version named by
 * `--against` (a snapshot file, a directory, or a git revision).
 */
import { existsSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createExtractor } from '../extract/create-extractor.js';
import type { ContractModel } from '../model/contract-model.js';
import type { UriNaming } from '../model/uri-rules.js';
import { DiffError, DiffErrorCode } from './diff-error.js';
import { checkoutFiles, isGitRevision } from './git-tree.js';
import { parseSnapshot } from './snapshot.js';

/** What extraction needs to know about a project: its schema files and options. */
export interface ProjectSchemas {
  readonly files: readonly string[];
  readonly tsconfig?: string | undefined;
  readonly naming?: UriNaming | undefined;
}

/** Finds a project's schemas from the directory it lives in (its own configuration, or the current one). */
export type ReadProject = (root: string) => ProjectSchemas;

/** A loaded version and how to name it in messages. */
export interface LoadedVersion {
  readonly model: ContractModel;
  /** `snapshot contracts.json`, `directory ../v1` or `git main`. */
  readonly label: string;
}

/** Extracts a project's contract; schema errors stop the diff (a broken version cannot be compared). */
export function extractProject(root: string, schemas: ProjectSchemas, label: string): ContractModel {
  const { model, diagnostics } = createExtractor({
    root,
    files: schemas.files,
    lint: false,
    ...(schemas.tsconfig === undefined ? {} : { tsconfig: schemas.tsconfig }),
    ...(schemas.naming === undefined ? {} : { naming: schemas.naming }),
  }).extract();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new DiffError(DiffErrorCode.SCHEMA_ERRORS, `${label}: ${errors.length} schema error(s)`, errors);
  return model;
}

/**
 * Loads the version `against` names, resolved from `cwd`: an existing file is a snapshot, an
 * existing directory a project, anything else a git revision of the repository around `root`.
 */
export function loadAgainst(against: string, cwd: string, root: string, read: ReadProject): LoadedVersion {
  const path = resolve(cwd, against);
  if (existsSync(path)) {
    if (statSync(path).isFile()) {
      const label = `snapshot ${against}`;
      return { model: parseSnapshot(readFileSync(path, 'utf8'), against), label };
    }
    const label = `directory ${against}`;
    return { model: extractProject(path, read(path), label), label };
  }
  if (!isGitRevision(root, against))
    throw new DiffError(
      DiffErrorCode.AGAINST_NOT_FOUND,
      `--against ${against} is neither a file, a directory nor a git revision`,
    );
  const label = `git ${against}`;
  const dir = checkoutFiles(root, against);
  try {
    // The old schemas import packages (wamp-contracts/schema) from the project's own node_modules.
    const modules = nearestNodeModules(root);
    if (modules !== undefined) symlinkSync(modules, join(dir, 'node_modules'), 'junction');
    return { model: extractProject(dir, read(dir), label), label };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function nearestNodeModules(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
