import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED_MARKER } from '../../emit/emit-options.js';
import type { GeneratedFile } from '../../model/contract-model.js';

/** How the output directory differs from what the generator would write. */
export interface OutputPlan {
  /** Files to create or rewrite, with their current text (`undefined` when missing). */
  readonly changed: readonly { readonly file: GeneratedFile; readonly current: string | undefined }[];
  /** Generated files (they carry our header) that the generator no longer produces: removed by `gen`. */
  readonly stale: readonly { readonly path: string; readonly current: string }[];
  readonly unchanged: number;
}

/** Compares `files` with the contents of `outDir` without changing anything. */
export function planOutput(outDir: string, files: readonly GeneratedFile[]): OutputPlan {
  const wanted = new Set(files.map((f) => f.path));
  const changed: { file: GeneratedFile; current: string | undefined }[] = [];
  let unchanged = 0;
  for (const file of files) {
    const path = join(outDir, file.path);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === file.text) unchanged++;
    else changed.push({ file, current });
  }
  const stale = ownedFiles(outDir)
    .filter((o) => !wanted.has(o.path))
    .sort((x, y) => (x.path < y.path ? -1 : 1));
  return { changed, stale, unchanged };
}

/** Applies a plan: writes changed files and deletes stale generated ones (never files without our header). */
export function applyOutput(outDir: string, plan: OutputPlan): void {
  for (const { file } of plan.changed) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  for (const { path } of plan.stale) rmSync(join(outDir, path));
}

// Only `.ts` files that start with the generated marker belong to us.
function ownedFiles(outDir: string, dir = ''): { path: string; current: string }[] {
  const abs = join(outDir, dir);
  if (!existsSync(abs)) return [];
  const out: { path: string; current: string }[] = [];
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...ownedFiles(outDir, path));
    else if (entry.name.endsWith('.ts')) {
      const current = readFileSync(join(outDir, path), 'utf8');
      if (current.startsWith(GENERATED_MARKER)) out.push({ path, current });
    }
  }
  return out;
}
