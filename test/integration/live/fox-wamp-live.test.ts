/**
 * Live contracts and the contract-aware CLI through fox-wamp, an independent router started from
 * npm: a generated callee serving `<prefix>._contract`, `checkContract()` finding no skew and then
 * skew, `checkContract: 'throw'`, and `inspect` / `call` / `publish` / `subscribe`. fox-wamp has
 * no registration meta API, no reflection and no pattern-based registration or subscription
 * (docs/live-contracts.md, "Through fox-wamp"); these tests pin what works and how the rest fails.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCall } from '../../../codegen/cli/commands/call.js';
import { runInspect } from '../../../codegen/cli/commands/inspect.js';
import { runPublish } from '../../../codegen/cli/commands/publish.js';
import { runSubscribe } from '../../../codegen/cli/commands/subscribe.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { ServiceModel } from '../../../runtime/contract-model/index.js';
import { type ClientOptions, ContractSkewError } from '../../../runtime/contracts/index.js';
import {
  contractFingerprint,
  fetchLiveContract,
  serviceModel,
} from '../../../runtime/contracts/live/index.js';
import { connect, type InvocationContext, type Session } from '../../../runtime/index.js';
import { type ChatMessage, ChatRoomsCallee, type RoomId } from '../../../schemas/generated/chat.js';
import { contractModel } from '../../../schemas/generated/_contract-model.js';
import { type Forecast, WeatherClient } from '../../../schemas/generated/weather.js';
import { type Fox, startFox } from '../../helpers/fox-router.js';
import { until } from '../../helpers/timing.js';
import { capturingIo, editedWeatherClient } from '../../helpers/live-fixtures.js';

let fox: Fox;
let service: Session;
let client: Session;
const forecasts: string[] = [];

/** The example service, recording each forecast it is asked for (to prove a refused call was not sent). */
class CountingWeather extends WeatherImpl {
  override getForecast(city: string, days: number | undefined, context: InvocationContext): Forecast {
    forecasts.push(city);
    return super.getForecast(city, days, context);
  }
}

class Rooms extends ChatRoomsCallee {
  history(roomId: RoomId, _limit: number | undefined, _context: InvocationContext): ChatMessage[] {
    return [{ author: 'ada', text: `hello ${roomId}`, sentAt: new Date(0) }];
  }
}

const io = capturingIo;

/** A Weather client on the test's client session whose own model is `edit` of the generated one. */
const clientWith = (edit: (service: ServiceModel) => ServiceModel, options: ClientOptions = {}) =>
  editedWeatherClient(client, edit, options);

/** The client's `getForecast` takes `days` up to 30, where the live callee stops at 14. */
const widerDays = (s: ServiceModel): ServiceModel => ({
  ...s,
  procedures: s.procedures.map((p) =>
    p.name === 'getForecast'
      ? {
          ...p,
          params: p.params.map((param) =>
            param.name === 'days' ? { ...param, constraints: { ...param.constraints, maximum: 30 } } : param,
          ),
        }
      : p,
  ),
});

const cli = ['--lenient-payload'];

beforeAll(async () => {
  fox = await startFox();
  service = await connect({ url: fox.url, realm: 'realm1', lenientPayload: true });
  client = await connect({ url: fox.url, realm: 'realm1', lenientPayload: true });
  await new CountingWeather({ readingsPerWatch: 2, readingIntervalMs: 1 }).register(service, {
    serveContract: true,
  });
});

afterEach(() => {
  forecasts.length = 0;
});

afterAll(async () => {
  await Promise.allSettled([client.close(), service.close()]);
  await fox.stop();
});

describe('live contracts through fox-wamp', () => {
  it('a callee registered with serveContract answers <prefix>._contract through fox-wamp', async () => {
    const live = await fetchLiveContract(client, 'com.example.weather');
    const expected = serviceModel(contractModel, {
      name: 'Weather',
      file: 'schemas/weather.ts',
      topics: true,
    })!;
    expect(live.model).toEqual(expected);
    expect(live.fingerprint).toBe(await contractFingerprint(expected));
  });

  it('checkContract() finds no skew for the same generated contract', async () => {
    const check = await new WeatherClient(client).checkContract();
    expect(check).toMatchObject({ status: 'compatible', uri: 'com.example.weather._contract', findings: [] });
    expect(check.liveFingerprint).toBe(check.fingerprint);
  });

  it('checkContract() finds skew against a second model that differs', async () => {
    const check = await clientWith(widerDays).checkContract();
    expect(check.status).toBe('incompatible');
    expect(check.liveFingerprint).not.toBe(check.fingerprint);
    expect(check.findings.map((f) => [f.rule, f.category, f.subject])).toEqual([
      ['WCD203', 'WIRE_CONSUMER', 'com.example.weather.getForecast args[1]'],
    ]);
  });

  it("checkContract: 'throw' fails the calls of a skewed client and lets a matching one call", async () => {
    const skewed = clientWith(widerDays, { checkContract: 'throw' });
    const error = await skewed.rpc.getForecast('Paris').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSkewError);
    expect((error as ContractSkewError).code).toBe('live.incompatible');
    expect(forecasts).toEqual([]);
    const matching = new WeatherClient(client, { checkContract: 'throw' });
    expect((await matching.rpc.getForecast('Paris')).city).toBe('Paris');
    expect(forecasts).toEqual(['Paris']);
  });
});

