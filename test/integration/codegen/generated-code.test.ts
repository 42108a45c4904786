import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, type WampError } from '../../../runtime/protocol/wamp-error.js';
import type { Session } from '../../../runtime/session/session.js';
import type { InvocationContext } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import {
  AttachmentServiceCallee,
  AttachmentServiceClient,
  type Attachment,
  type UserId,
  Color,
  Priority,
} from '../../golden/default/out/special.js';
import {
  BusyError,
  RateLimitedError,
  type Reading,
  type Summary,
  UnknownCityError,
  WeatherCallee,
  WeatherClient,
} from '../../golden/default/out/services.js';
import { type WeatherAlert, WeatherEventsClient } from '../../golden/default/out/topics.js';

/** The callee under test: records which methods ran, so tests can prove invalid calls never reach it. */
class WeatherImpl extends WeatherCallee {
  readonly ran: string[] = [];
  alertLevels: { region: string; level: 1 | 2 | 3 }[] = [];

  getForecast(city: string, days: number | undefined): Reading {
    this.ran.push('getForecast');
    if (city === 'Atlantis') throw new UnknownCityError({ city });
    if (city === 'Busy') throw new BusyError();
    if (city === 'Broken') return { stationId: city, tempC: 'hot' as unknown as number };
    return { stationId: `${city}:${days ?? 1}`, tempC: 21 };
  }

  async *watchStation(stationId: string): AsyncGenerator<Reading, Summary, undefined> {
    this.ran.push('watchStation');
    for (let i = 0; i < 3; i++) yield { stationId, tempC: i };
    return { count: 3, meanC: 1 };
  }

  /** Resolves when a `tail` generator was ended from outside (its finally block ran). */
  tailEnded!: Promise<void>;

  async *tail(stationId: string): AsyncGenerator<Reading, void, undefined> {
    let ended!: () => void;
    this.tailEnded = new Promise((resolve) => {
      ended = resolve;
    });
    try {
      // Streams until the caller cancels.
      for (let i = 0; ; i++) {
        yield { stationId, tempC: i };
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      ended();
    }
  }

  setAlertLevel(req: { region: string; level: 1 | 2 | 3 }): void {
    this.alertLevels.push(req);
  }

  ping(): 'pong' {
    throw new RateLimitedError(30);
  }

  stationCount(context: InvocationContext): number {
    return context.procedure.length;
  }

  reset(): void {}
}

class AttachmentImpl extends AttachmentServiceCallee {
  upload(data: Uint8Array, owner: UserId): Attachment {
    return {
      owner,
      price: 100 as Attachment['price'],
      data,
      uploadedAt: new Date('2024-05-01T12:00:00.000Z'),
      key: 'file-a',
      version: 'v1.2',
      color: Color.Red,
      priority: Priority.High,
    };
  }

