/**
 * Rewrites the golden files: `node --conditions=wamp-contracts-source --import tsx test/golden/update.ts`.
 * Each case directory is replaced entirely, so files the generator no longer writes disappear.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_CASES, goldenFiles, ROOT } from './golden-cases.js';

for (const c of GOLDEN_CASES) {
  const dir = join(ROOT, 'test/golden', c.name);
  rmSync(dir, { recursive: true, force: true });
  const files = goldenFiles(c);
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  process.stdout.write(`test/golden/${c.name}: ${files.length} files\n`);
}
