/**
 * The weather service: implements the generated `WeatherCallee` (typed calls, a typed error, a
 * progressive watch, a kwargs procedure) and publishes alerts through the generated events client.
 */
import type {
  CalleeRegisterOptions,
  InvocationContext,
  Registration,
  SessionApi,
} from 'wamp-contracts/runtime/contracts';
import type { Forecast, Reading, Summary } from '../../schemas/generated/weather.js';
import {
  UnknownCityError,
  UnknownStationError,
  WeatherCallee,
  WeatherEventsClient,
} from '../../schemas/generated/weather.js';

/** Alert level of a region, as `setAlertLevel` takes it. */
export type AlertLevel = 1 | 2 | 3;

/** Options of {@link WeatherImpl}; every one has a default, so `new WeatherImpl()` works. */
export interface WeatherImplOptions {
  /** Readings sent per `watchStation` call before the summary (default 5). */
  readonly readingsPerWatch?: number;
  /** Pause between two readings, in ms (default 100). */
  readonly readingIntervalMs?: number;
  /** The clock, for `issuedAt` and `at` (default `() => new Date()`). */
  readonly now?: () => Date;
}

/** Today's conditions of the cities the service knows; anything else is an `UnknownCityError`. */
const CITIES: Readonly<Record<string, { tempC: number; sky: Forecast['sky'] }>> = {
  Paris: { tempC: 14, sky: 'cloud' },
  Oslo: { tempC: 3, sky: 'rain' },
  Lima: { tempC: 22, sky: 'sun' },
};

/** Base temperature of each known station; readings wander around it. */
const STATIONS: Readonly<Record<string, number>> = {
  harbor: 11.5,
  summit: -4,
};

const ALERT_TEXT: Readonly<Record<AlertLevel, string>> = {
  1: 'stay informed',
  2: 'be prepared',
  3: 'take action',
};

/**
 * The example implementation of the `com.example.weather` contract. `register(session)` also
 * binds the alert publisher to that session.
 *
 * @example
 * const service = new WeatherImpl();
 * await service.register(session);
 */
export class WeatherImpl extends WeatherCallee {
  readonly #readings: number;
  readonly #intervalMs: number;
  readonly #now: () => Date;
  readonly #levels = new Map<string, AlertLevel>();
  #events: WeatherEventsClient | undefined;

  constructor(options: WeatherImplOptions = {}) {
    super();
    this.#readings = options.readingsPerWatch ?? 5;
    this.#intervalMs = options.readingIntervalMs ?? 100;
    this.#now = options.now ?? (() => new Date());
  }

  /** Registers every procedure and publishes alerts on the same session. */
  override async register(
    session: SessionApi,
    options?: CalleeRegisterOptions,
  ): Promise<readonly Registration[]> {
    this.#events = new WeatherEventsClient(session);
    return super.register(session, options);
  }

  /** The alert level last set for `region`, if any. */
  alertLevel(region: string): AlertLevel | undefined {
    return this.#levels.get(region);
  }

  /** A forecast `days` ahead (1 by default); unknown cities throw the contract's typed error. */
  getForecast(city: string, days: number | undefined, _context: InvocationContext): Forecast {
    const today = CITIES[city];
    if (today === undefined) throw new UnknownCityError({ city });
    const ahead = days ?? 1;
    // A made-up but stable trend, so repeated runs print the same numbers.
    return {
      city,
      tempC: today.tempC + (ahead - 1) * 0.5,
      sky: today.sky,
      issuedAt: this.#now().toISOString(),
    };
  }

  /** Streams readings as progressive results and returns their summary; stops early on cancel. */
  async *watchStation(
    stationId: string,
    context: InvocationContext,
  ): AsyncGenerator<Reading, Summary, undefined> {
    const base = STATIONS[stationId];
    if (base === undefined) throw new UnknownStationError({ stationId });
    const temps: number[] = [];
    for (let i = 0; i < this.#readings && !context.signal.aborted; i++) {
      if (i > 0) await sleep(this.#intervalMs, context.signal);
      if (context.signal.aborted) break;
      // Deterministic wobble: +/- 1.5 °C around the station's base temperature.
      const tempC = Math.round((base + Math.sin(i) * 1.5) * 10) / 10;
      temps.push(tempC);
      yield { stationId, tempC, at: this.#now().toISOString() };
    }
    return summarize(temps);
  }

  /** Sets a region's alert level (a kwargs procedure) and publishes the alert to subscribers. */
  async setAlertLevel(
    req: { region: string; level: AlertLevel },
    _context: InvocationContext,
  ): Promise<void> {
    this.#levels.set(req.region, req.level);
    if (this.#events === undefined) throw new Error('WeatherImpl: register(session) before publishing');
    await this.#events.publish.alert(
      { region: req.region, level: req.level, message: `level ${req.level}: ${ALERT_TEXT[req.level]}` },
      { acknowledge: true },
    );
  }
}

/** Count, min, max and mean of the readings (all 0 for none). */
function summarize(temps: readonly number[]): Summary {
  if (temps.length === 0) return { count: 0, minC: 0, maxC: 0, meanC: 0 };
  const sum = temps.reduce((a, b) => a + b, 0);
  return {
    count: temps.length,
    minC: Math.min(...temps),
    maxC: Math.max(...temps),
    meanC: Math.round((sum / temps.length) * 100) / 100,
  };
}

/** Resolves after `ms`, or at once when `signal` aborts (the loop then checks it). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
