import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBuild, buildBrowserExample } from '../../../examples/browser/build.js';
import { type StaticServer, serveStatic } from '../../../examples/browser/static-server.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { InvocationContext } from '../../../runtime/contracts/index.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { askForecast, launchChromium, UI_TIMEOUT } from '../../helpers/chromium-page.js';
import type { Forecast } from '../../../schemas/generated/weather.js';

// No 'unsafe-eval' and no connect-src: `new Function` is refused, the WebSocket to the router is not.
const STRICT_CSP = "script-src 'self'";
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** A city whose forecast breaks the contract (tempC above its max of 60), to fail validation in the page. */
const BROKEN_CITY = 'Furnace';

/** One `securitypolicyviolation` the page saw, as the init script records it. */
interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
  readonly file: string;
  /** 1-based, as the event gives them. */
  readonly line: number;
  readonly column: number;
}

/** The example service, plus one city answered with a forecast the contract forbids. */
class BrokenForecastWeather extends WeatherImpl {
  override getForecast(city: string, days: number | undefined, context: InvocationContext): Forecast {
    if (city !== BROKEN_CITY) return super.getForecast(city, days, context);
    return { city, tempC: 99, sky: 'sun', issuedAt: new Date(0).toISOString() };
  }
}

const tempDirs: string[] = [];
let built: BrowserBuild;
let site: StaticServer | undefined;
let testRouter: TestRouter | undefined;
let service: Session | undefined;
let context: BrowserContext | undefined;
let page: Page;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** The violations recorded so far, after letting already queued violation events fire. */
async function violations(): Promise<Violation[]> {
  return page.evaluate(async () => {
    // Violation events are dispatched from a task; two turns of the event loop let pending ones land.
    await new Promise((done) => setTimeout(done, 0));
    await new Promise((done) => setTimeout(done, 0));
    return (window as unknown as { __cspViolations: Violation[] }).__cspViolations;
  });
}

/** The repository file each eval report came from, found through the bundle's source map. */
async function evalReportSources(): Promise<string[]> {
  const map = new SourceMap(
    JSON.parse(await readFile(join(built.outdir, 'main.js.map'), 'utf8')) as SourceMapPayload,
  );
  return (await violations())
    .filter((v) => v.blocked === 'eval')
    .map((v) => {
      // Only the bundle has a source map; a report from elsewhere is listed by its URL.
      if (!v.file.endsWith('/main.js')) return v.file;
      const entry = map.findEntry(v.line - 1, v.column - 1);
      const source = 'originalSource' in entry ? entry.originalSource : '(unmapped)';
      const file = relative(ROOT, resolve(built.outdir, source.replace(/^file:\/\//, '')));
      // node_modules may be a symlink into another checkout; name dependencies from node_modules/ on.
      const dependency = file.indexOf('node_modules/');
      return dependency > 0 ? file.slice(dependency) : file;
    })
    .sort();
}

beforeAll(async () => {
  built = await buildBrowserExample(await tempDir('wc-browser-csp-site-'));
  site = await serveStatic(built.outdir, 0, { headers: { 'content-security-policy': STRICT_CSP } });
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  // The service sends what it returns unchecked, so the page's own validation has to catch it.
  await new BrokenForecastWeather().register(service, { validateResults: false });
  context = await launchChromium(await tempDir('wc-browser-csp-profile-'));
  // Installed before navigation, so reports raised while the page's modules load are recorded too.
  await context.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        file: event.sourceFile,
        line: event.lineNumber,
        column: event.columnNumber,
      });
    });
  });
  page = await context.newPage();
  await page.goto(`${site.url}?url=${encodeURIComponent(testRouter.url)}&realm=realm1`);
  await page.locator('#status[data-state="connected"]').waitFor(UI_TIMEOUT);
}, 30_000);

afterAll(async () => {
  await context?.close();
  await Promise.allSettled([service?.leave()]);
  await testRouter?.close();
  await site?.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('browser example under a strict Content-Security-Policy', () => {
  it('serves the page with the strict policy header', async () => {
    const response = await fetch(site!.url);
    await response.body?.cancel();
    expect(response.headers.get('content-security-policy')).toBe(STRICT_CSP);
  });

  it('shows the forecast of a known city', async () => {
    await askForecast(page, 'Lima');
    await expect.poll(() => page.textContent('#result'), UI_TIMEOUT).toBe('Lima: 22 °C, sun');
    expect(await page.textContent('#error')).toBe('');
  });

  it('shows an unknown city as the typed UnknownCityError', async () => {
    await askForecast(page, 'Atlantis');
    await expect
      .poll(() => page.textContent('#error'), UI_TIMEOUT)
      .toBe('UnknownCityError (com.example.weather.unknown_city): {"city":"Atlantis"}');
    expect(await page.textContent('#result')).toBe('');
  });

  it('rejects a result that breaks the contract with the invalid-result error', async () => {
    await askForecast(page, BROKEN_CITY);
    await expect
      .poll(() => page.textContent('#error'), UI_TIMEOUT)
      .toContain('wamp_contracts.error.invalid_result');
    expect(await page.textContent('#error')).toMatch(
      /^WampError: wamp_contracts\.error\.invalid_result: result of com\.example\.weather\.getForecast: .+ at tempC$/,
    );
    expect(await page.textContent('#result')).toBe('');
  });

  it('reports nothing for the WebSocket to the router', async () => {
    await askForecast(page, 'Paris');
    await expect.poll(() => page.textContent('#result'), UI_TIMEOUT).toBe('Paris: 14 °C, cloud');
    expect((await violations()).filter((v) => v.directive !== 'script-src')).toEqual([]);
  });

  it('reports no refused code generation for validation: a browser build compiles no validator', async () => {
    // A decoded result means validation ran. The package's browser field maps the ahead-of-time
    // compiler away (runtime/contracts/compile-schema-browser.ts), so nothing asks whether code
    // generation is allowed; with the compiler a strict page got one report (zod's shared probe).
    await askForecast(page, 'Oslo');
    await expect.poll(() => page.textContent('#result'), UI_TIMEOUT).toBe('Oslo: 3 °C, rain');
    const sources = await evalReportSources();
    expect(sources.filter((file) => /(^|\/)(zod|runtime\/contracts)\//.test(file))).toEqual([]);
  });

  it('reports no refused code generation in all: the serializers generate no code either', async () => {
    // The runtime's own msgpack and CBOR decoders replaced cbor-x, which probed `new Function` on load.
    expect(await evalReportSources()).toEqual([]);
  });

  // Runs last: its own probe adds one report to the page's list.
  it('really refuses new Function on the page', async () => {
    const before = (await violations()).length;
    // Scheduled from the page's own task: code that page.evaluate runs directly is exempt from the CSP's eval check.
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((done) =>
          setTimeout(() => {
            try {
              new Function('return 1');
              done('allowed');
            } catch {
              done('blocked');
            }
          }, 0),
        ),
    );
    expect(outcome).toBe('blocked');
    expect((await violations()).length).toBe(before + 1);
  });
});
