import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBuild, buildBrowserExample } from '../../../examples/browser/build.js';
import { nodeOnlyGuard } from '../../../examples/browser/node-only-guard.js';
import { type StaticServer, serveStatic } from '../../../examples/browser/static-server.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { askForecast, launchChromium, UI_TIMEOUT } from '../../helpers/chromium-page.js';
import { WeatherClient } from '../../../schemas/generated/weather.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const tempDirs: string[] = [];
let built: BrowserBuild;
let site: StaticServer | undefined;
let testRouter: TestRouter | undefined;
let service: Session | undefined;
let caller: Session | undefined;
let context: BrowserContext | undefined;
let page: Page;
/** Every script URL the first page fetched, to tell which chunks a JSON page loads. */
const scripts: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  built = await buildBrowserExample(await tempDir('wc-browser-site-'));
}, 30_000);

afterAll(async () => {
  await context?.close();
  await Promise.allSettled([caller?.leave(), service?.leave()]);
  await testRouter?.close();
  await site?.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Bundles `source` for the browser with the example's guard plugin. */
async function bundleGuarded(source: string): Promise<unknown> {
  const dir = await tempDir('wc-browser-guard-');
  await writeFile(join(dir, 'entry.ts'), source);
  return build({
    entryPoints: [join(dir, 'entry.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [nodeOnlyGuard()],
  });
}

describe('browser example: bundle', () => {
  it('bundles the browser WebSocket transport and neither ws nor any Node builtin', () => {
    expect(built.inputs).toContain('runtime/transport/ws-browser.ts');
    expect(built.inputs).not.toContain('runtime/transport/ws-node.ts');
    expect(built.inputs).not.toContain('runtime/transport/rawsocket-node.ts');
    expect(built.inputs.filter((input) => /(^|\/)node_modules\/ws\/|^node:/.test(input))).toEqual([]);
  });

  it('fails the build when page code imports a Node builtin', async () => {
    await expect(
      bundleGuarded("import { readFileSync } from 'node:fs';\nreadFileSync('x');\n"),
    ).rejects.toThrow(/Node-only module "node:fs"/);
  });

  it('fails the build when page code imports the ws package', async () => {
    await expect(bundleGuarded("import WebSocket from 'ws';\nnew WebSocket('ws://x');\n")).rejects.toThrow(
      /Node-only module "ws"/,
    );
  });
});

describe('browser example: page in headless chromium', () => {
  beforeAll(async () => {
    site = await serveStatic(built.outdir);
    testRouter = await startTestRouter();
    service = await testRouter.connect();
    await new WeatherImpl().register(service);
    caller = await testRouter.connect();
    context = await launchChromium(await tempDir('wc-browser-profile-'));
    page = await context.newPage();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${site.url}?url=${encodeURIComponent(testRouter.url)}&realm=realm1`);
    await page.locator('#status[data-state="connected"]').waitFor(UI_TIMEOUT);
  }, 30_000);

  it('shows the forecast of the typed city after a click on Get forecast', async () => {
    await askForecast(page, 'Lima');
    await expect.poll(() => page.textContent('#result'), UI_TIMEOUT).toBe('Lima: 22 °C, sun');
    expect(await page.textContent('#error')).toBe('');
  });

  it('shows an unknown city as the typed UnknownCityError with its payload', async () => {
    await askForecast(page, 'Atlantis');
    await expect
      .poll(() => page.textContent('#error'), UI_TIMEOUT)
      .toBe('UnknownCityError (com.example.weather.unknown_city): {"city":"Atlantis"}');
    expect(await page.textContent('#result')).toBe('');
  });

  it('loads only main.js and its static chunks, no serializer chunk, for a JSON page', () => {
    const initial = built.initialOutputs.map((output) => `/${basename(output)}`).sort();
    expect([...new Set(scripts)].sort()).toEqual(initial);
    expect(scripts.filter((path) => /msgpack|cbor/.test(path))).toEqual([]);
  });

  it('loads the msgpack chunk when the page selects msgpack, and calls over it', async () => {
    const msgpackPage = await context!.newPage();
    try {
      const fetched: string[] = [];
      msgpackPage.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await msgpackPage.goto(
        `${site!.url}?url=${encodeURIComponent(testRouter!.url)}&realm=realm1&serializer=msgpack`,
      );
      await msgpackPage.locator('#status[data-state="connected"]').waitFor(UI_TIMEOUT);
      expect(await msgpackPage.textContent('#status')).toContain('msgpack');
      expect(fetched.filter((path) => /^\/msgpack-[^/]+\.js$/.test(path))).toHaveLength(1);
      expect(fetched.filter((path) => /cbor/.test(path))).toEqual([]);
      await askForecast(msgpackPage, 'Paris');
      await expect.poll(() => msgpackPage.textContent('#result'), UI_TIMEOUT).toBe('Paris: 14 °C, cloud');
    } finally {
      await msgpackPage.close();
    }
  });

  it('lists an alert event the service publishes', async () => {
    await new WeatherClient(caller!).rpc.setAlertLevel({ region: 'north', level: 3 });
    await expect
      .poll(() => page.locator('#alerts li').allTextContents(), UI_TIMEOUT)
      .toEqual(['north: level 3: take action']);
  });
});
