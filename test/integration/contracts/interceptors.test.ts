/**
 * Interceptors of generated clients, callees and topics clients, over real sockets through the
 * embedded router, on the weather contract (positional, progressive, kwargs procedures, a topic).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { InvocationContext, Session } from '../../../runtime/index.js';
import {
  type CalleeInterceptor,
  type CalleeInvocation,
  type ClientCall,
  type ClientInterceptor,
  contextValues,
  createContextKey,
  type EventInterceptor,
  isWampError,
  type PublishInterceptor,
  type TopicEvent,
  WampError,
} from '../../../runtime/contracts/index.js';
import { MessageType } from '../../../runtime/protocol/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import {
  type Forecast,
  UnknownCityError,
  type WeatherAlert,
  WeatherClient,
  WeatherEventsClient,
} from '../../../schemas/generated/weather.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');

let testRouter: TestRouter;
let service: Session;
let client: Session;
/** CALL.Options of every CALL the client session sent. */
const callsSent: Record<string, unknown>[] = [];
let registered: WeatherImpl | undefined;

/** The weather service, counting the forecasts its method actually computed. */
class CountingWeather extends WeatherImpl {
  runs = 0;
  lastContext: InvocationContext | undefined;

  override getForecast(city: string, days: number | undefined, context: InvocationContext): Forecast {
    this.runs++;
    this.lastContext = context;
    return super.getForecast(city, days, context);
  }
}

async function serve(
  interceptors: readonly CalleeInterceptor[] = [],
  prefix?: string,
): Promise<CountingWeather> {
  const impl = new CountingWeather({ now: () => NOW, readingsPerWatch: 3, readingIntervalMs: 1 });
  await impl.register(service, prefix === undefined ? { interceptors } : { interceptors, prefix });
  registered = impl;
  return impl;
}

/** A callee interceptor that only looks at each invocation. */
function record(look: (invocation: CalleeInvocation) => void): CalleeInterceptor {
  return (next) => (invocation) => {
    look(invocation);
    return next(invocation);
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect({
    onMessage: (direction, message) => {
      if (direction === 'out' && message[0] === MessageType.CALL)
        callsSent.push(message[2] as Record<string, unknown>);
    },
  });
});