  since(date: Date): Attachment[] {
    return [this.upload(new Uint8Array([date.getUTCFullYear() % 256]), 'u1' as UserId)];
  }
}

async function rejection(promise: Promise<unknown>): Promise<WampError> {
  try {
    await promise;
  } catch (error) {
    if (isWampError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('generated code over the embedded router', () => {
  let router: TestRouter;
  let calleeSession: Session;
  let callerSession: Session;
  let mirrorSession: Session;
  let impl: WeatherImpl;
  let weather: WeatherClient;

  beforeAll(async () => {
    router = await startTestRouter();
    calleeSession = await router.connect();
    callerSession = await router.connect({ serializer: 'msgpack' });
    impl = new WeatherImpl();
    await impl.register(calleeSession);
    mirrorSession = await router.connect();
    await new AttachmentImpl().register(mirrorSession, { prefix: 'com.example.mirror' });
    await new AttachmentImpl().register(calleeSession);
    weather = new WeatherClient(callerSession);
  });

  afterAll(async () => {
    await callerSession?.leave();
    await calleeSession?.leave();
    await mirrorSession?.leave();
    await router?.close();
  });

  it('round-trips a valid call with an optional parameter left out', async () => {
    expect(await weather.rpc.getForecast('Paris')).toEqual({ stationId: 'Paris:1', tempC: 21 });
  });

  it('passes optional parameters and per-call options', async () => {
    expect(await weather.rpc.getForecast('Paris', 3, { timeout: 5_000 })).toEqual({
      stationId: 'Paris:3',
      tempC: 21,
    });
  });

  it('rejects invalid arguments before sending them', async () => {
    const error = await rejection(weather.rpc.getForecast(42 as unknown as string));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
  });

  it('answers an invalid inbound call with invalid_argument and the issues, without running the method', async () => {
    const before = impl.ran.length;
    const error = await rejection(callerSession.call('com.example.weather.getForecast', [42]));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.kwargs.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: [0] })]);
    expect(impl.ran.length).toBe(before);
  });

  it('delivers a typed error as its class with its payload', async () => {
    const error = await rejection(weather.rpc.getForecast('Atlantis'));
    expect(error).toBeInstanceOf(UnknownCityError);
    expect((error as UnknownCityError).payload).toEqual({ city: 'Atlantis' });
  });

  it('delivers a typed error without payload as its class', async () => {
    expect(await rejection(weather.rpc.getForecast('Busy'))).toBeInstanceOf(BusyError);
  });

  it('delivers a typed error with a positional payload', async () => {
    const error = await rejection(weather.rpc.ping());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).payload).toBe(30);
  });

  it('rejects a result that breaks the contract', async () => {
    const error = await rejection(weather.rpc.getForecast('Broken'));
    expect(error.uri).toBe('wamp_contracts.error.invalid_result');
  });

  it('streams progressive results and then the final result', async () => {
    const call = weather.rpc.watchStation('s1');
    const chunks: Reading[] = [];
    for await (const chunk of call) chunks.push(chunk);
    expect(chunks.map((c) => c.tempC)).toEqual([0, 1, 2]);
    expect(await call.result).toEqual({ count: 3, meanC: 1 });
  });

  it('ends the callee generator when the caller cancels a progressive call', async () => {
    const controller = new AbortController();
    const call = weather.rpc.tail('s2', { signal: controller.signal, cancelMode: 'kill' });
    for await (const _reading of call) {
      controller.abort();
      break;
    }
    await expect(call.result).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    await impl.tailEnded;
  });

  it('sends a @kwargs parameter as ArgumentsKw', async () => {
    await callerSession.call('com.example.weather.setAlertLevel', [], { region: 'north', level: 2 });
    expect(impl.alertLevels).toContainEqual({ region: 'north', level: 2 });
  });

  it('calls a service mounted under another prefix', async () => {
    const mirror = new AttachmentServiceClient(callerSession, { prefix: 'com.example.mirror' });
    expect(await mirror.rpc.since(new Date('2030-01-01T00:00:00Z'))).toHaveLength(1);
    const raw = await callerSession.call('com.example.mirror.since', ['2030-01-01T00:00:00Z']);
    expect(raw.args[0]).toHaveLength(1);
  });

  it('passes the concrete procedure URI to the method in its context', async () => {
    expect(await weather.rpc.stationCount()).toBe('com.example.weather.stationCount'.length);
  });

  it('round-trips Dates as ISO strings and binary as Uint8Array', async () => {
    const client = new AttachmentServiceClient(callerSession);
    const [attachment] = await client.rpc.since(new Date('2024-01-02T00:00:00.000Z'));
    expect(attachment?.uploadedAt).toEqual(new Date('2024-05-01T12:00:00.000Z'));
    expect(attachment?.data).toEqual(new Uint8Array([2024 % 256]));
  });

  it('puts a Date on the wire as its ISO string', async () => {
    const result = await callerSession.call('com.example.attachments.since', ['2024-01-02T00:00:00.000Z']);
    expect((result.args[0] as { uploadedAt: unknown }[])[0]?.uploadedAt).toBe('2024-05-01T12:00:00.000Z');
  });
});

