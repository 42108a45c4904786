/**
 * One cold extraction in a fresh process (what `gen` pays), then watch updates after one leaf file
 * changes. Prints one JSON line: `{ importMs (from process start), extractMs, updateMs[], files, diagnostics, cpuMs }`.
 * Usage: node cold.mjs <root> <fileCount> <updates>
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { syntheticSchema } from './synthetic-contracts.js';

const [root = '.', countText = '0', updatesText = '0'] = process.argv.slice(2);
const count = Number(countText);
// performance.now() counts from process start: `importMs` includes Node's own boot.
const { createExtractor } = await import('../../codegen/extract/index.js');
const imported = performance.now();
const files = ['schemas/common.ts', ...Array.from({ length: count }, (_, i) => `schemas/service-${i}.ts`)];
const extractor = createExtractor({ root, files });
const result = extractor.extract();
const extracted = performance.now();
const updateMs: number[] = [];
// The last file of the project ends an import chain: nothing imports it (a leaf).
const leaf = count - 1;
for (let revision = 1; revision <= Number(updatesText); revision++) {
  writeFileSync(path.join(root, `schemas/service-${leaf}.ts`), syntheticSchema(leaf, revision));
  const before = performance.now();
  extractor.update([`schemas/service-${leaf}.ts`]);
  updateMs.push(performance.now() - before);
}
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    importMs: imported,
    extractMs: extracted - imported,
    updateMs,
    files: result.model.files.length,
    diagnostics: result.diagnostics.length,
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
