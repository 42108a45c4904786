/**
 * Message builders of the dealer: they copy payload references behind a fresh head (never the
 * payload itself) and answer router-served procedure calls.
 */
import type {
  InvocationDetails,
  InvocationMessage,
  WampMessage,
  YieldMessage,
} from '../protocol/messages.js';
import { ErrorUri } from '../protocol/uris.js';
import { isWampError } from '../protocol/wamp-error.js';
import type { InternalResult } from './internal-procedure.js';
import type { RoutedPeer } from './routed-peer.js';
import { errorText } from '../protocol/error-text.js';

/** Sends `[ERROR, 48, request, {}, uri, args?]` to a caller. */
export function callError(caller: RoutedPeer, request: number, uri: string, text?: string): void {
  caller.send(text === undefined ? [8, 48, request, {}, uri] : [8, 48, request, {}, uri, [text]]);
}

/** Copies the payload of `source` (from index `at`) behind a fresh INVOCATION head. */
export function invocation(
  id: number,
  registration: number,
  details: InvocationDetails,
  source: readonly unknown[],
  at: number,
): InvocationMessage {
  const n = source.length;
  if (n <= at) return [68, id, registration, details];
  if (n === at + 1) return [68, id, registration, details, source[at] as unknown[]];
  return [68, id, registration, details, source[at] as unknown[], source[at + 1] as Record<string, unknown>];
}

/** Copies a YIELD's payload behind a RESULT head. */
export function result(
  request: number,
  details: Readonly<Record<string, unknown>>,
  y: YieldMessage,
): WampMessage {
  const n = y.length;
  if (n <= 3) return [50, request, details];
  if (n === 4) return [50, request, details, y[3] as unknown[]];
  return [50, request, details, y[3] as unknown[], y[4] as Record<string, unknown>];
}

/** Answers a meta procedure call with RESULT. */
export function internalResult(caller: RoutedPeer, request: number, r: InternalResult | undefined): void {
  if (r === undefined || (r.args === undefined && r.kwargs === undefined)) caller.send([50, request, {}]);
  else if (r.kwargs === undefined) caller.send([50, request, {}, r.args ?? []]);
  else caller.send([50, request, {}, r.args ?? [], r.kwargs]);
}

/** Answers a meta procedure call with ERROR: a WampError keeps its URI, anything else is a runtime error. */
export function internalError(caller: RoutedPeer, request: number, err: unknown): void {
  if (isWampError(err)) {
    const hasKw = Object.keys(err.kwargs).length > 0;
    caller.send(
      hasKw ? [8, 48, request, {}, err.uri, err.args, err.kwargs] : [8, 48, request, {}, err.uri, err.args],
    );
    return;
  }
  const text = errorText(err);
  caller.send([8, 48, request, {}, ErrorUri.RUNTIME_ERROR, [text]]);
}
