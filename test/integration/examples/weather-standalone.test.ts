import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let testRouter: TestRouter;
const children: ChildProcess[] = [];

/** Starts a script (with its arguments) the way examples/README.md says to, against the test router. */
function start(...script: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--conditions=wamp-contracts-source', '--import', 'tsx', ...script, '--url', testRouter.url],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return { child, output: () => text };
}

/** Resolves with the exit code once `child` has exited. */
async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

beforeEach(async () => {
  testRouter = await startTestRouter();
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await testRouter.close();
});

describe('weather example as separate processes', () => {
  it('runs the client tour against the service script and exits 0', async () => {
    const service = start('examples/weather/run-service.ts');
    await expect.poll(service.output, { timeout: 15_000 }).toContain('weather service registered');
    const client = start('examples/weather/run-client.ts');
    expect(await exitCode(client.child)).toBe(0);
    expect(client.output()).toContain('event received on com.example.weather.alert: north level 3');
  }, 40_000);

  it('serves the tour when WeatherImpl runs under `wamp-contracts run`', async () => {
    const service = start('runtime/cli/dev-entry.ts', 'run', 'examples/weather/service.ts#WeatherImpl');
    await expect.poll(service.output, { timeout: 15_000 }).toContain('ready');
    const client = start('examples/weather/run-client.ts');
    expect(await exitCode(client.child)).toBe(0);
    expect(client.output()).toContain('event received on com.example.weather.alert: north level 3');
  }, 40_000);

  it('stops the service script with exit code 0 on SIGINT', async () => {
    const service = start('examples/weather/run-service.ts');
    await expect.poll(service.output, { timeout: 15_000 }).toContain('weather service registered');
    service.child.kill('SIGINT');
    expect(await exitCode(service.child)).toBe(0);
  }, 40_000);
});
