/**
 * The main entry must run in a browser: bundling it for the browser, nothing it loads statically
 * may be a Node built-in or `ws` (those only sit behind dynamic `import()` for Node URLs).
 */
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../../runtime/index.ts', import.meta.url));

/** External modules reachable from `output` through static imports only. */
function staticExternals(
  metafile: Metafile,
  output: string,
  found: Set<string>,
  seen = new Set<string>(),
): void {
  seen.add(output);
  for (const imp of metafile.outputs[output]?.imports ?? []) {
    if (imp.kind === 'dynamic-import') continue;
    if (imp.external === true) found.add(imp.path);
    else if (!seen.has(imp.path)) staticExternals(metafile, imp.path, found, seen);
  }
}

describe('browser bundle of the main entry', () => {
  it('statically imports no Node built-in and not ws', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      outdir: '/virtual-out',
      metafile: true,
      external: [
        'node:*',
        'ws',
        'net',
        'tls',
        'fs',
        'crypto',
        'events',
        'stream',
        'http',
        'https',
        'url',
        'zlib',
      ],
      logLevel: 'silent',
      conditions: ['wamp-contracts-source'],
    });
    const main = Object.keys(result.metafile.outputs).find((o) => result.metafile.outputs[o]?.entryPoint);
    const found = new Set<string>();
    staticExternals(result.metafile, main as string, found);
    expect([...found]).toEqual([]);
  });
});
