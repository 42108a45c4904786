/**
 * Streaming call input for `Stream<Chunk>` parameters (progressive call invocations, D.2).
 *
 * The wire rule (docs/generated-api.md, "Streaming input"): the first CALL carries the ordinary
 * parameters with `progress: true`; every following CALL with `progress: true` carries one chunk as
 * `Arguments[0]`; a final CALL without `progress` and without payload closes the stream. A final CALL
 * that does carry a payload (another peer's choice) is read as one last chunk.
 */
import type { CallInputChunk, CallResult, InvocationContext } from '../session/types.js';
import type { ProcedureContract } from './contract-types.js';
import { ContractErrorUri } from './validation-error.js';
import { WampError } from '../protocol/wamp-error.js';
import { CanceledError } from '../protocol/predefined-errors.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** What a stream adapter remembers: the validation error of an invalid chunk, which then fails the call. */
export interface StreamGuard {
  /** Settles like `outcome`, except that once a chunk was invalid the call fails with that error. */
  guard<T>(outcome: Promise<T>): Promise<T>;
  /** The validation error of the first invalid chunk, if any. */
  failure(): unknown;
}

/** The caller's side: the user's chunks, validated and encoded, as the session's call input. */
export interface OutboundStream extends StreamGuard {
  readonly input: AsyncIterable<CallInputChunk>;
}

/** The callee's side: the decoded chunks the implementation reads. */
export interface InboundStream extends StreamGuard {
  readonly chunks: AsyncIterable<unknown>;
}

function isIterable(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const v = value as Record<symbol, unknown>;
  return typeof v[Symbol.asyncIterator] === 'function' || typeof v[Symbol.iterator] === 'function';
}

function createGuard(read: () => { error: unknown } | undefined): StreamGuard {
  return {
    failure: () => read()?.error,
    guard: (outcome) =>
      outcome.then(
        (value) => {
          const failed = read();
          if (failed !== undefined) throw failed.error;
          return value;
        },
        (error: unknown) => {
          throw read()?.error ?? error;
        },
      ),
  };
}

/**
 * Wraps the caller's iterable: each chunk is validated (unless `validate` is false) and encoded
 * (Date, binary, absent optional properties) like an argument, then sent as `Arguments[0]`. An
 * invalid chunk ends the iteration with its `wamp.error.invalid_argument` error, which cancels the
 * call; `guard` then rejects with that error instead of the session's `canceled`.
 */
export function encodeInput(
  procedure: ProcedureContract,
  source: unknown,
  validate: boolean,
): OutboundStream {
  const schema = procedure.input;
  if (schema === undefined) throw new TypeError(`${procedure.uri} takes no stream`);
  if (!isIterable(source)) {
    throw new WampError(ContractErrorUri.INVALID_ARGUMENT, [
      `input of ${procedure.uri}: expected an iterable or async iterable of chunks`,
    ]);
  }
  let failed: { error: unknown } | undefined;
  async function* chunks(): AsyncGenerator<CallInputChunk, void, undefined> {
    let n = 0;
    for await (const chunk of source as AsyncIterable<unknown>) {
      const where = `input chunk ${n++} of ${procedure.uri}`;
      let wire: unknown;
      try {
        wire = encodeValue(
          schema!,
          chunk,
          validate,
          procedure.codec,
          ContractErrorUri.INVALID_ARGUMENT,
          where,
        );
      } catch (error) {
        failed = { error };
        throw error;
      }
      yield { args: [wire] };
    }
  }
  return { input: chunks(), ...createGuard(() => failed) };
}

/**
 * The implementation's view of the stream: each chunk is validated and decoded as the code reads it.
 * An invalid chunk makes the read throw its `wamp.error.invalid_argument` error, and `guard` fails the
 * call with it even if the code caught it. A plain CALL (no `progress`) is an empty stream; a call
 * canceled before its input closed makes the read throw the cancellation.
 */
export function decodeInput(procedure: ProcedureContract, context: InvocationContext): InboundStream {
  const schema = procedure.input;
  if (schema === undefined) throw new TypeError(`${procedure.uri} takes no stream`);
  let failed: { error: unknown } | undefined;
  const decode = (result: CallResult, n: number): unknown => {
    const where = `input chunk ${n} of ${procedure.uri}`;
    try {
      return decodeValue(
        schema,
        result.args[0],
        true,
        procedure.codec,
        ContractErrorUri.INVALID_ARGUMENT,
        where,
      );
    } catch (error) {
      failed = { error };
      throw error;
    }
  };
  async function* chunks(): AsyncGenerator<unknown, void, undefined> {
    const source = context.input;
    if (source === undefined) return;
    let n = 0;
    for await (const result of source) {
      const last = result.details.progress !== true;
      // The closing CALL normally has no payload; one that has is the last chunk.
      if (!last || result.args.length > 0) yield decode(result, n++);
      if (last) return;
    }
    // The input ended without its closing CALL: the call was canceled or its link lost.
    throw context.signal.aborted
      ? context.signal.reason
      : new CanceledError([`the input of ${procedure.uri} ended before it was closed`]);
  }
  return { chunks: chunks(), ...createGuard(() => failed) };
}
