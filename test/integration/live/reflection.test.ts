/**
 * Router reflection (`wamp.reflection.*`) over real sockets, backed by the contracts callees serve
 * at `<prefix>._contract`; a callee that answers badly is left out without hurting anyone else.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeatherImpl } from '../../../examples/weather/service.js';
import { isWampError, WampError } from '../../../runtime/contracts/index.js';
import { fetchLiveContract } from '../../../runtime/contracts/live/index.js';
import type { Registration, Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;
let weather: WeatherImpl | undefined;
const extra: Registration[] = [];

async function listed(kind: 'procedure' | 'topic'): Promise<string[]> {
  const result = await client.call(`wamp.reflection.${kind}.list`);
  return result.args[0] as string[];
}

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
});

afterEach(async () => {
  await weather?.unregister();
  weather = undefined;
  await Promise.all(extra.splice(0).map((r) => r.unregister()));
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('router reflection', () => {
  it('announces reflection on the dealer and broker roles of WELCOME', () => {
    const roles = client.joinInfo!.details.roles as Record<string, Record<string, unknown>>;
    expect(roles.dealer?.reflection).toBe(true);
    expect(roles.broker?.reflection).toBe(true);
  });

  it('lists the procedures and topics of served contracts, and nothing without one', async () => {
    expect(await listed('procedure')).toEqual([]);
    weather = new WeatherImpl();
    await weather.register(service, { serveContract: true });
    expect(await listed('procedure')).toEqual([
      'com.example.weather.getForecast',
      'com.example.weather.setAlertLevel',
      'com.example.weather.watchStation',
    ]);
    expect(await listed('topic')).toEqual(['com.example.weather.alert']);
  });

  it('describes a procedure and a topic with its model, service and fingerprint', async () => {
    weather = new WeatherImpl();
    await weather.register(service, { serveContract: true });
    const live = await fetchLiveContract(client, 'com.example.weather', { format: 'fingerprint' });
    const [procedure] = (
      await client.call('wamp.reflection.procedure.describe', ['com.example.weather.getForecast'])
    ).args as [Record<string, unknown>];
    expect(procedure).toMatchObject({
      uri: 'com.example.weather.getForecast',
      name: 'getForecast',
      service: 'Weather',
      prefix: 'com.example.weather',
      fingerprint: live.fingerprint,
      contract: 'com.example.weather._contract',
    });
    expect((procedure.model as { params: { name: string }[] }).params.map((p) => p.name)).toEqual([
      'city',
      'days',
    ]);
    const [topic] = (await client.call('wamp.reflection.topic.describe', ['com.example.weather.alert']))
      .args as [Record<string, unknown>];
    expect(topic).toMatchObject({ name: 'alert', service: 'Weather' });
  });

  it('answers no_such_procedure and no_such_topic for URIs no served contract declares', async () => {
    const error = await client
      .call('wamp.reflection.procedure.describe', ['com.nothing.here'])
      .catch((e) => e);
    expect(isWampError(error) && error.uri).toBe('wamp.error.no_such_procedure');
    const topicError = await client
      .call('wamp.reflection.topic.describe', ['com.nothing.here'])
      .catch((e) => e);
    expect(isWampError(topicError) && topicError.uri).toBe('wamp.error.no_such_topic');
    const bad = await client.call('wamp.reflection.procedure.describe', [42]).catch((e) => e);
    expect(isWampError(bad) && bad.uri).toBe('wamp.error.invalid_argument');
  });

  it('leaves out a contract procedure that answers garbage or an error, and still lists the others', async () => {
    extra.push(await service.register('com.garbage._contract', () => ({ protocol: 'nope' })));
    extra.push(
      await service.register('com.failing._contract', () => {
        throw new WampError('com.failing.broken');
      }),
    );
    weather = new WeatherImpl();
    await weather.register(service, { serveContract: true });
    expect(await listed('procedure')).toHaveLength(3);
    // Calls to everything else go on as before.
    expect((await client.call('com.example.weather.getForecast', ['Paris'])).args[0]).toMatchObject({
      city: 'Paris',
    });
  });

  it('leaves out a contract procedure that never answers once the router gives up on it', async () => {
    extra.push(await service.register('com.hanging._contract', () => new Promise(() => undefined)));
    weather = new WeatherImpl();
    await weather.register(service, { serveContract: true });
    // Waits for the router's own fetch timeout (CONTRACT_FETCH_TIMEOUT_MS), then answers without it.
    expect(await listed('procedure')).toHaveLength(3);
    // The failed read is kept per registration, and later lists answer as well.
    expect(await listed('topic')).toEqual(['com.example.weather.alert']);
  }, 20_000);

  it('forgets a contract when its procedure is unregistered, and reads a new registration afresh', async () => {
    weather = new WeatherImpl();
    await weather.register(service, { serveContract: true });
    expect(await listed('procedure')).toHaveLength(3);
    await weather.unregister();
    expect(await listed('procedure')).toEqual([]);
    await weather.register(service, { serveContract: true, prefix: 'com.example.moved' });
    expect(await listed('procedure')).toContain('com.example.moved.getForecast');
  });
});
