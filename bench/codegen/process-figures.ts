/**
 * Figures measured in fresh child processes (bundled scripts): cold extraction with the extractor's
 * watch updates, and watch rebuilds as `gen --watch` runs them.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { writeSyntheticProject } from './synthetic-contracts.js';

/** One measured size. */
export interface CodegenFigures {
  readonly files: number;
  /** Spawn to exit of the cold process, in ms. */
  readonly wallMs: number;
  /** Loading ts-morph and the extractor, in ms. */
  readonly importMs: number;
  /** Creating the program and extracting every file, in ms. */
  readonly extractMs: number;
  /** CPU time of the cold process (user + system), in ms. */
  readonly cpuMs: number;
  /** Median watch update after one leaf file changes, in ms. */
  readonly updateMedianMs: number;
  /** Wall time of the anchor's setup (ts-morph Project, default libs, type check) in the same run, in ms. */
  readonly baselineWallMs: number;
  /** CPU time of the anchor's setup, in ms. */
  readonly baselineCpuMs: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Measures one project size in a fresh process, then the anchor's setup on the same files. */
export function measureSize(
  script: string,
  baseline: string,
  files: number,
  updates: number,
): CodegenFigures {
  const project = writeSyntheticProject(files);
  try {
    const before = performance.now();
    const output = execFileSync(process.execPath, [script, project.root, String(files), String(updates)], {
      encoding: 'utf8',
    });
    const child = JSON.parse(output) as {
      importMs: number;
      extractMs: number;
      cpuMs: number;
      updateMs: number[];
    };
    // The child reports its own phases; wall time subtracts the updates, which are not part of a cold run.
    const updatesMs = child.updateMs.reduce((a, b) => a + b, 0);
    const wallMs = performance.now() - before - updatesMs;
    const baselineStart = performance.now();
    const anchor = JSON.parse(
      execFileSync(process.execPath, [baseline, project.root, String(files)], { encoding: 'utf8' }),
    ) as { cpuMs: number };
    return {
      files,
      wallMs,
      importMs: child.importMs,
      extractMs: child.extractMs,
      cpuMs: child.cpuMs,
      updateMedianMs: median(child.updateMs),
      baselineWallMs: performance.now() - baselineStart,
      baselineCpuMs: anchor.cpuMs,
    };
  } finally {
    rmSync(project.root, { recursive: true, force: true });
  }
}

/** A watch rebuild as `gen --watch` runs it (generator update: extract + emit + write), one size. */
export interface WatchFigures {
  readonly files: number;
  readonly generateMs: number;
  readonly rebuildMedianMs: number;
  readonly rebuilds: number;
}

/** Runs watch rebuilds of `root` in a fresh process and reports the first generate and the median rebuild. */
export function measureWatch(script: string, root: string, files: number, updates: number): WatchFigures {
  const output = execFileSync(process.execPath, [script, root, String(files), String(updates)], {
    encoding: 'utf8',
  });
  const child = JSON.parse(output) as { generateMs: number; rebuildMs: number[] };
  return { files, generateMs: child.generateMs, rebuildMedianMs: median(child.rebuildMs), rebuilds: updates };
}
