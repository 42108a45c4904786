/** Markdown tables of the codegen benchmark, in the layout bench/RESULTS.md uses. */
import type { GenFigures } from './gen-cli.js';
import type { CodegenFigures, WatchFigures } from './process-figures.js';
import type { TscFigures } from './tsc-generated.js';
import type { ValidationFigure } from './validation.js';

const RUNTIME_LABEL: Record<TscFigures['runtime'], string> = {
  dist: 'dist/*.d.ts (declarations only)',
  source: 'runtime .ts sources (checked too)',
};

const ms = (value: number): string => value.toFixed(0);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** Extraction and the extractor's watch update, with the type-checker anchor. */
export function extractionTable(extraction: readonly CodegenFigures[]): string[] {
  return [
    '### Extraction (front half of gen) and extractor update',
    '',
    '| schema files | cold wall (ms) | boot+import (ms) | extract (ms) | cold CPU (ms) | anchor setup wall / CPU (ms) | CPU ratio | watch update, median (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...extraction.map(
      (f) =>
        `| ${f.files} | ${ms(f.wallMs)} | ${ms(f.importMs)} | ${ms(f.extractMs)} | ${ms(f.cpuMs)} | ${ms(f.baselineWallMs)} / ${ms(f.baselineCpuMs)} | ${(f.cpuMs / f.baselineCpuMs).toFixed(2)} | ${f.updateMedianMs.toFixed(1)} |`,
    ),
  ];
}

/** Full `gen` and `gen --check`, the boot anchor and the watch rebuild. */
export function genTable(
  gen: readonly GenFigures[],
  watch: readonly WatchFigures[],
  extraction: readonly CodegenFigures[],
  cli: string,
): string[] {
  const anchor = extraction.find((f) => f.files === 100);
  return [
    `### Full gen (extract + emit + write) and gen --check, fresh process each (${cli})`,
    '',
    `Median of ${gen[0]?.rounds ?? 0} interleaved round(s). Boot anchor: a process that only imports ts-morph (issue anchor: about 300 ms). "gen" runs with the compiler's code cache written by earlier runs (docs/cli.md); "first gen" with an empty cache folder, as right after an install.`,
    '',
    '| schema files | gen wall (ms) | first gen, empty code cache (ms) | gen --check wall (ms) | check / gen | boot anchor (ms) | boot / 300 ms | target (ms) | watch rebuild, median (ms) | first generate in watch process (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...gen.map((g) => {
      const w = watch.find((x) => x.files === g.files);
      const target = g.files === 100 ? '1000' : g.files === 500 ? '2000' : '-';
      return `| ${g.files} | ${ms(g.genMs)} | ${ms(g.firstGenMs)} | ${ms(g.checkMs)} | ${ratio(g.checkMs, g.genMs)} | ${ms(g.bootMs)} | ${ratio(g.bootMs, 300)} | ${target} | ${w === undefined ? '-' : w.rebuildMedianMs.toFixed(1)} | ${w === undefined ? '-' : ms(w.generateMs)} |`;
    }),
    '',
    anchor === undefined
      ? ''
      : `Type-checker anchor at 100 files (ts-morph, default libs; issue anchor about 1300 ms) in this run: ${ms(anchor.baselineWallMs)} ms wall = ${ratio(anchor.baselineWallMs, 1300)} the anchor.`,
  ];
}

/** `tsc --noEmit` over the generated code. */
export function tscTable(tsc: readonly TscFigures[]): string[] {
  return [
    '### tsc --noEmit over the generated code of 100 schema files',
    '',
    '| runtime types | lib | tsc wall (ms) | tsc check time (ms) | program files | errors | target (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...tsc.map(
      (t) =>
        `| ${RUNTIME_LABEL[t.runtime]} | ${t.lib} | ${ms(t.wallMs)} | ${ms(t.checkMs)} | ${t.programFiles} | ${t.errors} | 3000 |`,
    ),
  ];
}

/** Validation: generated against hand-written zod, the median of per-round paired ratios in CPU time. */
export function validationTable(validation: readonly ValidationFigure[]): string[] {
  const x = (value: number): string => `${value.toFixed(2)}x`;
  const ops = (value: number): string => Math.round(value).toLocaleString('en-US');
  const reading = (r: number): string =>
    r < 0.85 ? 'generated slower' : r > 1.15 ? 'generated faster' : 'parity';
  return [
    '### Validation throughput: generated (decodeValue) vs hand-written zod (safeParse)',
    '',
    `One process per mode, schemas created under it: jit = \`z.compile\` + zod's object JIT; jitless = interpreted, what a strict-CSP page gets. Each of ${validation[0]?.rounds ?? 0} rounds times both sides back to back (order alternating); ratio = generated / hand-written ops per CPU second (user + system) of that round; shown: median of the per-round ratios, interquartile range, min-max, and the wall-clock median. **Ratios within about ±15 % (0.85-1.15x) are parity on this box**: single rounds swing ±40 % and medians about ±15 % between processes on a shared 2-core machine.`,
    '',
    '| payload | bytes (JSON) | mode | generated ops/CPU-s | hand-written ops/CPU-s | ratio, median (CPU) | IQR | min-max | ratio, median (wall) | reading |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---|',
    ...validation.map((v) => {
      const c = v.cpuRatio;
      return `| ${v.payload} | ${v.bytes} | ${v.mode} | ${ops(v.generatedCpuOps)} | ${ops(v.handCpuOps)} | ${x(c.median)} | ${x(c.q1)}-${x(c.q3)} | ${x(c.min)}-${x(c.max)} | ${x(v.wallRatio.median)} | ${reading(c.median)} |`;
    }),
  ];
}
