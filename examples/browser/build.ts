/**
 * Bundles the browser example with esbuild: `main.ts` and everything it imports statically into
 * `main.js`, next to a copy of `index.html`. Code splitting is on, so what the runtime loads with
 * dynamic `import()` (the msgpack and CBOR serializers, when a page selects one) goes into chunks
 * of its own that the page fetches only when it uses them. Run directly, it builds into
 * `examples/browser/dist/`.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
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
  /** The output files the page loads before `main.ts` runs: `main.js` and the chunks it imports statically. */
  readonly initialOutputs: readonly string[];
  /** Every source file in {@link initialOutputs}: what a page that never selects msgpack or CBOR runs. */
  readonly initialInputs: readonly string[];
  /** esbuild's metafile, for size reports (`bench/bundle/`). */
  readonly metafile: Metafile;
}

/** The outputs reachable from `entry` through static imports (dynamic `import()` chunks excluded). */
export function staticOutputs(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (output: string): void => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return [...seen];
}

/**
 * Builds `main.js` and copies `index.html` into `outdir`; rejects when Node-only code would be
 * bundled. `entry` replaces `main.ts` (tests bundle other page scripts the same way).
 */
export async function buildBrowserExample(
  outdir: string,
  entry = join(HERE, 'main.ts'),
): Promise<BrowserBuild> {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { main: entry },
    outdir,
    splitting: true,
    absWorkingDir: join(HERE, '..', '..'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // The TypeScript sources of `wamp-contracts`, as in the repository's own tooling.
    conditions: ['wamp-contracts-source'],
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [nodeOnlyGuard()],
  });
  await copyFile(join(HERE, 'index.html'), join(outdir, 'index.html'));
  const { metafile } = result;
  const main = Object.keys(metafile.outputs).find((path) => path.endsWith('/main.js'));
  if (main === undefined) throw new Error('esbuild wrote no main.js');
  const initialOutputs = staticOutputs(metafile, main);
  const initialInputs = new Set(
    initialOutputs.flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {})),
  );
  return {
    outdir,
    inputs: Object.keys(metafile.inputs),
    bytes: metafile.outputs[main]?.bytes ?? 0,
    initialOutputs,
    initialInputs: [...initialInputs],
    metafile,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildBrowserExample(join(HERE, 'dist'));
  console.log(`built ${built.outdir}/main.js (${built.bytes} bytes from ${built.inputs.length} files)`);
}
