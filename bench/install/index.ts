/**
 * What an install carries (issue 14): `npm run bench -- install`. Packs both packages of this
 * checkout (test/fixtures/pack), then installs, in fresh directories, a service's production
 * dependencies (`wamp-contracts` alone) and a developer's (`wamp-contracts` and
 * `@wamp-contracts/codegen`), and prints each install's node_modules by package: file bytes,
 * symlinks not followed. Needs the npm registry or a warm npm cache. Sizes, not timings: one round.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages, run as runCommand } from '../../test/fixtures/pack/stage-packages.ts';

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/** Top-level packages of `modules` with their sizes, largest first. */
function packages(modules: string): { name: string; bytes: number }[] {
  const out: { name: string; bytes: number }[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names) out.push({ name, bytes: sizeOf(join(modules, name)) });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

async function install(work: string, label: string, specs: string[]): Promise<void> {
  const dir = join(work, label.split(' ')[0] as string);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `bench-${label}`, private: true, type: 'module' }),
  );
  await runCommand('npm', ['install', '--omit=dev', ...specs], dir);
  const modules = join(dir, 'node_modules');
  const list = existsSync(modules) ? packages(modules) : [];
  const total = list.reduce((sum, p) => sum + p.bytes, 0);
  process.stdout.write(
    `### ${label}: ${mb(total)} in ${list.length} packages\n\n| package | size |\n| --- | ---: |\n`,
  );
  for (const p of list) process.stdout.write(`| ${p.name} | ${mb(p.bytes)} |\n`);
  process.stdout.write('\n');
}

export async function runInstallBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'wc-bench-install-'));
  try {
    const packed = await packPackages(work);
    process.stdout.write(
      `tarballs: wamp-contracts ${mb(statSync(packed.runtime).size)}, @wamp-contracts/codegen ${mb(statSync(packed.codegen).size)}\n\n`,
    );
    await install(work, 'production (runtime only)', [packed.runtime]);
    await install(work, 'development (runtime and generator)', [packed.runtime, packed.codegen]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
