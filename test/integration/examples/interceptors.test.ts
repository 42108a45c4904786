/**
 * The interceptor examples (examples/interceptors/) over the embedded router: the trace context
 * travels as a custom CALL option into the method, timings are recorded per procedure on both
 * sides, and run.ts works as a process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInterceptorsTour, type TourOutcome } from '../../../examples/interceptors/tour.js';
import {
  readTrace,
  TRACE_OPTION,
  TracedWeather,
  UNTRACED_URI,
} from '../../../examples/interceptors/trace-context.js';
import type { Session } from '../../../runtime/index.js';
import { isWampError } from '../../../runtime/index.js';
import { MessageType } from '../../../runtime/protocol/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const URI = 'com.example.weather.getForecast';

let testRouter: TestRouter;
let service: Session;
let client: Session;
/** CALL.Options of each CALL the client sent. */
const callOptions: Record<string, unknown>[] = [];
let tour: TourOutcome;

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect({
    onMessage: (direction, message) => {
      if (direction === 'out' && message[0] === MessageType.CALL)
        callOptions.push(message[2] as Record<string, unknown>);
    },
  });
  tour = await runInterceptorsTour(service, client);
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('interceptors example: trace context', () => {
  it('sends a traceparent as the custom CALL option _traceparent on every call', () => {
    expect(callOptions).toHaveLength(3);
    for (const options of callOptions) {
      expect(options[TRACE_OPTION]).toMatch(new RegExp(`^00-${tour.traceId}-[0-9a-f]{16}-01$`));
    }
  });

  it('hands each forecast method the traceparent its call carried', () => {
    expect(tour.served).toEqual(callOptions.map((options) => options[TRACE_OPTION]));
  });

  it('refuses a call without a trace context when the callee requires one, before the method runs', async () => {
    const impl = new TracedWeather();
    await impl.register(service, { prefix: 'com.example.strict', interceptors: [readTrace(true)] });
    try {
      const error = await client.call('com.example.strict.getForecast', ['Paris']).catch((e: unknown) => e);
      expect(isWampError(error) && error.uri).toBe(UNTRACED_URI);
      expect(impl.traces).toEqual([]);
    } finally {
      await impl.unregister();
    }
  });
});

describe('interceptors example: timings', () => {
  it('counts every call per procedure on the client, failures included', () => {
    const timing = tour.clientTimings.snapshot()[URI];
    expect(timing).toMatchObject({ count: 3, errors: 1 });
    expect(timing?.maxMs).toBeGreaterThanOrEqual(0);
    expect(timing?.totalMs).toBeGreaterThanOrEqual(timing?.maxMs ?? Number.NaN);
  });

  it('counts every invocation per procedure on the service, the refused city as failed', () => {
    expect(tour.serviceTimings.snapshot()).toMatchObject({ [URI]: { count: 3, errors: 1 } });
    expect(tour.lines.filter((line) => line.includes('timings'))).toHaveLength(2);
  });
});

describe('interceptors example: run.ts', () => {
  it('prints the tour and exits 0', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--conditions=wamp-contracts-source', '--import', 'tsx', 'examples/interceptors/run.ts'],
          {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
        });
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[service] served a forecast in trace 4bf92f3577b34da6a3ce929d0e0e4736');
    expect(run.stdout).toContain(`[client timings]  ${URI}: 3 calls, 1 failed`);
  }, 30_000);
});
