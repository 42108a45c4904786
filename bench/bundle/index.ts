/**
 * Browser bundle size: the browser example (one generated contract, the weather one, over JSON)
 * built as `examples/browser/build.ts` builds it (esbuild, minified, ES module, code splitting),
 * measured as what a page loads before its script runs: `main.js` and the chunks it imports
 * statically. Prints the minified and gzip bytes in all and per part (zod, session, serializers,
 * contracts, generated code, the page itself), and the lazy chunks (msgpack, CBOR) apart.
 *
 * A part's gzip figure is that part's bytes of the output compressed alone (found through the
 * source map), so the parts add up to a little more than the whole.
 *
 * Run: `npm run bench -- bundle`. The structural check (no locale, no unselected serializer) is
 * `test/integration/examples/browser-bundle.test.ts`; this suite only records sizes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBrowserExample } from '../../examples/browser/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The parts of the table, by source path (relative to the repository, or under node_modules). */
const PARTS: readonly (readonly [string, RegExp])[] = [
  ['zod', /(^|\/)node_modules\/zod\//],
  ['serializers', /^runtime\/serializers\//],
  ['contracts', /^runtime\/contracts\//],
  // The session and what only it uses: protocol, transport, auth, the package entry.
  ['session', /^runtime\/(session|protocol|transport|auth|index\.ts)/],
  ['generated', /^schemas\/generated\//],
  ['page', /^examples\/browser\//],
];

/** The part a source file belongs to. */
function partOf(source: string): string {
  const found = PARTS.find(([, pattern]) => pattern.test(source));
  return found === undefined ? 'other' : found[0];
}

/** Per part, the output characters its sources produced, from the output's source map. */
function splitByPart(code: string, map: SourceMap, outdir: string): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  const lines = code.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line] as string;
    let start = 0;
    let part = 'other';
    const flush = (end: number): void => {
      if (end <= start) return;
      let list = parts.get(part);
      if (list === undefined) parts.set(part, (list = []));
      list.push(text.slice(start, end));
      start = end;
    };
    // Walk the mappings of this line: each segment belongs to the part of its source.
    for (let column = 0; column < text.length; column++) {
      const entry = map.findEntry(line, column);
      if (!('originalSource' in entry) || entry.generatedColumn !== column || entry.generatedLine !== line)
        continue;
      const source = resolve(outdir, entry.originalSource.replace(/^file:\/\//, ''));
      const relative = source.startsWith(ROOT) ? source.slice(ROOT.length) : source;
      const next = partOf(relative);
      if (next !== part) {
        flush(column);
        part = next;
      }
    }
    flush(text.length);
  }
  return parts;
}

/** Bytes of `text` gzipped at the default level. */
function gzipBytes(text: string): number {
  return gzipSync(Buffer.from(text)).length;
}

/** Builds the example into a temporary directory and prints the table. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wc-bench-bundle-'));
  try {
    const built = await buildBrowserExample(dir);
    const outputPath = (output: string): string => resolve(ROOT, output);
    let minified = 0;
    let gzipped = 0;
    const byPart = new Map<string, { min: number; text: string[] }>();
    for (const output of built.initialOutputs) {
      const code = await readFile(outputPath(output), 'utf8');
      const map = new SourceMap(
        JSON.parse(await readFile(`${outputPath(output)}.map`, 'utf8')) as SourceMapPayload,
      );
      minified += Buffer.byteLength(code);
      gzipped += gzipBytes(code);
      for (const [part, texts] of splitByPart(code, map, dir)) {
        let entry = byPart.get(part);
        if (entry === undefined) byPart.set(part, (entry = { min: 0, text: [] }));
        for (const t of texts) entry.min += Buffer.byteLength(t);
        entry.text.push(...texts);
      }
    }
    console.log('\nbrowser bundle of examples/browser (weather contract, JSON), loaded at page start');
    console.log(`files: ${built.initialOutputs.map((o) => o.slice(o.lastIndexOf('/') + 1)).join(', ')}`);
    console.log('| part | minified bytes | gzip bytes (part alone) |');
    console.log('| --- | ---: | ---: |');
    for (const [part] of [...PARTS, ['other']]) {
      const entry = byPart.get(part as string);
      if (entry === undefined) continue;
      console.log(`| ${part} | ${entry.min} | ${gzipBytes(entry.text.join(''))} |`);
    }
    console.log(`| **total** | **${minified}** | **${gzipped}** |`);
    const lazy = Object.entries(built.metafile.outputs).filter(
      ([output, meta]) => output.endsWith('.js') && meta.bytes > 0 && !built.initialOutputs.includes(output),
    );
    for (const [output, meta] of lazy) {
      const code = await readFile(outputPath(output));
      const sources = Object.keys(meta.inputs).join(', ');
      console.log(
        `lazy chunk ${output.slice(output.lastIndexOf('/') + 1)}: ${meta.bytes} min, ${gzipSync(code).length} gzip (${sources})`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
