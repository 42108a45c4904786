/**
 * `wamp-contracts diff` against `gen` on the 100-file synthetic project, each in a fresh process,
 * interleaved: `diff --against <snapshot>` (one extraction) and `diff --against <directory>` (two).
 * Ten of the files change between the versions. Usage: `node --import tsx bench/codegen/diff-timing.ts [rounds]`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSyntheticProject } from './synthetic-contracts.js';

const rounds = Number(process.argv[2] ?? 5);
const entry = fileURLToPath(new URL('../../runtime/cli/dev-entry.ts', import.meta.url));
const cli = ['--conditions=wamp-contracts-source', '--import', import.meta.resolve('tsx'), entry];
const project = writeSyntheticProject(100);
writeFileSync(
  `${project.root}/wamp-contracts.config.json`,
  JSON.stringify({ schemas: 'schemas/*.ts', out: 'generated' }),
);
const old = `${project.root}-old`;
cpSync(project.root, old, { recursive: true });
for (let i = 0; i < 100; i += 10) project.touch(i, 1);

// diff exits 1 when a finding fails; the time is what matters here.
const timed = (cwd: string, args: string[]): number => {
  const started = performance.now();
  try {
    execFileSync('node', [...cli, ...args], { cwd, stdio: 'ignore' });
  } catch {}
  return performance.now() - started;
};
timed(old, ['gen', '--snapshot', 'contracts.json']);
const figures: Record<string, number[]> = {
  gen: [],
  'diff --against snapshot': [],
  'diff --against directory': [],
};
for (let r = 0; r < rounds; r++) {
  figures.gen?.push(timed(project.root, ['gen']));
  figures['diff --against snapshot']?.push(
    timed(project.root, ['diff', '--against', `${old}/contracts.json`]),
  );
  figures['diff --against directory']?.push(timed(project.root, ['diff', '--against', old]));
}
const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const gen = median(figures.gen ?? []);
for (const [name, values] of Object.entries(figures))
  console.log(
    `${name}: median ${Math.round(median(values))} ms, ${(median(values) / gen).toFixed(2)}x gen (${values.map(Math.round).join(', ')})`,
  );
rmSync(project.root, { recursive: true, force: true });
rmSync(old, { recursive: true, force: true });
