// `npm pack`/`npm publish` of the runtime package: the guides, the README and the weather example
// live at the top of the repository (they cover both packages), so they are copied into this
// package before packing (`add`, the prepack script) and removed again after (`remove`, postpack).
// Only what `add` created is removed, as recorded in `.pack-extras.json`.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(pkg, '..');
const record = join(pkg, '.pack-extras.json');
const EXTRAS = [
  'README.md',
  'docs',
  'examples/README.md',
  'examples/python-peer/README.md',
  'examples/weather',
];

function add() {
  const created = [];
  for (const path of EXTRAS) {
    const from = join(repo, path);
    const to = join(pkg, path);
    if (!existsSync(from))
      throw new Error(`pack-extras: ${from} is missing: pack from a checkout of the repository`);
    if (existsSync(to)) continue;
    cpSync(from, to, { recursive: true, filter: (source) => !source.includes('node_modules') });
    created.push(path);
  }
  writeFileSync(record, `${JSON.stringify(created)}\n`);
}

function remove() {
  if (!existsSync(record)) return;
  for (const path of JSON.parse(readFileSync(record, 'utf8')))
    rmSync(join(pkg, path), { recursive: true, force: true });
  rmSync(join(pkg, 'examples'), { recursive: true, force: true });
  rmSync(record);
}

const action = process.argv[2];
if (action === 'add') add();
else if (action === 'remove') remove();
else {
  console.error('usage: node scripts/pack-extras.mjs add|remove');
  process.exitCode = 1;
}
