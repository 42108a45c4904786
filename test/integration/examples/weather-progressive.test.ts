import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchStation, watchUnknownStation } from '../../../examples/weather/client.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { Session } from '../../../runtime/index.js';
import { isWampError } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { UnknownStationError, WeatherClient } from '../../../schemas/generated/weather.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
  await new WeatherImpl({ readingsPerWatch: 4, readingIntervalMs: 5 }).register(service);
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('weather example: progressive results', () => {
  it('delivers each reading to the callback as it arrives, then the summary', async () => {
    const seen: number[] = [];
    const watch = await watchStation(client, 'harbor', (reading) => seen.push(reading.tempC));
    expect(seen).toHaveLength(4);
    expect(watch.readings.map((r) => r.tempC)).toEqual(seen);
    expect(watch.readings.every((r) => r.stationId === 'harbor')).toBe(true);
  });

  it('returns a summary that matches the readings sent', async () => {
    const { readings, summary } = await watchStation(client, 'summit');
    const temps = readings.map((r) => r.tempC);
    expect(summary.count).toBe(readings.length);
    expect(summary.minC).toBe(Math.min(...temps));
    expect(summary.maxC).toBe(Math.max(...temps));
  });

  it('answers an unknown station with UnknownStationError and its typed payload', async () => {
    const error = await watchUnknownStation(client, 'atlantis');
    expect(error).toBeInstanceOf(UnknownStationError);
    expect(error.payload).toEqual({ stationId: 'atlantis' });
  });

  it('rejects the watch with wamp.error.canceled when the caller aborts after the first reading', async () => {
    const controller = new AbortController();
    const call = new WeatherClient(client).rpc.watchStation('harbor', { signal: controller.signal });
    const loop = (async () => {
      for await (const _reading of call) controller.abort();
    })();
    const error: unknown = await loop.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isWampError(error) ? error.uri : error).toBe('wamp.error.canceled');
  });
});
