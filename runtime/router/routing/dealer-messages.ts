/**
 * Message helpers of the dealer: they put payload references behind a fresh head (never copying
 * the payload itself) and answer router-served procedure calls.
 */
import { errorMessage, invocationMessage, resultMessage } from '../../protocol/encode.js';
import { errorText } from '../../protocol/error-text.js';
import { MessageType } from '../../protocol/message-type.js';
import type {
  Args,
  InvocationDetails,
  InvocationMessage,
  Kwargs,
  ResultDetails,
  ResultMessage,
  YieldMessage,
} from '../../protocol/messages.js';
import { ErrorUri } from '../../protocol/uris.js';
import { isWampError } from '../../protocol/wamp-error.js';
import type { InternalResult } from './internal-procedure.js';
import type { RoutedPeer } from '../core/peer.js';

/** Sends `[ERROR, CALL, request, {}, uri, [text]?]` to a caller. */
export function callError(caller: RoutedPeer, request: number, uri: string, text?: string): void {
  caller.send(errorMessage(MessageType.CALL, request, {}, uri, text === undefined ? undefined : [text]));
}

/** The payload of `source` (from index `at`) behind a fresh INVOCATION head. */
export function invocation(
  id: number,
  registration: number,
  details: InvocationDetails,
  source: readonly unknown[],
  at: number,
): InvocationMessage {
  return invocationMessage(
    id,
    registration,
    details,
    source[at] as Args | undefined,
    source[at + 1] as Kwargs | undefined,
  );
}

/** A YIELD's payload behind a RESULT head. */
export function result(request: number, details: ResultDetails, y: YieldMessage): ResultMessage {
  return resultMessage(request, details, y[3], y[4]);
}

/** Answers a meta procedure call with RESULT. */
export function internalResult(caller: RoutedPeer, request: number, r: InternalResult | undefined): void {
  const refused = caller.send(resultMessage(request, {}, r?.args, r?.kwargs));
  if (refused !== undefined) {
    const uri = refused.kind === 'too_large' ? ErrorUri.PAYLOAD_SIZE_EXCEEDED : ErrorUri.RUNTIME_ERROR;
    callError(caller, request, uri, `the result could not be delivered: ${refused.message}`);
  }
}

/** Answers a meta procedure call with ERROR: a WampError keeps its URI, anything else is a runtime error. */
export function internalError(caller: RoutedPeer, request: number, err: unknown): void {
  if (isWampError(err)) {
    caller.send(errorMessage(MessageType.CALL, request, {}, err.uri, err.args, err.kwargs));
    return;
  }
  caller.send(errorMessage(MessageType.CALL, request, {}, ErrorUri.RUNTIME_ERROR, [errorText(err)]));
}