describe('the CLI through fox-wamp', () => {
  it('inspect says it cannot discover services there, and names the way out', async () => {
    const out = io();
    expect(await runInspect([fox.url, ...cli], out)).toBe(3);
    expect(out.stderr.join('\n')).toContain(
      'wamp-contracts inspect: live.no_discovery: the router lists no registrations: wamp.registration.list failed (wamp.error.no_such_procedure',
    );
    expect(out.stderr.join('\n')).toContain('name the services to read with --prefix <prefix>');
  });

  it('inspect --prefix reads the contract served there', async () => {
    const out = io();
    expect(await runInspect([fox.url, '--prefix', 'com.example.weather', ...cli], out)).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toMatch(/^Weather {2}com\.example\.weather {2}sha256:[0-9a-f]{64}$/m);
    expect(text).toContain('  procedure  com.example.weather.getForecast');
    expect(text).toContain('  topic      com.example.weather.alert');
    const missing = io();
    expect(await runInspect([fox.url, '--prefix', 'com.example.nothing', ...cli], missing)).toBe(3);
    expect(missing.stderr.join('\n')).toContain('com.example.nothing._contract: nothing serves a contract');
  });

  it('without --lenient-payload the first answer is a protocol violation, and the CLI says what to try', async () => {
    const out = io();
    expect(await runCall([fox.url, 'com.example.weather.getForecast', '["Paris"]'], out)).toBe(2);
    expect(out.stderr).toEqual([
      'wamp-contracts call: live.connect_failed: the session ended: wamp.error.protocol_violation: protocol violation: bad_dict: RESULT.ArgumentsKw must be a dictionary; the router sent a null ArgumentsKw (fox-wamp does); --lenient-payload reads it as absent',
    ]);
    const unchecked = io();
    const args = [fox.url, 'com.example.weather.getForecast', '["Paris"]', '--no-check'];
    expect(await runCall(args, unchecked)).toBe(3);
    expect(unchecked.stderr.at(-1)).toBe(
      'wamp-contracts call: the router sent a null ArgumentsKw (fox-wamp does); --lenient-payload reads it as absent',
    );
  });

  it('call checks against the live contract read through fox-wamp, then calls', async () => {
    const ok = io();
    expect(await runCall([fox.url, 'com.example.weather.getForecast', '["Oslo", 3]', ...cli], ok)).toBe(0);
    expect(JSON.parse(ok.stdout[0]!)).toMatchObject({ city: 'Oslo' });
    const refused = io();
    expect(await runCall([fox.url, 'com.example.weather.getForecast', '["Oslo", 15]', ...cli], refused)).toBe(
      4,
    );
    expect(refused.stderr.join('\n')).toContain('  days: Too big: expected number to be <=14');
    expect(forecasts).toEqual(['Oslo']);
  });

  it('call streams progressive results through fox-wamp', async () => {
    const out = io();
    expect(await runCall([fox.url, 'com.example.weather.watchStation', '["harbor"]', ...cli], out)).toBe(0);
    expect(out.stdout).toHaveLength(3);
    expect(JSON.parse(out.stdout[2]!)).toMatchObject({ count: 2 });
  });

  it('publish and subscribe check events against the live contract through fox-wamp', async () => {
    const sub = io();
    const running = runSubscribe([fox.url, 'com.example.weather.alert', '--count', '1', ...cli], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    const alert = { region: 'north', level: 3, message: 'storm' };
    const pub = io();
    expect(await runPublish([fox.url, 'com.example.weather.alert', JSON.stringify(alert), ...cli], pub)).toBe(
      0,
    );
    expect(await running).toBe(0);
    expect(sub.stdout.map((l) => JSON.parse(l))).toEqual([alert]);
    const bad = io();
    expect(await runPublish([fox.url, 'com.example.weather.alert', '{"region":"n"}', ...cli], bad)).toBe(4);
    expect(bad.stderr.join('\n')).toContain('  level: Invalid option: expected one of 1|2|3');
  });
});

describe('@uri templates through fox-wamp (no pattern-based registration)', () => {
  it('the family registers, but a concrete call finds no callee; call explains why', async () => {
    const rooms = new Rooms();
    await rooms.register(service, { serveContract: true });
    try {
      const out = io();
      const code = await runCall([fox.url, 'com.example.chat.room.general.history', '[5]', ...cli], out);
      expect(code).toBe(3);
      const text = out.stderr.join('\n');
      expect(text).toContain('error wamp.error.no_such_procedure');
      expect(text).toContain(
        'the router does not announce pattern_based_registration: com.example.chat.room.{roomId}.history is registered as a wildcard, which this router cannot route',
      );
      // The check itself ran against the live contract, before anything was sent.
      const refused = io();
      expect(
        await runCall([fox.url, 'com.example.chat.room.general.history', '[500]', ...cli], refused),
      ).toBe(4);
    } finally {
      await rooms.unregister();
    }
  });
});
