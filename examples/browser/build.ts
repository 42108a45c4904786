/**
 * Bundles the browser example with esbuild: `main.ts` and everything it imports into one ES module
 * next to a copy of `index.html`. Run directly, it builds into `examples/browser/dist/`.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeOnlyGuard } from './node-only-guard.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** What {@link buildBrowserExample} produced. */
export interface BrowserBuild {
  /** The directory holding `index.html` and `main.js`. */
  readonly outdir: string;
  /** Every source file that went into `main.js`, relative to the repository root. */
  readonly inputs: readonly string[];
  /** Size of `main.js` in bytes. */
  readonly bytes: number;
}

/** Builds `main.js` and copies `index.html` into `outdir`; rejects when Node-only code would be bundled. */
export async function buildBrowserExample(outdir: string): Promise<BrowserBuild> {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(HERE, 'main.ts')],
    outfile: join(outdir, 'main.js'),
    absWorkingDir: join(HERE, '..', '..'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // The TypeScript sources of `wamp-contracts`, as in the repository's own tooling.
    conditions: ['source'],
    // Generated error classes take their `name` from the class: keep it through the bundle.
    keepNames: true,
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [nodeOnlyGuard()],
  });
  await copyFile(join(HERE, 'index.html'), join(outdir, 'index.html'));
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('main.js'));
  return {
    outdir,
    inputs: Object.keys(result.metafile.inputs),
    bytes: output?.[1].bytes ?? 0,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildBrowserExample(join(HERE, 'dist'));
  console.log(`built ${built.outdir}/main.js (${built.bytes} bytes from ${built.inputs.length} files)`);
}
