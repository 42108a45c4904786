/**
 * The weather contract from DESIGN.md: forecasts, station readings as progressive results, alert levels
 * and alert events.
 */
import type { Progress, Service, Topics, WampError } from 'wamp-contracts/schema';

/** A forecast for one city. */
export interface Forecast {
  city: string;
  /** Celsius. @minimum -90 @maximum 60 */
  tempC: number;
  sky: 'sun' | 'cloud' | 'rain';
  /** @format date-time */
  issuedAt: string;
}

/** One reading of a weather station. */
export interface Reading {
  stationId: string;
  /** Celsius. @minimum -90 @maximum 60 */
  tempC: number;
  /** @format date-time */
  at: string;
}

/** What a station watch saw, sent once the watch ends. */
export interface Summary {
  /** @int @minimum 0 */
  count: number;
  minC: number;
  maxC: number;
  meanC: number;
}

/** An alert raised for a region. */
export interface WeatherAlert {
  region: string;
  level: 1 | 2 | 3;
  message: string;
}

/** The city is not known to the forecast service. */
export type UnknownCity = WampError<'com.example.weather.unknown_city', { city: string }>;

/** The station is not known or is offline. */
export type UnknownStation = WampError<'com.example.weather.unknown_station', { stationId: string }>;

/** Weather forecasts. */
export interface Weather extends Service<'com.example.weather'> {
  /**
   * Forecast for one city.
   * @param city the city name
   * @param days how many days ahead, 1 by default
   * @throws UnknownCity
   */
  getForecast(city: string, /** @int @minimum 1 @maximum 14 */ days?: number): Forecast;
  /**
   * Streams readings as progressive results, then returns a summary.
   * @throws UnknownStation
   */
  watchStation(stationId: string): Progress<Reading, Summary>;
  /**
   * Sets the alert level of a region.
   * @kwargs
   */
  setAlertLevel(req: { region: string; level: 1 | 2 | 3 }): void;
}

/** Weather events. */
export interface WeatherEvents extends Topics<'com.example.weather'> {
  /** An alert was raised (topic com.example.weather.alert). */
  alert: WeatherAlert;
}
