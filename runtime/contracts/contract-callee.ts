import type * as z from 'zod/mini';
import type { Args, Kwargs } from '../protocol/messages.js';
import type {
  InvocationContext,
  InvocationHandler,
  Registration,
  RegisterOptions,
  SessionApi,
} from '../session/types.js';
import type { ProcedureContract, ServiceContract, UriTemplate } from './contract-types.js';
import { remapUri } from './contract-types.js';
import { contractTemplate } from './uri-template.js';
import { type CalleeInterceptor, type CalleeNext, chainInterceptors } from './interceptors.js';
import { readGaps } from './absent-values.js';
import { decodeInput } from './stream-input.js';
import { ContractErrorUri } from './validation-error.js';
import { decodeArguments, encodeValue } from './wire-value.js';

/** Options of a callee's `register`. */
export interface CalleeRegisterOptions {
  /** Mount the service under this prefix instead of the contract's (URIs set with `@uri` elsewhere stay). */
  readonly prefix?: string;
  /** REGISTER options for every procedure (e.g. `{ invoke: 'roundrobin' }` for a shared registration). */
  readonly registerOptions?: RegisterOptions;
  /** Validate results and progressive chunks before they are sent (default true; Dates are always encoded). */
  readonly validateResults?: boolean;
  /** Wrap every invocation (the first is the outermost); see docs/generated-api.md, "Interceptors". */
  readonly interceptors?: readonly CalleeInterceptor[];
  /**
   * Also register `<prefix>._contract`, answering with the service's live contract (model, JSON
   * Schema, fingerprint; docs/live-contracts.md). Off by default: it publishes the contract to every
   * session the router lets call the service's URIs.
   */
  readonly serveContract?: boolean;
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
    const { prefix, procedures } = this.contract;
    const uris = procedures.map((procedure) => remapUri(procedure.uri, prefix, options.prefix));
    const handlers = procedures.map((procedure, i) => this.#handlerFor(procedure, uris[i]!, options));
    const settled = await Promise.allSettled(
      procedures.map((procedure, i) => {
        // A procedure family is one wildcard registration; the handler reads the called URI.
        if (procedure.components !== undefined) {
          const wildcard = contractTemplate(this.contract, procedure, uris[i]!).wildcard;
          return session.register(wildcard, handlers[i]!, { ...options.registerOptions, match: 'wildcard' });
        }
        return session.register(uris[i]!, handlers[i]!, options.registerOptions);
      }),
    );
    const registrations = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) {
      // All or nothing: a half-registered service would answer some procedures and not others.
      await Promise.allSettled(registrations.map((r) => r.unregister()));
      throw failed.reason;
    }
    if (options.serveContract === true) {
      try {
        // Loaded on demand: the serving code and JSON Schema export stay out of callees that do not serve.
        const { serveContract } = await import('./live/live-contract.js');
        registrations.push(await serveContract(session, this.contract, options.prefix));
      } catch (error) {
        await Promise.allSettled(registrations.map((r) => r.unregister()));
        throw error;
      }
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

  #handlerFor(procedure: ProcedureContract, uri: string, options: CalleeRegisterOptions): InvocationHandler {
    const name = procedure.method ?? procedure.name;
    const method = (this as unknown as Record<string, Method>)[name];
    if (typeof method !== 'function') throw new TypeError(`${name} is not implemented`);
    const own =
      procedure.components === undefined
        ? method
        : withComponents(method, contractTemplate(this.contract, procedure, uri));
    const plan = new InvocationPlan(this, own, procedure, uri, options.validateResults ?? true);
    const interceptors = options.interceptors ?? [];
    if (interceptors.length === 0) return plan.direct;
    const service = this.contract.name;
    const chain = chainInterceptors(interceptors, plan.last);
    return (args, kwargs, context) =>
      chain({ service, procedure: procedure.name, uri, args: plan.decodeList(args, kwargs), context }).then(
        plan.encode,
      );
  }
}

/**
 * A procedure family's method: its URI components, parsed and validated from the concrete URI the
 * router names (INVOCATION.Details.procedure), come before the parameters. A bad component throws
 * `invalid_argument` before the implementation runs.
 */
