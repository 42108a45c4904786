/**
 * What the browser example's bundle contains, checked structurally from esbuild's metafile (no
 * byte threshold, no timing): a page that uses one generated contract over JSON loads no zod locale
 * and no msgpack or CBOR code. Sizes are recorded by `npm run bench -- bundle` instead.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBuild, buildBrowserExample } from '../../../examples/browser/build.js';

/** Source files of the msgpack and CBOR serializers (ours and any library's). */
const BINARY_SERIALIZER =
  /(^|\/)(runtime\/serializers\/(msgpack|cbor)[^/]*\.ts|node_modules\/(@msgpack|msgpackr|cbor-x)\/)/;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tempDirs: string[] = [];
let built: BrowserBuild;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  built = await buildBrowserExample(await tempDir('wc-browser-bundle-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('browser example bundle: what a JSON page loads', () => {
  it('builds main.js with the generated client, the session and the JSON serializer in it', () => {
    expect(built.initialInputs).toContain('schemas/generated/weather.ts');
    expect(built.initialInputs).toContain('runtime/session/session.ts');
    expect(built.initialInputs).toContain('runtime/serializers/json.ts');
  });

  it('loads no msgpack or CBOR module with the page', () => {
    expect(built.initialInputs.filter((input) => BINARY_SERIALIZER.test(input))).toEqual([]);
  });

  it('keeps msgpack and CBOR as chunks that connect() imports only when a page selects them', () => {
    const lazy = built.inputs.filter((input) => !built.initialInputs.includes(input));
    expect(lazy).toEqual(
      expect.arrayContaining(['runtime/serializers/msgpack.ts', 'runtime/serializers/cbor.ts']),
    );
  });
});

describe('browser bundle check: it sees what it looks for', () => {
  it('finds CBOR in the initial files of a page that passes cborSerializer to connect()', async () => {
    const dir = await tempDir('wc-browser-bundle-cbor-');
    const entry = join(dir, 'main.ts');
    await writeFile(
      entry,
      [
        `import { connect } from ${JSON.stringify(join(ROOT, 'runtime/index.ts'))};`,
        `import { cborSerializer } from ${JSON.stringify(join(ROOT, 'runtime/serializers/index.ts'))};`,
        "await connect({ url: 'ws://127.0.0.1:1/ws', realm: 'realm1', serializer: cborSerializer });",
      ].join('\n'),
    );
    const cbor = await buildBrowserExample(join(dir, 'out'), entry);
    expect(cbor.initialInputs.filter((input) => BINARY_SERIALIZER.test(input))).toContain(
      'runtime/serializers/cbor.ts',
    );
  });
});
