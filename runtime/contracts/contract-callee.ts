import type { z } from 'zod';
import type { Args, Kwargs } from '../protocol/messages.js';
import { WampResult } from '../session/wamp-result.js';
import type { InvocationContext, Registration, RegisterOptions, SessionApi } from '../session/types.js';
import type { ProcedureContract, ServiceContract } from './contract-types.js';
import { remapUri } from './contract-types.js';
import { readGaps } from './absent-values.js';
import { ContractErrorUri } from './validation-error.js';
import { createUriTemplate } from './uri-template.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** Options of a callee's `register`. */
export interface CalleeRegisterOptions {
  /** Mount the service under this prefix instead of the contract's (URIs set with `@uri` elsewhere stay). */
  readonly prefix?: string;
  /** REGISTER options for every procedure (e.g. `{ invoke: 'roundrobin' }` for a shared registration). */
  readonly registerOptions?: RegisterOptions;
  /** Validate results and progressive chunks before they are sent (default true; Dates are always encoded). */
  readonly validateResults?: boolean;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Base class of generated abstract callee classes. `register(session)` registers every procedure;
 * each inbound call is validated before the user's method runs, and an invalid one is answered
 * with `wamp.error.invalid_argument` carrying the issues.
 */
export abstract class ContractCallee {
  /** The contract this callee implements. */
  readonly contract: ServiceContract;
  #registrations: Registration[] = [];

  constructor(contract: ServiceContract) {
    this.contract = contract;
  }

  /** Registers every procedure of the contract on `session` and resolves when all are registered. */
  async register(session: SessionApi, options: CalleeRegisterOptions = {}): Promise<readonly Registration[]> {
    const handlers = this.contract.procedures.map((procedure) => this.#handlerFor(procedure, options));
    const settled = await Promise.allSettled(
      this.contract.procedures.map((procedure, i) => {
        const uri = remapUri(procedure.uri, this.contract.prefix, options.prefix);
        // A procedure family is one wildcard registration; the handler reads the called URI.
        if (procedure.components !== undefined) {
          const wildcard = createUriTemplate(uri, procedure.components).wildcard;
          return session.register(wildcard, handlers[i]!, { ...options.registerOptions, match: 'wildcard' });
        }
        return session.register(uri, handlers[i]!, options.registerOptions);
      }),
    );
    const registrations = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) {
      // All or nothing: a half-registered service would answer some procedures and not others.
      await Promise.allSettled(registrations.map((r) => r.unregister()));
      throw failed.reason;
    }
    this.#registrations.push(...registrations);
    return registrations;
  }

  /** `await using`: unregisters everything this instance registered when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.unregister();
  }

  /** Unregisters everything this instance registered. */
  async unregister(): Promise<void> {
    const registrations = this.#registrations;
    this.#registrations = [];
    await Promise.all(registrations.map((r) => r.unregister()));
  }

  #handlerFor(procedure: ProcedureContract, options: CalleeRegisterOptions) {
    const name = procedure.method ?? procedure.name;
    const method = (this as unknown as Record<string, Method>)[name];
    if (typeof method !== 'function') throw new TypeError(`${name} is not implemented`);
    const validateResults = options.validateResults ?? true;
    const where = `arguments of ${procedure.uri}`;
    const template =
      procedure.components === undefined
        ? undefined
        : createUriTemplate(
            remapUri(procedure.uri, this.contract.prefix, options.prefix),
            procedure.components,
          );
    return async (args: Args, kwargs: Kwargs, context: InvocationContext): Promise<unknown> => {
      // The components come from the concrete URI the router names (INVOCATION.Details.procedure).
      const components = template?.parse(context.details.procedure) ?? [];
      // Validation happens before user code: an invalid call never reaches the method.
      // A null in a positional gap means an absent optional parameter (absent-values.ts).
      const payload = procedure.kwargs ? kwargs : readGaps(procedure.args as z.core.$ZodType, args);
      const input = decodeValue<unknown>(
        procedure.args,
        payload,
        true,
        procedure.codec,
        ContractErrorUri.INVALID_ARGUMENT,
        where,
      );
      const params: unknown[] = procedure.kwargs ? [input] : [...(input as unknown[])];
      params.length = procedure.params;
      params.push(context);
      const returned = method.apply(this, components.length === 0 ? params : [...components, ...params]);
      const value = procedure.progress
        ? await drain(returned, procedure, context, validateResults)
        : await returned;
      if (procedure.result === undefined) return undefined;
      const wire = encodeValue(
        procedure.result,
        value,
        validateResults,
        procedure.codec,
        ContractErrorUri.INVALID_RESULT,
        `result of ${procedure.uri}`,
      );
      // An absent result travels as no Arguments: a list cannot carry undefined.
      return wire === undefined ? undefined : new WampResult([wire]);
    };
  }
}

// Runs an async generator method: each yielded chunk is a progressive result, the return value is final.
async function drain(
  returned: unknown,
  procedure: ProcedureContract,
  context: InvocationContext,
  validate: boolean,
): Promise<unknown> {
  const iterator = returned as AsyncIterator<unknown, unknown>;
  const stop = (): void => {
    // The caller canceled: end the generator so its finally blocks run.
    void iterator.return?.(undefined);
  };
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    const where = `progress of ${procedure.uri}`;
    for (let step = await iterator.next(); ; step = await iterator.next()) {
      if (step.done) return step.value;
      const wire = encodeValue(
        procedure.progress!,
        step.value,
        validate,
        procedure.codec,
        ContractErrorUri.INVALID_RESULT,
        where,
      );
      context.progress([wire]);
    }
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}
