import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callWithInvalidArgs,
  callWithInvalidDays,
  getForecasts,
  tryForecast,
} from '../../../examples/weather/client.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { InvocationContext, Session } from '../../../runtime/index.js';
import { MessageType } from '../../../runtime/protocol/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { type Forecast, UnknownCityError, WeatherContract } from '../../../schemas/generated/weather.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');

let testRouter: TestRouter;
let service: Session;
let client: Session;
let impl: CountingWeather;
/** CALL messages the client session sent. */
let callsSent = 0;

/** The example service, counting how often `getForecast` actually ran. */
class CountingWeather extends WeatherImpl {
  forecastRuns = 0;

  override getForecast(city: string, days: number | undefined, context: InvocationContext): Forecast {
    this.forecastRuns++;
    return super.getForecast(city, days, context);
  }
}

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect({
    onMessage: (direction, message) => {
      if (direction === 'out' && message[0] === MessageType.CALL) callsSent++;
    },
  });
  impl = new CountingWeather({ now: () => NOW });
  await impl.register(service);
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('weather example: RPC', () => {
  it('returns typed forecasts for positional arguments, with days defaulting to 1', async () => {
    const forecasts = await getForecasts(client, [['Paris'], ['Oslo', 3]]);
    expect(forecasts).toEqual([
      { city: 'Paris', tempC: 14, sky: 'cloud', issuedAt: NOW.toISOString() },
      { city: 'Oslo', tempC: 4, sky: 'rain', issuedAt: NOW.toISOString() },
    ]);
  });

  it('lets the caller catch an unknown city as UnknownCityError with its typed payload', async () => {
    const outcome = await tryForecast(client, 'Atlantis');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(UnknownCityError);
    expect(outcome.error.uri).toBe('com.example.weather.unknown_city');
    expect(outcome.error.payload).toEqual({ city: 'Atlantis' });
  });

  it('has the callee reject a raw call with bad arguments as invalid_argument, naming each argument', async () => {
    const rejection = await callWithInvalidArgs(client);
    expect(rejection.uri).toBe('wamp.error.invalid_argument');
    expect(rejection.issues.map((issue) => issue.path)).toEqual([[0], [1]]);
    expect(rejection.message).toContain(WeatherContract.procedures[0].uri);
  });

  it('never runs getForecast for a call that fails validation', async () => {
    const runsBefore = impl.forecastRuns;
    await callWithInvalidArgs(client);
    expect(impl.forecastRuns).toBe(runsBefore);
  });

  it('has the generated client refuse out-of-range days without sending a CALL', async () => {
    const sentBefore = callsSent;
    const rejection = await callWithInvalidDays(client);
    expect(rejection.uri).toBe('wamp.error.invalid_argument');
    expect(rejection.issues.map((issue) => issue.path)).toEqual([[1]]);
    expect(callsSent).toBe(sentBefore);
  });
});
