/**
 * Both interceptor examples on one service and one client: each call carries a trace context the
 * method sees, and both sides record per-procedure timings. Returns what happened, as text lines.
 */
import { isWampError, type SessionApi } from 'wamp-contracts/runtime/contracts';
import { WeatherClient } from '../../schemas/generated/weather.js';
import { Timings } from './timings.js';
import { propagateTrace, readTrace, TracedWeather, traceIdOf } from './trace-context.js';

/** What the tour saw: lines to print, and the figures a test checks. */
export interface TourOutcome {
  readonly lines: readonly string[];
  /** The trace id the client put on its calls. */
  readonly traceId: string;
  /** The `traceparent` each forecast call carried into the service. */
  readonly served: readonly (string | undefined)[];
  readonly clientTimings: Timings;
  readonly serviceTimings: Timings;
}

/** Registers a traced, timed weather service on `serviceSession` and calls it from `clientSession`. */
export async function runInterceptorsTour(
  serviceSession: SessionApi,
  clientSession: SessionApi,
): Promise<TourOutcome> {
  const lines: string[] = [];
  const serviceTimings = new Timings();
  const clientTimings = new Timings();
  const service = new TracedWeather({ now: () => new Date('2026-01-02T03:04:05Z') });
  // The first interceptor is the outermost: the timing includes the trace check.
  await service.register(serviceSession, { interceptors: [serviceTimings.callee, readTrace(true)] });

  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const weather = new WeatherClient(clientSession, {
    interceptors: [clientTimings.client, propagateTrace(() => traceId)],
  });
  try {
    for (const city of ['Paris', 'Oslo']) {
      const forecast = await weather.rpc.getForecast(city);
      lines.push(`[client]  ${city}: ${forecast.tempC} °C, ${forecast.sky}`);
    }
    try {
      await weather.rpc.getForecast('Atlantis');
    } catch (error) {
      lines.push(`[client]  Atlantis: ${isWampError(error) ? error.uri : String(error)}`);
    }
    for (const traceparent of service.traces) {
      lines.push(`[service] served a forecast in trace ${traceparent ? traceIdOf(traceparent) : '(none)'}`);
    }
    lines.push(...clientTimings.lines().map((line) => `[client timings]  ${line}`));
    lines.push(...serviceTimings.lines().map((line) => `[service timings] ${line}`));
  } finally {
    await service.unregister();
  }
  return { lines, traceId, served: service.traces, clientTimings, serviceTimings };
}