afterEach(async () => {
  await registered?.unregister();
  registered = undefined;
  callsSent.length = 0;
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('client interceptors', () => {
  it('see the procedure, the URI called, the arguments, the merged options and the result', async () => {
    await serve([], 'com.example.mounted');
    const seen: { call: ClientCall; result: unknown }[] = [];
    const observe: ClientInterceptor = (next) => async (call) => {
      const result = await next(call);
      seen.push({ call, result });
      return result;
    };
    const weather = new WeatherClient(client, {
      prefix: 'com.example.mounted',
      callOptions: { timeout: 5000 },
      interceptors: [observe],
    });
    const forecast = await weather.rpc.getForecast('Oslo', 2, { discloseMe: true });
    expect(seen).toHaveLength(1);
    const [{ call, result }] = seen as [{ call: ClientCall; result: unknown }];
    expect(call).toMatchObject({
      service: 'Weather',
      procedure: 'getForecast',
      uri: 'com.example.mounted.getForecast',
      args: ['Oslo', 2],
      options: { timeout: 5000, discloseMe: true },
      progressive: false,
    });
    expect(result).toEqual(forecast);
    expect(forecast.city).toBe('Oslo');
  });

  it('run in order, the first outermost', async () => {
    await serve();
    const order: string[] = [];
    const named =
      (name: string): ClientInterceptor =>
      (next) =>
      async (call) => {
        order.push(`${name} in`);
        const result = await next(call);
        order.push(`${name} out`);
        return result;
      };
    const weather = new WeatherClient(client, { interceptors: [named('a'), named('b')] });
    await weather.rpc.getForecast('Paris');
    expect(order).toEqual(['a in', 'b in', 'b out', 'a out']);
  });

  it('can reject a call before it is sent, with the error the caller then receives', async () => {
    const impl = await serve();
    const deny: ClientInterceptor = () => () => {
      throw new WampError('com.example.error.denied', ['not today']);
    };
    const weather = new WeatherClient(client, { interceptors: [deny] });
    const error = await rejection(weather.rpc.getForecast('Paris'));
    expect(isWampError(error) && error.uri).toBe('com.example.error.denied');
    expect(callsSent).toEqual([]);
    expect(impl.runs).toBe(0);
  });

  it('can add a custom CALL option, which reaches the callee in INVOCATION.Details', async () => {
    const impl = await serve();
    const trace: ClientInterceptor = (next) => (call) =>
      next({ ...call, options: { ...call.options, options: { _trace_id: 't-1' } } });
    await new WeatherClient(client, { interceptors: [trace] }).rpc.getForecast('Paris');
    expect(callsSent[0]).toMatchObject({ _trace_id: 't-1' });
    expect(impl.lastContext?.details._trace_id).toBe('t-1');
  });

  it('validate arguments an interceptor changed, and refuse invalid ones without sending', async () => {
    await serve();
    const tooFar: ClientInterceptor = (next) => (call) => next({ ...call, args: [call.args[0], 99] });
    const weather = new WeatherClient(client, { interceptors: [tooFar] });
    const error = await rejection(weather.rpc.getForecast('Paris', 2));
    expect(isWampError(error) && error.uri).toBe('wamp.error.invalid_argument');
    expect(callsSent).toEqual([]);
  });

  it('see a typed error from the callee as its class, and the caller still receives it', async () => {
    await serve();
    const errors: unknown[] = [];
    const observe: ClientInterceptor = (next) => (call) =>
      next(call).catch((error: unknown) => {
        errors.push(error);
        throw error;
      });
    const weather = new WeatherClient(client, { interceptors: [observe] });
    const error = await rejection(weather.rpc.getForecast('Atlantis'));
    expect(error).toBeInstanceOf(UnknownCityError);
    expect(errors).toEqual([error]);
  });

  it('may answer without calling next: no CALL is sent', async () => {
    const cached: Forecast = { city: 'Cache', tempC: 1, sky: 'sun', issuedAt: NOW.toISOString() };
    const cache: ClientInterceptor = () => async () => cached;
    const weather = new WeatherClient(client, { interceptors: [cache] });
    expect(await weather.rpc.getForecast('Paris')).toBe(cached);
    expect(callsSent).toEqual([]);
  });

  it('wrap a progressive call: chunks arrive as usual and next resolves with the final result', async () => {
    await serve();
    const outcomes: unknown[] = [];
    const observe: ClientInterceptor = (next) => async (call) => {
      const result = await next(call);
      outcomes.push({ progressive: call.progressive, result });
      return result;
    };
    const weather = new WeatherClient(client, { interceptors: [observe] });
    const call = weather.rpc.watchStation('harbor');
    const readings: unknown[] = [];
    for await (const reading of call) readings.push(reading);
    const summary = await call.result;
    expect(readings).toHaveLength(3);
    expect(summary.count).toBe(3);
    expect(outcomes).toEqual([{ progressive: true, result: summary }]);
  });

  it('reject a progressive call: iterating it throws their error and nothing is sent', async () => {
    await serve();
    const deny: ClientInterceptor = () => async () => {
      throw new WampError('com.example.error.denied');
    };
    const call = new WeatherClient(client, { interceptors: [deny] }).rpc.watchStation('harbor');
    const error = await rejection(
      (async () => {
        for await (const _ of call) throw new Error('no chunk expected');
      })(),
    );
    expect(isWampError(error) && error.uri).toBe('com.example.error.denied');
    expect(isWampError(await rejection(call.result))).toBe(true);
    expect(callsSent).toEqual([]);
  });
});

describe('callee interceptors', () => {
  it('see the decoded arguments, the URI registered and the context, then the outcome', async () => {
    const seen: { invocation: CalleeInvocation; result: unknown }[] = [];
    const observe: CalleeInterceptor = (next) => async (invocation) => {
      const result = await next(invocation);
      seen.push({ invocation, result });
      return result;
    };
    await serve([observe], 'com.example.mounted');
    const forecast = await new WeatherClient(client, { prefix: 'com.example.mounted' }).rpc.getForecast(
      'Lima',
      3,
    );
    const [{ invocation, result }] = seen as [{ invocation: CalleeInvocation; result: unknown }];
    expect(invocation).toMatchObject({
      service: 'Weather',
      procedure: 'getForecast',
      uri: 'com.example.mounted.getForecast',
      args: ['Lima', 3],
    });
    expect(invocation.context.procedure).toBe('com.example.mounted.getForecast');
    expect(result).toEqual(forecast);
  });

  it('pass the kwargs object of a @kwargs procedure as the one argument', async () => {
    const args: unknown[] = [];
    await serve([record((invocation) => args.push(invocation.args))]);
    await new WeatherClient(client).rpc.setAlertLevel({ region: 'north', level: 2 });
    expect(args).toEqual([[{ region: 'north', level: 2 }]]);
  });

  it('can refuse an invocation with a typed error the caller catches by class; the method never runs', async () => {
    const refuse: CalleeInterceptor = (next) => (invocation) => {
      if (invocation.args[0] === 'Paris') throw new UnknownCityError({ city: 'Paris (refused)' });
      return next(invocation);
    };
    const impl = await serve([refuse]);
    const error = await rejection(new WeatherClient(client).rpc.getForecast('Paris'));
    expect(error).toBeInstanceOf(UnknownCityError);
    expect((error as UnknownCityError).payload).toEqual({ city: 'Paris (refused)' });
    expect(impl.runs).toBe(0);
  });

  it('can put values into the context that the method reads', async () => {
    const tenantKey = createContextKey('none', 'tenant');
    const tenant: CalleeInterceptor = (next) => (invocation) => {
      contextValues(invocation.context).set(tenantKey, String(invocation.context.details._tenant));
      return next(invocation);
    };
    const impl = await serve([tenant]);
    await new WeatherClient(client).rpc.getForecast('Paris', 1, { options: { _tenant: 'acme' } });
    expect(impl.lastContext && contextValues(impl.lastContext).get(tenantKey)).toBe('acme');
    expect(contextValues({} as InvocationContext).get(tenantKey)).toBe('none');
  });

  it("see the method's error as the outcome, which the caller still receives", async () => {
    const errors: unknown[] = [];
    await serve([
      (next) => (invocation) =>
        next(invocation).catch((error: unknown) => {
          errors.push(error);
          throw error;
        }),
    ]);
    const error = await rejection(new WeatherClient(client).rpc.getForecast('Atlantis'));
    expect(error).toBeInstanceOf(UnknownCityError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(UnknownCityError);
  });

  it('wrap a progressive method: chunks still stream, next resolves with the final result', async () => {
    const results: unknown[] = [];
    await serve([
      (next) => async (invocation) => {
        const result = await next(invocation);
        results.push(result);
        return result;
      },
    ]);
    const call = new WeatherClient(client).rpc.watchStation('summit');
    let chunks = 0;
    for await (const _ of call) chunks++;
    expect(chunks).toBe(3);
    expect(results).toEqual([await call.result]);
  });

  it('never see an invalid call: validation refuses it first', async () => {
    const seen: unknown[] = [];
    await serve([record((invocation) => seen.push(invocation))]);
    const error = await rejection(client.call('com.example.weather.getForecast', [42]));
    expect(isWampError(error) && error.uri).toBe('wamp.error.invalid_argument');
    expect(seen).toEqual([]);
  });
});

describe('topics client interceptors', () => {
  it('wrap publications and event deliveries, with the URIs used', async () => {
    const published: unknown[] = [];
    const delivered: TopicEvent[] = [];
    const onPublish: PublishInterceptor = (next) => (publication) => {
      published.push({ uri: publication.uri, topic: publication.topic, payload: publication.payload });
      return next({ ...publication, options: { ...publication.options, acknowledge: true } });
    };
    const onEvent: EventInterceptor = (next) => (event) => {
      delivered.push(event);
      return next(event);
    };
    const subscriber = new WeatherEventsClient(service, {
      prefix: 'com.example.mounted',
      eventInterceptors: [onEvent],
    });
    const received: WeatherAlert[] = [];
    const subscription = await subscriber.subscribe.alert((alert) => received.push(alert));
    try {
      const publisher = new WeatherEventsClient(client, {
        prefix: 'com.example.mounted',
        publishInterceptors: [onPublish],
      });
      const alert: WeatherAlert = { region: 'north', level: 3, message: 'take action' };
      // Acknowledged because the interceptor asked for it: a publication id comes back.
      expect(typeof (await publisher.publish.alert(alert))).toBe('number');
      await expect.poll(() => received.length).toBe(1);
      expect(published).toEqual([{ uri: 'com.example.mounted.alert', topic: 'alert', payload: alert }]);
      expect(delivered[0]).toMatchObject({
        service: 'WeatherEvents',
        topic: 'alert',
        uri: 'com.example.mounted.alert',
      });
      expect(delivered[0]?.payload).toEqual(alert);
    } finally {
      await subscription.unsubscribe();
    }
  });

  it('count an event interceptor that throws as a handler error; the handler does not run', async () => {
    const errors: unknown[] = [];
    const subscriber = new WeatherEventsClient(service, {
      eventInterceptors: [
        () => () => {
          throw new Error('refused');
        },
      ],
      onEventError: (error) => errors.push(error),
    });
    const received: unknown[] = [];
    const subscription = await subscriber.subscribe.alert((alert) => received.push(alert));
    try {
      await new WeatherEventsClient(client).publish.alert(
        { region: 'south', level: 1, message: 'stay informed' },
        { acknowledge: true },
      );
      await expect.poll(() => subscriber.stats.handlerErrors).toBe(1);
      expect(received).toEqual([]);
      expect(errors).toHaveLength(1);
    } finally {
      await subscription.unsubscribe();
    }
  });
});

describe('URIs in validation messages (issue 12 #9)', () => {
  it('name the mounted URI when the client refuses invalid arguments', async () => {
    const weather = new WeatherClient(client, { prefix: 'com.example.mounted' });
    const error = await rejection(weather.rpc.getForecast('Paris', 99));
    expect(isWampError(error) && error.message).toContain('arguments of com.example.mounted.getForecast');
    expect(isWampError(error) && error.kwargs.where).toBe('arguments of com.example.mounted.getForecast');
  });

  it('name the mounted URI when the callee refuses invalid arguments', async () => {
    await serve([], 'com.example.mounted');
    const error = await rejection(client.call('com.example.mounted.getForecast', [42]));
    expect(isWampError(error) && error.kwargs.where).toBe('arguments of com.example.mounted.getForecast');
    expect(isWampError(error) && error.message).not.toContain('com.example.weather');
  });

  it('name the mounted URI when a result fails validation', async () => {
    // A raw callee answering with a forecast that misses fields.
    await using _ = await service.register('com.example.mounted.getForecast', () => ({ city: 'X' }));
    const weather = new WeatherClient(client, { prefix: 'com.example.mounted' });
    const error = await rejection(weather.rpc.getForecast('Paris'));
    expect(isWampError(error) && error.kwargs.where).toBe('result of com.example.mounted.getForecast');
  });

  it('name the mounted topic when a publication is invalid', async () => {
    const events = new WeatherEventsClient(client, { prefix: 'com.example.mounted' });
    let error: unknown;
    try {
      await events.publish.alert({ region: 'north', level: 7 as 1, message: 'x' });
    } catch (e) {
      error = e;
    }
    expect(isWampError(error) && error.kwargs.where).toBe('payload of com.example.mounted.alert');
  });
});
