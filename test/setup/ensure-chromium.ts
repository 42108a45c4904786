/**
 * vitest global setup: the browser example's test drives Debian's Chromium. On a fresh Debian-like
 * machine where we are root, install it once (with progress on stderr) so `npm test` works there
 * as it is; anywhere else, leave it to the browser test to fail with instructions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) return;
  process.stderr.write(
    `${CHROMIUM} is missing: installing Debian's chromium for the browser test (once)...\n`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
      timeout: 600_000,
    });
    if (result.status !== 0) {
      process.stderr.write(
        `apt-get ${args.join(' ')} failed (status ${result.status}); the browser test will fail.\n`,
      );
      return;
    }
  }
}