describe('generated topics over the embedded router', () => {
  let router: TestRouter;
  let publisher: Session;
  let subscriber: Session;

  beforeAll(async () => {
    router = await startTestRouter();
    publisher = await router.connect();
    subscriber = await router.connect();
  });

  afterAll(async () => {
    await publisher?.leave();
    await subscriber?.leave();
    await router?.close();
  });

  it('delivers a validated event to a typed handler', async () => {
    let handler!: (alert: WeatherAlert) => void;
    const received = new Promise<WeatherAlert>((resolve) => {
      handler = resolve;
    });
    await new WeatherEventsClient(subscriber).subscribe.alert((alert) => handler(alert));
    await new WeatherEventsClient(publisher).publish.alert(
      { region: 'north', level: 3 },
      { acknowledge: true },
    );
    expect(await received).toEqual({ region: 'north', level: 3 });
  });

  it('rejects an invalid payload before publishing', async () => {
    const events = new WeatherEventsClient(publisher);
    const error = await rejection(
      Promise.resolve().then(() => events.publish.alert({ region: 'x', level: 9 as 1 })),
    );
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
  });

  it('routes an invalid inbound event to the error hook, never to the handler', async () => {
    const handled: unknown[] = [];
    let hook!: (kind: string) => void;
    const hooked = new Promise<string>((resolve) => {
      hook = resolve;
    });
    const events = new WeatherEventsClient(subscriber, { onEventError: (_error, _ctx, kind) => hook(kind) });
    await events.subscribe.tick((value) => void handled.push(value));
    await publisher.publish('com.example.weather.legacy.tick', ['not a number'], undefined, {
      acknowledge: true,
    });
    expect(await hooked).toBe('invalid');
    expect(handled).toEqual([]);
    expect(events.stats.invalidEvents).toBe(1);
  });

  it('delivers a @kwargs topic from ArgumentsKw', async () => {
    let handler!: (value: { stationId: string; name: string }) => void;
    const received = new Promise<{ stationId: string; name: string }>((resolve) => {
      handler = resolve;
    });
    await new WeatherEventsClient(subscriber).subscribe.stationAdded((s) => handler(s));
    await publisher.publish(
      'com.example.weather.stationAdded',
      [],
      { stationId: 's9', name: 'Nine' },
      { acknowledge: true },
    );
    expect(await received).toEqual({ stationId: 's9', name: 'Nine' });
  });
});

describe('generated code of other option sets', () => {
  let router: TestRouter;
  let calleeSession: Session;
  let callerSession: Session;

  beforeAll(async () => {
    router = await startTestRouter();
    calleeSession = await router.connect();
    callerSession = await router.connect();
  });

  afterAll(async () => {
    await callerSession?.leave();
    await calleeSession?.leave();
    await router?.close();
  });

  it('registers and calls snake_case URIs', async () => {
    const snake = await import('../../golden/snake-case/out/services.js');
    class Impl extends snake.WeatherCallee {
      getForecast(city: string) {
        return { stationId: city, tempC: 1 };
      }
      async *watchStation(stationId: string) {
        yield { stationId, tempC: 0 };
        return { count: 1, meanC: 0 };
      }
      async *tail(stationId: string) {
        yield { stationId, tempC: 0 };
      }
      setAlertLevel() {}
      ping() {
        return 'pong' as const;
      }
      stationCount() {
        return 0;
      }
      reset() {}
    }
    await new Impl().register(calleeSession);
    const raw = await callerSession.call('com.example.weather.get_forecast', ['Oslo']);
    expect(raw.args[0]).toEqual({ stationId: 'Oslo', tempC: 1 });
    expect(await new snake.WeatherClient(callerSession).rpc.getForecast('Rome')).toEqual({
      stationId: 'Rome',
      tempC: 1,
    });
  });

  it('still validates inbound calls when the client does not validate', async () => {
    const loose = await import('../../golden/no-validation/out/objects.js');
    const ran: string[] = [];
    class Impl extends loose.CustomerServiceCallee {
      get(id: string): never {
        ran.push(id);
        throw new Error('not reached');
      }
      lookups(): never {
        throw new Error('not reached');
      }
      audited(): never {
        throw new Error('not reached');
      }
      tagged() {}
      patch(): never {
        throw new Error('not reached');
      }
    }
    await new Impl().register(calleeSession);
    const client = new loose.CustomerServiceClient(callerSession);
    const error = await rejection(client.rpc.get(7 as unknown as string));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(ran).toEqual([]);
  });
});
