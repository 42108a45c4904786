/**
 * The weather client: one function per feature of the contract, each returning what happened so
 * that the demo can narrate it and the tests can check it.
 */
import { isWampError, type SessionApi, type WampError } from 'wamp-contracts';
import type { ValidationIssue } from 'wamp-contracts/runtime/contracts';
import type { Forecast, Reading, Summary, WeatherAlert } from '../../schemas/generated/weather.js';
import {
  UnknownCityError,
  UnknownStationError,
  WeatherClient,
  WeatherContract,
  WeatherEventsClient,
} from '../../schemas/generated/weather.js';

/** A city and, optionally, how many days ahead. */
export type ForecastRequest = readonly [city: string, days?: number];

/** Typed calls with positional arguments: one forecast per request, in order. */
export async function getForecasts(
  session: SessionApi,
  requests: readonly ForecastRequest[],
): Promise<Forecast[]> {
  const weather = new WeatherClient(session);
  const out: Forecast[] = [];
  for (const [city, days] of requests) out.push(await weather.rpc.getForecast(city, days));
  return out;
}

/** What {@link tryForecast} got: a forecast, or the contract's typed error caught by class. */
export type ForecastOutcome =
  | { readonly ok: true; readonly forecast: Forecast }
  | { readonly ok: false; readonly error: UnknownCityError };

/** Asks for a forecast and catches `UnknownCityError` by class; any other error propagates. */
export async function tryForecast(session: SessionApi, city: string): Promise<ForecastOutcome> {
  const weather = new WeatherClient(session);
  try {
    return { ok: true, forecast: await weather.rpc.getForecast(city) };
  } catch (error) {
    if (error instanceof UnknownCityError) return { ok: false, error };
    throw error;
  }
}

/** What {@link watchStation} saw: every reading in arrival order, then the final summary. */
export interface StationWatch {
  readonly readings: readonly Reading[];
  readonly summary: Summary;
}

/** A progressive call: `onReading` sees each reading as it arrives, then the summary is awaited. */
export async function watchStation(
  session: SessionApi,
  stationId: string,
  onReading: (reading: Reading) => void = () => {},
): Promise<StationWatch> {
  const weather = new WeatherClient(session);
  const call = weather.rpc.watchStation(stationId);
  const readings: Reading[] = [];
  for await (const reading of call) {
    readings.push(reading);
    onReading(reading);
  }
  return { readings, summary: await call.result };
}

/** Watches a station that does not exist; resolves with the typed error the service answered. */
export async function watchUnknownStation(
  session: SessionApi,
  stationId: string,
): Promise<UnknownStationError> {
  try {
    await watchStation(session, stationId);
  } catch (error) {
    if (error instanceof UnknownStationError) return error;
    throw error;
  }
  throw new Error(`expected UnknownStationError for station '${stationId}', but the watch succeeded`);
}

/** How the callee rejected a call with bad arguments. */
export interface Rejection {
  readonly uri: string;
  /** The readable text the callee put in `Arguments[0]`. */
  readonly message: string;
  /** The validation issues from `ArgumentsKw.issues`. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * Calls `getForecast` through the raw session with arguments the contract forbids (a number as
 * the city, 99 days), so that the callee's validation, not the client's, rejects it.
 */
export async function callWithInvalidArgs(session: SessionApi): Promise<Rejection> {
  const uri = WeatherContract.procedures[0].uri;
  try {
    await session.call(uri, [42, 99]);
  } catch (error) {
    if (!isWampError(error)) throw error;
    return toRejection(error);
  }
  throw new Error(`expected ${uri} to reject [42, 99], but it answered`);
}

/** Reads the message and the issues of a validation error (`{ where, issues }` in kwargs). */
function toRejection(error: WampError): Rejection {
  const issues = Array.isArray(error.kwargs.issues) ? (error.kwargs.issues as ValidationIssue[]) : [];
  const message = typeof error.args[0] === 'string' ? error.args[0] : error.message;
  return { uri: error.uri, message, issues };
}

/**
 * Subscribes to alerts, sets a region's alert level (a kwargs call) and resolves with the alert
 * event the service published for it. Rejects after `timeoutMs` if no alert arrives.
 */
export async function raiseAlert(
  session: SessionApi,
  region: string,
  level: 1 | 2 | 3,
  timeoutMs = 5_000,
): Promise<WeatherAlert> {
  const events = new WeatherEventsClient(session);
  const weather = new WeatherClient(session);
  let settle: (alert: WeatherAlert) => void = () => {};
  const received = new Promise<WeatherAlert>((resolve) => {
    settle = resolve;
  });
  const subscription = await events.subscribe.alert((alert) => {
    if (alert.region === region) settle(alert);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await weather.rpc.setAlertLevel({ region, level });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no alert for '${region}' within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return await Promise.race([received, timeout]);
  } finally {
    clearTimeout(timer);
    await subscription.unsubscribe();
  }
}

/**
 * Calls `getForecast('Paris', 99)` through the generated client, which validates arguments before
 * sending: the call is rejected locally and never reaches the router.
 */
export async function callWithInvalidDays(session: SessionApi): Promise<Rejection> {
  const weather = new WeatherClient(session);
  try {
    await weather.rpc.getForecast('Paris', 99);
  } catch (error) {
    if (!isWampError(error)) throw error;
    return toRejection(error);
  }
  throw new Error("expected getForecast('Paris', 99) to be refused, but it was sent");
}
