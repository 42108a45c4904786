/**
 * What the browser example's bundle contains, checked structurally from esbuild's metafile (no
 * byte threshold, no timing): a page that uses one generated contract over JSON loads no zod locale
 * but English and no msgpack or CBOR code. Sizes are recorded by `npm run bench -- bundle` instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBuild, buildBrowserExample } from '../../../examples/browser/build.js';

/** Source files of the msgpack and CBOR serializers (ours and any library's). */
const BINARY_SERIALIZER =
  /(^|\/)(runtime\/serializers\/(msgpack|cbor)[^/]*\.ts|node_modules\/(@msgpack|msgpackr|cbor-x)\/)/;

/** zod's translated error messages, every language but the English one the validators set. */
const ZOD_LOCALE = /(^|\/)node_modules\/zod\/(.*\/)?locales\/(?!en\.js$)[^/]+$/;
/** zod's classic (method-chain) API, which the generated `zod/mini` validators do not need. */
const ZOD_CLASSIC = /(^|\/)node_modules\/zod\/(.*\/)?classic\//;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tempDirs: string[] = [];
let built: BrowserBuild;

/** The initial files' inputs that put at least one byte into the output. */
function used(build: BrowserBuild): string[] {
  return build.initialOutputs.flatMap((output) =>
    Object.entries(build.metafile.outputs[output]?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
}

/** The code of the files a page loads at start, concatenated. */
async function initialCode(build: BrowserBuild): Promise<string> {
  const texts = await Promise.all(build.initialOutputs.map((output) => readFile(join(ROOT, output), 'utf8')));
  return texts.join('\n');
}

/** A message only `createUriTemplate` has: its code is in a bundle exactly when this text is. */
const URI_TEMPLATE_CODE = 'does not name each of its';

/** A repository source file as a module specifier for a page script. */
function source(path: string): string {
  return JSON.stringify(join(ROOT, path));
}

/** Bundles a page script made of `lines`, as the example is bundled. */
async function buildPage(name: string, lines: readonly string[]): Promise<BrowserBuild> {
  const dir = await tempDir(`wc-browser-bundle-${name}-`);
  const entry = join(dir, 'main.ts');
  await writeFile(entry, `${lines.join('\n')}\n`);
  return buildBrowserExample(join(dir, 'out'), entry);
}

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

  it('contains no zod locale besides English', () => {
    // Bytes in the output, not mere inputs: an input whose exports are all unused adds nothing.
    const locales = used(built).filter((input) => ZOD_LOCALE.test(input));
    expect(locales).toEqual([]);
    expect(used(built)).toEqual(expect.arrayContaining([expect.stringMatching(/zod\/v4\/locales\/en\.js$/)]));
  });

  it('contains none of classic zod, only the zod/mini functions the contract uses', () => {
    expect(used(built).filter((input) => ZOD_CLASSIC.test(input))).toEqual([]);
    expect(used(built)).toEqual(
      expect.arrayContaining([expect.stringMatching(/zod\/v4\/mini\/schemas\.js$/)]),
    );
  });

  it("leaves out zod's ahead-of-time compiler (the package's browser field maps it away)", () => {
    expect(used(built).filter((input) => /zod\/v4\/core\/compile\.js$/.test(input))).toEqual([]);
    expect(built.initialInputs).toContain('runtime/contracts/compile-schema-browser.ts');
    expect(built.initialInputs).not.toContain('runtime/contracts/compile-schema.ts');
  });

  it('keeps the live-contract code (comparison rules, JSON Schema export) out of the page', () => {
    // The generated client imports it with import() on checkContract(); a static re-export from
    // wamp-contracts/runtime/contracts would put it in a chunk the page loads at start.
    // contracts/live/contract-check.ts stays: it holds ContractSkewError, which calls can throw.
    const live =
      /^runtime\/(contract-model\/(compat\/|json-schema)|contracts\/live\/(?!contract-check\.ts$))/;
    expect(built.initialInputs.filter((input) => live.test(input))).toEqual([]);
    expect(built.inputs).toEqual(
      expect.arrayContaining([
        'runtime/contracts/live/check-contract.ts',
        'runtime/contract-model/compat/compare-contracts.ts',
      ]),
    );
  });

  it('keeps the callee role out of a page that never registers (a chunk loaded by register())', () => {
    expect(built.initialInputs).not.toContain('runtime/session/callee.ts');
    expect(built.initialInputs).not.toContain('runtime/session/invocation.ts');
    expect(built.initialInputs).toContain('runtime/session/load-callee-browser.ts');
    expect(built.inputs).toContain('runtime/session/callee.ts');
  });

  it('keeps the WAMP-CRA and cryptosign computations out of a page that joins anonymously', () => {
    const auth = /^runtime\/(auth\/(wampcra|cryptosign|hex)\.ts|session\/cryptosign-answer\.ts)$/;
    expect(built.initialInputs.filter((input) => auth.test(input))).toEqual([]);
    expect(built.inputs).toEqual(
      expect.arrayContaining(['runtime/auth/wampcra.ts', 'runtime/session/cryptosign-answer.ts']),
    );
  });

  it('leaves out the URI-template code when no contract of the page has a template', async () => {
    expect(await initialCode(built)).not.toContain(URI_TEMPLATE_CODE);
  });

  it('keeps msgpack and CBOR as chunks that connect() imports only when a page selects them', () => {
    const lazy = built.inputs.filter((input) => !built.initialInputs.includes(input));
    expect(lazy).toEqual(
      expect.arrayContaining(['runtime/serializers/msgpack.ts', 'runtime/serializers/cbor.ts']),
    );
  });
});

describe('browser bundle check: it sees what it looks for', () => {
  it('finds zod locales in a page that imports z from zod (the namespace holds every locale)', async () => {
    const classic = await buildPage('zod', [
      `import { z } from ${source('runtime/contracts/index.ts')};`,
      "console.log(z.string().min(1).parse('x'));",
    ]);
    expect(used(classic).filter((input) => ZOD_LOCALE.test(input)).length).toBeGreaterThan(10);
  });

  it('finds CBOR in the initial files of a page that passes cborSerializer to connect()', async () => {
    const cbor = await buildPage('cbor', [
      `import { connect } from ${source('runtime/index.ts')};`,
      `import { cborSerializer } from ${source('runtime/serializers/index.ts')};`,
      "await connect({ url: 'ws://127.0.0.1:1/ws', realm: 'realm1', serializer: cborSerializer });",
    ]);
    expect(cbor.initialInputs.filter((input) => BINARY_SERIALIZER.test(input))).toContain(
      'runtime/serializers/cbor.ts',
    );
  });

  it('has the URI-template code in a page whose contract has templates (the chat rooms)', async () => {
    const chat = await buildPage('template', [
      `import { connect } from ${source('runtime/index.ts')};`,
      `import { ChatRoomsClient } from ${source('schemas/generated/chat.ts')};`,
      "const session = await connect({ url: 'ws://127.0.0.1:1/ws', realm: 'realm1' });",
      'console.log(new ChatRoomsClient(session).rpc);',
    ]);
    expect(await initialCode(chat)).toContain(URI_TEMPLATE_CODE);
  });
});
