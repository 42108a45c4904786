/** What the browser example tests share: Debian's chromium, launched headless, and the page's form. */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package: installed by `.ci/run` and by `test/setup/ensure-chromium.ts` when root. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and without the background networking this machine's closed network refuses. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long the page may take to show something. */
export const UI_TIMEOUT = { timeout: 10_000 };

/** Launches chromium with its profile in `profileDir`; a missing binary is a failure, not a skip. */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Types `city` into the example's input and clicks its button, as a user would. */
export async function askForecast(page: Page, city: string): Promise<void> {
  await page.fill('#city', city);
  await page.getByRole('button', { name: 'Get forecast' }).click();
}
