/**
 * A trace context that travels with every call. The client interceptor puts a W3C `traceparent`
 * into CALL.Options as the custom option `_traceparent` (WAMP custom options start with `_`); the
 * router copies `_` options into INVOCATION.Details; the callee interceptor checks the value and
 * puts it into the invocation's context values, where the method reads it.
 */
import { randomBytes } from 'node:crypto';
import {
  type CalleeInterceptor,
  type ClientInterceptor,
  contextValues,
  createContextKey,
  type InvocationContext,
  WampError,
} from 'wamp-contracts/runtime/contracts';
import type { Forecast } from '../../schemas/generated/weather.js';
import { WeatherImpl } from '../weather/service.js';

/** The CALL option (and INVOCATION detail) that carries the trace context. */
export const TRACE_OPTION = '_traceparent';

/** The error a callee answers with when it requires a trace context and the call has none. */
export const UNTRACED_URI = 'com.example.error.untraced';

// version-traceid-spanid-flags, lower-case hex (W3C Trace Context).
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Where the callee interceptor leaves the caller's trace context for the method. */
export const traceKey = createContextKey<string | undefined>(undefined, 'traceparent');

/** A new `traceparent`: the given trace id (or a new one), a new span id. */
export function newTraceparent(traceId: string = randomBytes(16).toString('hex')): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

/** The trace id part of a `traceparent`. */
export function traceIdOf(traceparent: string): string {
  return traceparent.split('-')[1] ?? '';
}

/**
 * Client side: every call carries a `traceparent` in the trace `currentTraceId()` names, or in a
 * new trace when it names none. The other call options stay as they were.
 */
export function propagateTrace(
  currentTraceId: () => string | undefined = () => undefined,
): ClientInterceptor {
  return (next) => (call) => {
    const traceparent = newTraceparent(currentTraceId());
    const custom = { ...call.options.options, [TRACE_OPTION]: traceparent };
    return next({ ...call, options: { ...call.options, options: custom } });
  };
}

/**
 * Callee side: reads the trace context from INVOCATION.Details into the context values. With
 * `required`, a call without a valid one is refused with {@link UNTRACED_URI} before the method runs.
 */
export function readTrace(required = false): CalleeInterceptor {
  return (next) => (invocation) => {
    const value = invocation.context.details[TRACE_OPTION];
    if (typeof value === 'string' && TRACEPARENT.test(value)) {
      contextValues(invocation.context).set(traceKey, value);
    } else if (required) {
      throw new WampError(UNTRACED_URI, [`${invocation.uri} needs a ${TRACE_OPTION} call option`]);
    }
    return next(invocation);
  };
}

/** The weather service, remembering the trace context of each forecast it served. */
export class TracedWeather extends WeatherImpl {
  /** `traceparent` per served forecast, in order (undefined: the call had none). */
  readonly traces: (string | undefined)[] = [];

  override getForecast(city: string, days: number | undefined, context: InvocationContext): Forecast {
    this.traces.push(contextValues(context).get(traceKey));
    return super.getForecast(city, days, context);
  }
}
