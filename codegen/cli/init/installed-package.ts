/**
 * Where `wamp-contracts` is (or, before `npm install`, will be) installed as seen from a package:
 * in an npm workspace it is hoisted to the workspace root's node_modules, so paths that `init`
 * prints must not assume `./node_modules/wamp-contracts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const PACKAGE = 'wamp-contracts';

/** The directory of the package `wamp-contracts`, relative to `dir`, POSIX separators (`node_modules/wamp-contracts`, `../../node_modules/wamp-contracts`). */
export function installedPackagePath(dir: string): string {
  const where = findInstalled(dir) ?? join(workspaceRoot(dir) ?? dir, 'node_modules', PACKAGE);
  return relative(dir, where).split(sep).join('/');
}

// Node's own lookup: the nearest node_modules/wamp-contracts from `dir` upwards.
function findInstalled(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', PACKAGE);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(at) === at) return undefined;
  }
}

// The nearest directory above `dir` whose package.json declares workspaces (where npm hoists to).
function workspaceRoot(dir: string): string | undefined {
  for (let at = dirname(dir); dirname(at) !== at; at = dirname(at)) {
    const pkg = join(at, 'package.json');
    if (!existsSync(pkg)) continue;
    try {
      const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
      if (parsed.workspaces !== undefined) return at;
    } catch {
      // An unreadable package.json above us is not a workspace root we can use.
    }
  }
  return undefined;
}
