import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../../examples/weather/client.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { type WeatherAlert, WeatherEventsClient } from '../../../schemas/generated/weather.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;
let watcher: Session;
let impl: WeatherImpl;

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
  watcher = await testRouter.connect();
  impl = new WeatherImpl();
  await impl.register(service);
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), watcher.leave(), service.leave()]);
  await testRouter.close();
});

describe('weather example: kwargs call and published alerts', () => {
  it('receives the alert the service publishes after setAlertLevel', async () => {
    const alert = await raiseAlert(client, 'north', 3);
    expect(alert).toEqual({ region: 'north', level: 3, message: 'level 3: take action' });
  });

  it('stores the level sent as kwargs on the service', async () => {
    await raiseAlert(client, 'coast', 2);
    expect(impl.alertLevel('coast')).toBe(2);
  });

  it('delivers the alert to every subscribed session, not only the caller', async () => {
    const received: WeatherAlert[] = [];
    const subscription = await new WeatherEventsClient(watcher).subscribe.alert((alert) => {
      received.push(alert);
    });
    try {
      await raiseAlert(client, 'valley', 1);
      // The caller got its event; the watcher's copy was sent in the same publication.
      await expect
        .poll(() => received)
        .toEqual([{ region: 'valley', level: 1, message: 'level 1: stay informed' }]);
    } finally {
      await subscription.unsubscribe();
    }
  });
});
