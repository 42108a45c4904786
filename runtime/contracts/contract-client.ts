import type { z } from 'zod';
import type { Args, Kwargs } from '../protocol/messages.js';
import type { CallOptions, CallResult, SessionApi } from '../session/types.js';
import { toRegisteredError } from './contract-error.js';
import type { ProcedureContract, ServiceContract, ValidationOptions } from './contract-types.js';
import { remapUri } from './contract-types.js';
import type { ProgressiveResult } from './progressive-result.js';
import { fillGaps, isNullAbsent } from './absent-values.js';
import { encodeInput, type OutboundStream } from './stream-input.js';
import { ContractErrorUri } from './validation-error.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** Options of a generated client. */
export interface ClientOptions extends ValidationOptions {
  /** Call the service mounted under this prefix instead of the contract's (see the callee's `register`). */
  readonly prefix?: string;
  /** Defaults merged under every call's own options (e.g. a timeout). */
  readonly callOptions?: CallOptions;
}

/**
 * Base class of generated caller proxies: `rpc` holds one method per procedure, each taking the
 * procedure's parameters and then an optional {@link CallOptions} object.
 */
export abstract class ContractClient<Rpc> {
  /** The typed procedures of the service. */
  readonly rpc: Rpc;
  /** The session calls go through. */
  readonly session: SessionApi;

  constructor(session: SessionApi, contract: ServiceContract, options: ClientOptions = {}) {
    this.session = session;
    const rpc: Record<string, (...args: unknown[]) => unknown> = {};
    for (const procedure of contract.procedures) {
      const uri = remapUri(procedure.uri, contract.prefix, options.prefix);
      rpc[procedure.name] = procedure.progress
        ? (...input) => callProgressive(session, procedure, uri, input, options)
        : (...input) => callOnce(session, procedure, uri, input, options);
    }
    this.rpc = rpc as Rpc;
  }
}

interface Outbound {
  readonly args: Args | undefined;
  readonly kwargs: Kwargs | undefined;
  readonly options: CallOptions | undefined;
  /** The encoded `Stream<Chunk>` argument, sent as the call's input. */
  readonly stream?: OutboundStream;
}

// Splits the method's arguments into the payload and the trailing options object, then encodes.
function outbound(procedure: ProcedureContract, input: unknown[], options: ClientOptions): Outbound {
  const values = input.slice(0, procedure.params);
  // A stream parameter comes after the ordinary ones, before the options.
  const own = input[procedure.params + (procedure.input ? 1 : 0)] as CallOptions | undefined;
  let callOptions = options.callOptions ? { ...options.callOptions, ...own } : own;
  let stream: OutboundStream | undefined;
  if (procedure.input) {
    stream = encodeInput(procedure, input[procedure.params], options.validateArgs ?? true);
    callOptions = { ...callOptions, input: stream.input, inputEnd: 'empty' };
  }
  // Trailing absent optional parameters are not sent (JSON would turn them into null).
  while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
  const validate = options.validateArgs ?? true;
  const where = `arguments of ${procedure.uri}`;
  if (procedure.kwargs) {
    const kwargs = encodeValue(
      procedure.args,
      values[0],
      validate,
      procedure.codec,
      ContractErrorUri.INVALID_ARGUMENT,
      where,
    );
    return { args: undefined, kwargs: kwargs as Kwargs, options: callOptions };
  }
  const args = encodeValue(
    procedure.args,
    values,
    validate,
    procedure.codec,
    ContractErrorUri.INVALID_ARGUMENT,
    where,
  ) as Args;
  // A skipped parameter before a given one travels as null (docs/generated-api.md, "Absent values on the wire").
  return {
    args: values.includes(undefined) ? fillGaps(args) : args,
    kwargs: undefined,
    options: callOptions,
    ...(stream && { stream }),
  };
}

function decodeResult(procedure: ProcedureContract, result: CallResult, options: ClientOptions): unknown {
  if (procedure.result === undefined) return undefined;
  const where = `result of ${procedure.uri}`;
  const validate = options.validateResults ?? true;
  const value = result.args[0];
  return decodeValue(
    procedure.result,
    value === null && isNullAbsent(procedure.result as z.core.$ZodType) ? undefined : value,
    validate,
    procedure.codec,
    ContractErrorUri.INVALID_RESULT,
    where,
  );
}

async function callOnce(
  session: SessionApi,
  procedure: ProcedureContract,
  uri: string,
  input: unknown[],
  options: ClientOptions,
): Promise<unknown> {
  const out = outbound(procedure, input, options);
  let result: CallResult;
  try {
    const call = session.call(uri, out.args, out.kwargs, out.options);
    result = await (out.stream ? out.stream.guard(call) : call);
  } catch (error) {
    throw toRegisteredError(error);
  }
  return decodeResult(procedure, result, options);
}

function callProgressive(
  session: SessionApi,
  procedure: ProcedureContract,
  uri: string,
  input: unknown[],
  options: ClientOptions,
): ProgressiveResult<unknown, unknown> {
  const out = outbound(procedure, input, options);
  const call = session.callProgressive(uri, out.args, out.kwargs, out.options);
  const chunk = procedure.progress!;
  const where = `progress of ${procedure.uri}`;
  const validate = options.validateResults ?? true;
  const final = out.stream ? out.stream.guard(call.result) : call.result;
  const result = final.then(
    (r) => decodeResult(procedure, r, options),
    (error: unknown) => {
      throw toRegisteredError(error);
    },
  );
  // Callers that only iterate must not see an unhandled rejection from `result`.
  result.catch(() => undefined);
  return {
    result,
    async *[Symbol.asyncIterator]() {
      try {
        for await (const progress of call) {
          yield decodeValue(
            chunk,
            progress.args[0],
            validate,
            procedure.codec,
            ContractErrorUri.INVALID_RESULT,
            where,
          );
        }
      } catch (error) {
        throw out.stream?.failure() ?? toRegisteredError(error);
      }
    },
  };
}
