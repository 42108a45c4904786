import type { z } from 'zod';
import type { Args, Kwargs } from '../protocol/messages.js';
import type { CallOptions, CallResult, SessionApi } from '../session/types.js';
import { toRegisteredError } from './contract-error.js';
import type { ProcedureContract, ServiceContract, ValidationOptions } from './contract-types.js';
import { remapUri } from './contract-types.js';
import type { ProgressiveResult } from './progressive-result.js';
import { fillGaps, isNullAbsent } from './absent-values.js';
import { ContractErrorUri } from './validation-error.js';
import { createUriTemplate } from './uri-template.js';
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
      if (procedure.components !== undefined) {
        rpc[procedure.name] = templateCall(session, procedure, uri, options);
        continue;
      }
      rpc[procedure.name] = procedure.progress
        ? (...input) => callProgressive(session, procedure, uri, input, options)
        : (...input) => callOnce(session, procedure, uri, input, options);
    }
    this.rpc = rpc as Rpc;
  }
}

// A procedure family: the leading arguments are URI components, checked and formatted before anything is sent.
function templateCall(
  session: SessionApi,
  procedure: ProcedureContract,
  uri: string,
  options: ClientOptions,
): (...input: unknown[]) => unknown {
  const template = createUriTemplate(uri, procedure.components ?? []);
  const count = template.components.length;
  return procedure.progress
    ? (...input) => callProgressive(session, procedure, template.format(input), input.slice(count), options)
    : async (...input) => callOnce(session, procedure, template.format(input), input.slice(count), options);
}

interface Outbound {
  readonly args: Args | undefined;
  readonly kwargs: Kwargs | undefined;
  readonly options: CallOptions | undefined;
}

// Splits the method's arguments into the payload and the trailing options object, then encodes.
function outbound(procedure: ProcedureContract, input: unknown[], options: ClientOptions): Outbound {
  const values = input.slice(0, procedure.params);
  const own = input[procedure.params] as CallOptions | undefined;
  const callOptions = options.callOptions ? { ...options.callOptions, ...own } : own;
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
    result = await session.call(uri, out.args, out.kwargs, out.options);
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
  const result = call.result.then(
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
        throw toRegisteredError(error);
      }
    },
  };
}
