import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Preloaded to make every `listen()` fail, as when the router cannot bind its port. */
const FAILING_LISTEN = `data:text/javascript,import net from 'node:net';
net.Server.prototype.listen = function () {
  process.nextTick(() => this.emit('error', Object.assign(new Error('listen EACCES: injected'), { code: 'EACCES' })));
  return this;
};`;

/** Runs `examples/demo.ts` as `npm run demo` does after generating; `onOutput` may signal it. */
function runDemo(
  preload: readonly string[] = [],
  onOutput: (stdout: string, child: ChildProcess) => void = () => {},
): Promise<DemoRun> {
  const imports = preload.flatMap((module) => ['--import', module]);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=wamp-contracts-source', '--import', 'tsx', ...imports, 'examples/demo.ts'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onOutput(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // A demo that hangs must not outlive the test either.
    const timer = setTimeout(() => child.kill('SIGKILL'), 35_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let run: DemoRun;

beforeAll(async () => {
  run = await runDemo();
}, 40_000);

describe('npm run demo', () => {
  it('exits 0 on its own, with nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('narrates the router starting on an ephemeral port', () => {
    expect(run.stdout).toMatch(/listening on ws:\/\/127\.0\.0\.1:\d+\/ws/);
  });

  it('narrates typed calls with their results', () => {
    expect(run.stdout).toContain("getForecast('Paris') -> 14 °C, cloud");
    expect(run.stdout).toContain("getForecast('Oslo', 3) -> 4 °C, rain");
  });

  it('narrates each progressive reading before the final summary', () => {
    const readings = run.stdout.match(/reading \(\+\d+ ms\): harbor/g) ?? [];
    expect(readings.length).toBe(5);
    expect(run.stdout.indexOf('summary: 5 readings')).toBeGreaterThan(run.stdout.lastIndexOf('reading ('));
  });

  it('narrates the typed error caught by class', () => {
    expect(run.stdout).toContain('instanceof UnknownCityError, uri com.example.weather.unknown_city');
  });

  it('narrates the invalid call rejected by the callee with its issues', () => {
    expect(run.stdout).toContain('rejected with wamp.error.invalid_argument');
    expect(run.stdout).toMatch(/- argument 0: .*expected string/);
    expect(run.stdout).toMatch(/- argument 1: .*<=14/);
  });

  it('narrates the published alert being received', () => {
    expect(run.stdout).toContain('event received on com.example.weather.alert: north level 3');
  });

  it('ends by saying everything was shut down', () => {
    expect(run.stdout).toMatch(/demo complete in [\d.]+ s: sessions left, router closed\./);
  });
});

describe('npm run demo when a step fails', () => {
  it('exits 1 and names the failed step on stderr', async () => {
    const failed = await runDemo([FAILING_LISTEN]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("demo failed during 'router': listen EACCES: injected");
  }, 40_000);
});

describe('npm run demo when interrupted', () => {
  it('leaves cleanly on SIGTERM mid-run, names the step and exits 143', async () => {
    let signaled = false;
    const interrupted = await runDemo([], (stdout, child) => {
      if (!signaled && stdout.includes('reading (')) {
        signaled = true;
        child.kill('SIGTERM');
      }
    });
    expect(interrupted.code).toBe(143);
    expect(interrupted.stderr).toContain("demo failed during 'progressive call': interrupted by SIGTERM");
    // The sessions closing under the running steps must not be reported as further failures.
    expect(interrupted.stderr.match(/demo failed/g)).toHaveLength(1);
  }, 40_000);
});
