/**
 * Materialises the files of a git revision that extraction needs (TypeScript and JSON) into a
 * temporary directory, using only the `git` command (no work tree is touched).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DiffError, DiffErrorCode } from './diff-error.js';

const NEEDED = /\.(?:[cm]?ts|tsx|json)$/;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (result.error !== undefined)
    throw new DiffError(DiffErrorCode.GIT_FAILED, `cannot run git: ${result.error.message}`);
  if (result.status !== 0)
    throw new DiffError(
      DiffErrorCode.GIT_FAILED,
      `git ${args.join(' ')}: ${result.stderr.toString('utf8').trim() || `exit ${result.status}`}`,
    );
  return result.stdout;
}

/** True when `ref` names a commit in the repository around `cwd`. */
export function isGitRevision(cwd: string, ref: string): boolean {
  if (ref.startsWith('-')) return false;
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
  return result.error === undefined && result.status === 0;
}

/**
 * Writes the `.ts` and `.json` files of `ref` below the project directory `cwd` (its path inside
 * the repository) to a new temporary directory and returns that directory.
 */
export function checkoutFiles(cwd: string, ref: string): string {
  const prefix = git(cwd, ['rev-parse', '--show-prefix']).toString('utf8').trim();
  const tree = `${ref}:${prefix}`;
  const listing = git(cwd, ['ls-tree', '-r', '-z', tree]).toString('utf8');
  const files: { oid: string; path: string }[] = [];
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [, type, oid] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (
      type === 'blob' &&
      oid !== undefined &&
      NEEDED.test(path) &&
      !path.split('/').includes('node_modules')
    )
      files.push({ oid, path });
  }
  const dir = mkdtempSync(join(tmpdir(), 'wamp-contracts-diff-'));
  if (files.length === 0) return dir;
  // One `cat-file --batch` for every blob: `<oid> blob <size>\n<bytes>\n` each, in input order.
  const out = git(cwd, ['cat-file', '--batch'], `${files.map((f) => f.oid).join('\n')}\n`);
  let at = 0;
  for (const file of files) {
    const headerEnd = out.indexOf(0x0a, at);
    const size = Number(out.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
    const target = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return dir;
}
