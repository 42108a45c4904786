/**
 * The narrated tour of the weather contract: runs every client feature against a joined session
 * where `WeatherImpl` is registered, and describes each step through `say`.
 */
import type { SessionApi } from 'wamp-contracts';
import {
  callWithInvalidArgs,
  callWithInvalidDays,
  getForecasts,
  raiseAlert,
  tryForecast,
  watchStation,
} from './client.js';

/** Receives one line of narration. */
export type Say = (line?: string) => void;

/** Called before each step with its name, so that a failure can say where it happened. */
export type OnStep = (name: string) => void;

/** Runs the five steps of the tour in order; rejects with the first failure. */
export async function runWeatherTour(
  session: SessionApi,
  say: Say,
  onStep: OnStep = () => {},
): Promise<void> {
  onStep('typed calls');
  say('\n1. Typed calls (positional args checked before sending, results validated on receipt)');
  // One call with the optional `days` left out (it is not sent at all), one with it.
  const requests = [['Paris'], ['Oslo', 3]] as const;
  const forecasts = await getForecasts(session, requests);
  for (const [i, f] of forecasts.entries()) {
    const days = requests[i]?.[1];
    say(`   getForecast('${f.city}'${days === undefined ? '' : `, ${days}`}) -> ${f.tempC} °C, ${f.sky}`);
  }

  onStep('progressive call');
  say("\n2. Progressive call: watchStation('harbor') streams readings, then a summary");
  // The offsets show that readings arrive one by one, not all at once with the result.
  const callStart = performance.now();
  const watch = await watchStation(session, 'harbor', (r) => {
    say(`   reading (+${Math.round(performance.now() - callStart)} ms): ${r.stationId} ${r.tempC} °C`);
  });
  const s = watch.summary;
  say(`   summary: ${s.count} readings, min ${s.minC} °C, max ${s.maxC} °C, mean ${s.meanC} °C`);

  onStep('typed error');
  say("\n3. Typed error: getForecast('Atlantis')");
  // The ERROR's URI picks the generated class, so `instanceof` works and the payload is typed.
  const outcome = await tryForecast(session, 'Atlantis');
  if (outcome.ok) throw new Error("getForecast('Atlantis') should have failed with UnknownCityError");
  say(`   caught by class: instanceof UnknownCityError, uri ${outcome.error.uri}`);
  say(`   typed payload: { city: '${outcome.error.payload.city}' }`);

  onStep('validation');
  say('\n4. Invalid call: the raw session sends getForecast(42, 99); the callee validates it');
  const rejection = await callWithInvalidArgs(session);
  say(`   rejected with ${rejection.uri}, the method never ran:`);
  for (const issue of rejection.issues) say(`   - argument ${issue.path.join('.')}: ${issue.message}`);
  const local = await callWithInvalidDays(session);
  say(`   the generated client refuses getForecast('Paris', 99) before sending: ${local.uri}`);

  onStep('pub/sub');
  say("\n5. Pub/sub: setAlertLevel({ region: 'north', level: 3 }) (kwargs), the service publishes an alert");
  // The service publishes from its own session; this session receives it as a subscriber.
  const alert = await raiseAlert(session, 'north', 3);
  say(
    `   event received on com.example.weather.alert: ${alert.region} level ${alert.level} (${alert.message})`,
  );
}