function withComponents(method: Method, template: UriTemplate): Method {
  return function (this: unknown, ...params: unknown[]): unknown {
    const context = params[params.length - 1] as InvocationContext;
    return method.apply(this, [...template.parse(context.details.procedure), ...params]);
  };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * One procedure's invocation path, computed once per registration: the texts that name the
 * registered URI in errors, and the result encoder bound to them. A synchronous method answers
 * synchronously (the session then sends YIELD without a promise round trip), and arguments reach
 * the method without being copied into a new list.
 */
class InvocationPlan {
  readonly #self: ContractCallee;
  readonly #method: Method;
  readonly #procedure: ProcedureContract;
  readonly #validateResults: boolean;
  readonly #whereArgs: string;
  readonly #whereResult: string;
  readonly #whereProgress: string;

  constructor(
    self: ContractCallee,
    method: Method,
    procedure: ProcedureContract,
    uri: string,
    validateResults: boolean,
  ) {
    this.#self = self;
    this.#method = method;
    this.#procedure = procedure;
    this.#validateResults = validateResults;
    // Messages name the URI registered (under `prefix`), not the contract's default.
    this.#whereArgs = `arguments of ${uri}`;
    this.#whereResult = `result of ${uri}`;
    this.#whereProgress = `progress of ${uri}`;
  }

  /** Validates and decodes the inbound payload: the parameter list, or the kwargs object. */
  #decode(args: Args, kwargs: Kwargs): unknown {
    const p = this.#procedure;
    // Validation happens before user code: an invalid call never reaches the method.
    // A null in a positional gap means an absent optional parameter (absent-values.ts).
    const payload = p.kwargs ? kwargs : readGaps(p.args as z.core.$ZodType, args);
    // Unknown keys are refused like extra positional arguments (docs/generated-api.md, "Extra arguments and unknown keys").
    return decodeArguments<unknown>(p.args, payload, p.codec, this.#whereArgs);
  }

  /** The decoded arguments as interceptors see them: a `@kwargs` procedure's object is the one element. */
  decodeList(args: Args, kwargs: Kwargs): readonly unknown[] {
    const input = this.#decode(args, kwargs);
    return this.#procedure.kwargs ? [input] : (input as unknown[]);
  }

  /** Calls the method with the parameters spread and the context last, without building a new list. */
  #invoke(list: readonly unknown[], context: InvocationContext): unknown {
    const m = this.#method;
    const self = this.#self;
    switch (this.#procedure.params) {
      case 0:
        return m.call(self, context);
      case 1:
        return m.call(self, list[0], context);
      case 2:
        return m.call(self, list[0], list[1], context);
      case 3:
        return m.call(self, list[0], list[1], list[2], context);
      default: {
        const params = list.slice(0, this.#procedure.params);
        params.length = this.#procedure.params;
        params.push(context);
        return m.apply(self, params);
      }
    }
  }

  /** Encodes the method's (final) result; undefined travels as no Arguments, anything else as `Arguments[0]`. */
  readonly encode = (value: unknown): unknown => {
    const schema = this.#procedure.result;
    if (schema === undefined) return undefined;
    // The session sends a plain value as `Arguments[0]`; no WampResult is needed for one value.
    return encodeValue(
      schema,
      value,
      this.#validateResults,
      this.#procedure.codec,
      ContractErrorUri.INVALID_RESULT,
      this.#whereResult,
    );
  };

  /** The session handler without interceptors. */
  readonly direct: InvocationHandler = (args, kwargs, context) => {
    const input = this.#decode(args, kwargs);
    if (this.#procedure.input !== undefined) {
      return this.#streamed(this.#procedure.kwargs ? [input] : (input as unknown[]), context).then(
        this.encode,
      );
    }
    const returned = this.#procedure.kwargs
      ? this.#method.call(this.#self, input, context)
      : this.#invoke(input as unknown[], context);
    if (this.#procedure.progress) return this.#drain(returned, context).then(this.encode);
    return isThenable(returned) ? returned.then(this.encode) : this.encode(returned);
  };

  /** The innermost step of an interceptor chain: the method, drained when it streams. */
  readonly last: CalleeNext = (invocation) => {
    let returned: unknown;
    try {
      if (this.#procedure.input !== undefined) return this.#streamed(invocation.args, invocation.context);
      returned = this.#invoke(invocation.args, invocation.context);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#procedure.progress ? this.#drain(returned, invocation.context) : Promise.resolve(returned);
  };

  /**
   * Calls a method that takes a `Stream<Chunk>`: the decoded chunks (stream-input.ts) follow the
   * parameters; an invalid chunk fails the call with its own error, whatever the method returned.
   */
  #streamed(list: readonly unknown[], context: InvocationContext): Promise<unknown> {
    const p = this.#procedure;
    const stream = decodeInput(p, context);
    const params = list.slice(0, p.params);
    params.length = p.params;
    params.push(stream.chunks, context);
    const returned = this.#method.apply(this.#self, params);
    const outcome = p.progress ? this.#drain(returned, context) : Promise.resolve(returned);
    return stream.guard(outcome);
  }

  /** Runs an async generator method: each yielded chunk is a progressive result, the return value is final. */
  async #drain(returned: unknown, context: InvocationContext): Promise<unknown> {
    const iterator = returned as AsyncIterator<unknown, unknown>;
    const stop = (): void => {
      // The caller canceled: end the generator so its finally blocks run.
      void iterator.return?.(undefined);
    };
    context.signal.addEventListener('abort', stop, { once: true });
    try {
      for (let step = await iterator.next(); ; step = await iterator.next()) {
        if (step.done) return step.value;
        const wire = encodeValue(
          this.#procedure.progress!,
          step.value,
          this.#validateResults,
          this.#procedure.codec,
          ContractErrorUri.INVALID_RESULT,
          this.#whereProgress,
        );
        context.progress([wire]);
      }
    } finally {
      context.signal.removeEventListener('abort', stop);
    }
  }
}
