/**
 * A watch rebuild as `gen --watch` does it, in a fresh process: one `createGenerator(...).generate()`,
 * then `update([file])` (extract + emit) after one leaf file changes, writing the files whose text changed.
 * Usage: node watch.mjs <root> <fileCount> <updates>. Prints `{ generateMs, rebuildMs[], written[] }`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { syntheticSchema } from './synthetic-contracts.js';

const [root = '.', countText = '0', updatesText = '0'] = process.argv.slice(2);
const count = Number(countText);
const { createGenerator } = await import('../../codegen/generate.js');
const files = ['schemas/common.ts', ...Array.from({ length: count }, (_, i) => `schemas/service-${i}.ts`)];
const generator = createGenerator({ root, files, generatorVersion: 'bench' });
const outDir = path.join(root, 'watch-out');
const previous = new Map<string, string>();

// Writes the generated files whose text differs from the last run (what the CLI's output plan does).
function write(result: { files: readonly { path: string; text: string }[] }): number {
  let written = 0;
  for (const file of result.files) {
    if (previous.get(file.path) === file.text) continue;
    const target = path.join(outDir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    previous.set(file.path, file.text);
    written++;
  }
  return written;
}

const before = performance.now();
const first = generator.generate();
if (first.files.length === 0)
  throw new Error(`generate produced no files (${first.diagnostics.length} diagnostics)`);
write(first);
const generateMs = performance.now() - before;
const rebuildMs: number[] = [];
const written: number[] = [];
// The last file ends an import chain: nothing imports it, so one module changes.
const leaf = count - 1;
for (let revision = 1; revision <= Number(updatesText); revision++) {
  writeFileSync(path.join(root, `schemas/service-${leaf}.ts`), syntheticSchema(leaf, revision));
  const start = performance.now();
  written.push(write(generator.update([`schemas/service-${leaf}.ts`])));
  rebuildMs.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ generateMs, rebuildMs, written })}\n`);
