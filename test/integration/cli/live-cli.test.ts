/**
 * `inspect`, `call`, `subscribe` and `publish` against the embedded router on 127.0.0.1, with the
 * weather callee serving its contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCall } from '../../../codegen/cli/commands/call.js';
import { runInspect } from '../../../codegen/cli/commands/inspect.js';
import { runPublish } from '../../../codegen/cli/commands/publish.js';
import { runSubscribe } from '../../../codegen/cli/commands/subscribe.js';
import type { LiveIo } from '../../../codegen/cli/live/live-command.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { until } from '../../helpers/timing.js';

let testRouter: TestRouter;
let service: Session;
let url: string;

function io(stop?: AbortSignal): LiveIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: {},
    ...(stop === undefined ? {} : { stop }),
  };
}

beforeAll(async () => {
  testRouter = await startTestRouter();
  url = testRouter.url;
  service = await testRouter.connect();
  await new WeatherImpl({ readingsPerWatch: 3, readingIntervalMs: 1 }).register(service, {
    serveContract: true,
  });
  await service.register('com.plain.echo', (args) => args[0]);
});

afterAll(async () => {
  await service.leave();
  await testRouter.close();
});

describe('inspect', () => {
  it('lists each serving service with its fingerprint, procedures and topics, then the others', async () => {
    const out = io();
    expect(await runInspect([url, '--realm', 'realm1'], out)).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toMatch(/^Weather {2}com\.example\.weather {2}sha256:[0-9a-f]{64}$/m);
    expect(text).toContain('  procedure  com.example.weather.getForecast');
    expect(text).toContain('  topic      com.example.weather.alert');
    expect(text).toContain('registered without a contract:\n  procedure  com.plain.echo');
    expect(text).not.toContain('._contract');
  });

  it('prints JSON with --format json', async () => {
    const out = io();
    expect(await runInspect([url, '--format', 'json'], out)).toBe(0);
    const parsed = JSON.parse(out.stdout.join('\n')) as {
      services: { service: string; procedures: string[] }[];
      procedures: string[];
    };
    expect(parsed.services.map((s) => s.service)).toEqual(['Weather']);
    expect(parsed.services[0]!.procedures).toHaveLength(3);
    expect(parsed.procedures).toEqual(['com.plain.echo']);
  });

  it('exits 2 with live.connect_failed when nothing listens', async () => {
    const out = io();
    expect(await runInspect(['ws://127.0.0.1:1/ws'], out)).toBe(2);
    expect(out.stderr.join('\n')).toContain('live.connect_failed');
  });
});

describe('call', () => {
  it('prints the result as one JSON line', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", 2]'], out)).toBe(0);
    expect(JSON.parse(out.stdout[0]!)).toMatchObject({ city: 'Paris' });
    expect(out.stderr).toEqual([]);
  });

  it('streams progressive results before the final one', async () => {
    const out = io();
    const code = await runCall([url, 'com.example.weather.watchStation', '["harbor"]'], out);
    expect(out.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(out.stdout).toHaveLength(4);
    expect(JSON.parse(out.stdout[0]!)).toMatchObject({ stationId: 'harbor' });
    expect(JSON.parse(out.stdout[3]!)).toMatchObject({ count: 3 });
  });

  it('sends a kwargs procedure its object as ArgumentsKw', async () => {
    const out = io();
    expect(
      await runCall([url, 'com.example.weather.setAlertLevel', '{"region":"north","level":2}'], out),
    ).toBe(0);
    expect(out.stdout).toEqual(['null']);
  });

  it('refuses arguments that do not fit the live contract with exit 4, sending nothing', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '[42]'], out)).toBe(4);
    expect(out.stderr.join('\n')).toContain(
      'live.contract_mismatch: argument 0 (city): expected string, got number',
    );
    const few = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '[]'], few)).toBe(4);
    expect(few.stderr.join('\n')).toContain('takes 1 to 2 argument(s) (city, days?), got 0');
    const kw = io();
    expect(await runCall([url, 'com.example.weather.setAlertLevel', '{"level":2}'], kw)).toBe(4);
    expect(kw.stderr.join('\n')).toContain('missing property region');
  });

  it('prints a typed error with its URI and payload and exits 3', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Atlantis"]'], out)).toBe(3);
    expect(out.stderr.join('\n')).toContain(
      'error com.example.weather.unknown_city {"args":[],"kwargs":{"city":"Atlantis"}}',
    );
  });

  it('calls a procedure without a contract unchecked, saying so', async () => {
    const out = io();
    expect(await runCall([url, 'com.plain.echo', '["hi"]'], out)).toBe(0);
    expect(out.stdout).toEqual(['"hi"']);
    expect(out.stderr.join('\n')).toContain('no contract declares com.plain.echo');
  });

  it('checks against local schemas with --schemas', async () => {
    const out = io();
    expect(
      await runCall([url, 'com.example.weather.getForecast', '[1]', '--schemas', 'schemas/weather.ts'], out),
    ).toBe(4);
    expect(out.stderr.join('\n')).toContain('expected string, got number');
  });

  it('exits 1 on bad usage and bad JSON', async () => {
    expect(await runCall([url], io())).toBe(1);
    const out = io();
    expect(await runCall([url, 'com.plain.echo', '[oops'], out)).toBe(1);
    expect(out.stderr.join('\n')).toContain('live.usage: the arguments is not JSON');
  });
});

describe('publish and subscribe', () => {
  it('subscribe prints checked events published by publish, and stops after --count', async () => {
    const sub = io();
    const running = runSubscribe([url, 'com.example.weather.alert', '--count', '2'], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    const alert = { region: 'north', level: 2, message: 'wind' };
    const pub = io();
    expect(await runPublish([url, 'com.example.weather.alert', JSON.stringify(alert)], pub)).toBe(0);
    expect(JSON.parse(pub.stdout[0]!)).toHaveProperty('publication');
    // An event that does not fit the contract is still shown, with a note.
    await service.publish('com.example.weather.alert', [{ region: 'x' }]);
    expect(await running).toBe(0);
    expect(sub.stdout.map((l) => JSON.parse(l))).toEqual([alert, { region: 'x' }]);
    expect(sub.stderr.join('\n')).toContain('event does not fit the contract');
  });

  it('publish refuses a payload that does not fit with exit 4', async () => {
    const out = io();
    expect(await runPublish([url, 'com.example.weather.alert', '"just text"'], out)).toBe(4);
    expect(out.stderr.join('\n')).toContain('expected object, got string');
  });

  it('subscribe ends with 0 when stopped', async () => {
    const controller = new AbortController();
    const sub = io(controller.signal);
    const running = runSubscribe([url, 'com.example.weather.alert'], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    controller.abort();
    expect(await running).toBe(0);
  });
});
