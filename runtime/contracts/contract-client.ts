import type * as z from 'zod/mini';
import type { Args, Kwargs } from '../protocol/messages.js';
import type { CallOptions, CallResult, ProgressiveCall, SessionApi } from '../session/types.js';
import { toRegisteredError } from './contract-error.js';
import type {
  ContractSchema,
  ProcedureContract,
  ServiceContract,
  UriTemplate,
  ValidationOptions,
} from './contract-types.js';
import { remapUri } from './contract-types.js';
import {
  type ClientCall,
  type ClientInterceptor,
  type ClientNext,
  chainInterceptors,
} from './interceptors.js';
import type { ProgressiveResult } from './progressive-result.js';
import { fillGaps, isNullAbsent } from './absent-values.js';
import { encodeInput, type OutboundStream } from './stream-input.js';
import type { CheckContractOptions } from './live/check-contract.js';
import { type CheckContractMode, type ContractCheck, checkGate } from './live/contract-check.js';
import { ContractErrorUri } from './validation-error.js';
import { contractTemplate } from './uri-template.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** Options of a generated client. */
export interface ClientOptions extends ValidationOptions {
  /** Call the service mounted under this prefix instead of the contract's (see the callee's `register`). */
  readonly prefix?: string;
  /** Defaults merged under every call's own options (e.g. a timeout). */
  readonly callOptions?: CallOptions;
  /** Wrap every call (the first is the outermost); see docs/generated-api.md, "Interceptors". */
  readonly interceptors?: readonly ClientInterceptor[];
  /**
   * Check the live contract before the first call (docs/live-contracts.md): `'throw'` fails that
   * call and every later one with a `ContractSkewError` when the callee's contract is incompatible;
   * a function receives the {@link ContractCheck} and the calls go on. Off by default.
   */
  readonly checkContract?: CheckContractMode;
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

  readonly #contract: ServiceContract;
  readonly #prefix: string | undefined;

  constructor(session: SessionApi, contract: ServiceContract, options: ClientOptions = {}) {
    this.session = session;
    this.#contract = contract;
    this.#prefix = options.prefix;
    const rpc: Record<string, (...args: unknown[]) => unknown> = {};
    const interceptors =
      options.checkContract === undefined
        ? (options.interceptors ?? [])
        : [
            checkOnFirstCall(() => this.checkContract(), options.checkContract),
            ...(options.interceptors ?? []),
          ];
    for (const procedure of contract.procedures) {
      const caller = new ProcedureCaller(session, contract, procedure, options);
      if (procedure.components !== undefined) {
        // A procedure family: the leading arguments are URI components (uri-template.ts).
        rpc[procedure.name] = caller.templated(
          contractTemplate(contract, procedure, caller.uri),
          interceptors,
        );
      } else if (interceptors.length === 0) {
        rpc[procedure.name] = procedure.progress
          ? (...input) => caller.callProgressive(input)
          : (...input) => caller.callOnce(input);
      } else {
        rpc[procedure.name] = procedure.progress
          ? (...input) => caller.interceptProgressive(input, interceptors)
          : caller.intercepted(interceptors);
      }
    }
    this.rpc = rpc as Rpc;
  }

  /**
   * Fetches the contract the callee serves at `<prefix>._contract` and compares this client's own
   * with it by the wire rules of `wamp-contracts diff` (same rule IDs).
   *
   * @example
   * const check = await new WeatherClient(session).checkContract();
   * if (check.status === 'incompatible') for (const f of check.findings) console.warn(f.rule, f.message);
   */
  async checkContract(options: CheckContractOptions = {}): Promise<ContractCheck> {
    // Loaded on demand: the compatibility rules stay out of clients that never check.
    const { checkContract } = await import('./live/check-contract.js');
    return checkContract(this.session, this.#contract, this.#prefix ?? this.#contract.prefix, options);
  }
}

/** The interceptor of `checkContract` in {@link ClientOptions}: one check, awaited by every call until it settles. */
function checkOnFirstCall(run: () => Promise<ContractCheck>, mode: CheckContractMode): ClientInterceptor {
  const gate = checkGate(run, mode);
  return (next) => (call) => gate().then(() => next(call));
}

const noop = (): undefined => undefined;

// A session error becomes its registered typed class, once (the session may have mapped it already).
function rethrowRegistered(error: unknown): never {
  throw toRegisteredError(error);
}

/**
 * Everything one procedure's calls need, computed once per client: the URI, the validation
 * switches, the texts that name the URI in errors, and the result decoder bound to them. A call
 * then costs its payload work and one `then`, no per-call closures or option objects.
 */
class ProcedureCaller {
  readonly #session: SessionApi;
  readonly #procedure: ProcedureContract;
  readonly #service: string;
  /** The URI called (a template's text for a procedure family, whose calls each format their own). */
  readonly uri: string;
  readonly #params: number;
  /** Index of the options object in the method's arguments: after the parameters and the stream, if any. */
  readonly #optionsAt: number;
  /** The encoded streams of this procedure's calls in flight (only for a `Stream<Chunk>` parameter). */
  readonly #streams = new WeakMap<ProgressiveCall, OutboundStream>();
  readonly #defaults: CallOptions | undefined;
  readonly #validateArgs: boolean;
  readonly #validateResults: boolean;
  readonly #whereArgs: string;
  readonly #whereResult: string;
  readonly #whereProgress: string;

  constructor(
    session: SessionApi,
    contract: ServiceContract,
    procedure: ProcedureContract,
    options: ClientOptions,
  ) {
    this.#session = session;
    this.#procedure = procedure;
    this.#service = contract.name;
    this.uri = remapUri(procedure.uri, contract.prefix, options.prefix);
    this.#params = procedure.params;
    this.#optionsAt = procedure.params + (procedure.input === undefined ? 0 : 1);
    this.#defaults = options.callOptions;
    this.#validateArgs = options.validateArgs ?? true;
    this.#validateResults = options.validateResults ?? true;
    // Messages name the URI actually called, not the contract's default (a client under `prefix`).
    this.#whereArgs = `arguments of ${this.uri}`;
    this.#whereResult = `result of ${this.uri}`;
    this.#whereProgress = `progress of ${this.uri}`;
  }

  /** The method's own options (after its parameters) merged over the client's defaults. */
  #options(input: unknown[]): CallOptions | undefined {
    let own: CallOptions | undefined;
    if (input.length > this.#optionsAt) {
      own = input[this.#optionsAt] as CallOptions | undefined;
      // The rest array is ours: cut the options off instead of copying the parameters out.
      input.length = this.#optionsAt;
    }
    const defaults = this.#defaults;
    return defaults === undefined ? own : own === undefined ? defaults : { ...defaults, ...own };
  }

  /** Validates and encodes `values` (an array of our own, changed in place) and sends the CALL. */
  #send(
    values: unknown[],
    options: CallOptions | undefined,
    progressive: false,
    uri: string,
  ): Promise<CallResult>;
  #send(values: unknown[], options: CallOptions | undefined, progressive: true, uri: string): ProgressiveCall;
  #send(
    values: unknown[],
    options: CallOptions | undefined,
    progressive: boolean,
    uri: string,
  ): Promise<CallResult> | ProgressiveCall {
    const p = this.#procedure;
    let stream: OutboundStream | undefined;
    if (p.input !== undefined) {
      // A stream parameter comes after the ordinary ones: it becomes the call's progressive input.
      stream = encodeInput(p, values[this.#params], this.#validateArgs);
      values.length = this.#params;
      options = { ...options, input: stream.input, inputEnd: 'empty' };
    }
    // Trailing absent optional parameters are not sent (JSON would turn them into null).
    while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
    const encoded = encodeValue(
      p.args,
      p.kwargs ? values[0] : values,
      this.#validateArgs,
      p.codec,
      ContractErrorUri.INVALID_ARGUMENT,
      this.#whereArgs,
    );
    let args: Args | undefined;
    let kwargs: Kwargs | undefined;
    if (p.kwargs) kwargs = encoded as Kwargs;
    // A skipped parameter before a given one travels as null (docs/generated-api.md, "Absent values on the wire").
    else args = values.includes(undefined) ? fillGaps(encoded as unknown[]) : (encoded as Args);
    if (!progressive) {
      const sent = this.#session.call(uri, args, kwargs, options);
      return stream === undefined ? sent : stream.guard(sent);
    }
    const call = this.#session.callProgressive(uri, args, kwargs, options);
    if (stream !== undefined) this.#streams.set(call, stream);
    return call;
  }

  /** The final result of a progressive call; an invalid input chunk fails it with its own error. */
  #final(call: ProgressiveCall): Promise<CallResult> {
    const stream = this.#streams.get(call);
    return stream === undefined ? call.result : stream.guard(call.result);
  }

  /** Decodes `Arguments[0]` of the final result; bound once, used as the `then` callback of every call. */
  readonly decode = (result: CallResult): unknown => {
    const schema = this.#procedure.result;
    if (schema === undefined) return undefined;
    const value = result.args[0];
    return decodeValue(
      schema,
      // null for an absent result: the wire cannot carry undefined (absent-values.ts).
      value === null && isNullAbsent(schema as z.core.$ZodType) ? undefined : value,
      this.#validateResults,
      this.#procedure.codec,
      ContractErrorUri.INVALID_RESULT,
      this.#whereResult,
    );
  };

  /** A plain call: `input` is the method's rest array (parameters, then options). */
  callOnce(input: unknown[], uri: string = this.uri): Promise<unknown> {
    let sent: Promise<CallResult>;
    try {
      sent = this.#send(input, this.#options(input), false, uri);
    } catch (error) {
      // Invalid arguments reject the returned promise, like every other failure of a call.
      return Promise.reject(error);
    }
    return sent.then(this.decode, rethrowRegistered);
  }

  /** A call with progressive results, without interceptors. */
  callProgressive(input: unknown[], uri: string = this.uri): ProgressiveResult<unknown, unknown> {
    const call = this.#send(input, this.#options(input), true, uri);
    const result = this.#final(call).then(this.decode, rethrowRegistered);
    // Callers that only iterate must not see an unhandled rejection from `result`.
    result.catch(noop);
    return { result, [Symbol.asyncIterator]: () => this.#chunks(Promise.resolve(call)) };
  }

  /** Decoded progressive chunks; leaving the loop early cancels the call (the session's iterator does). */
  async *#chunks(started: Promise<ProgressiveCall | undefined>): AsyncGenerator<unknown, void, undefined> {
    const schema = this.#procedure.progress as ContractSchema;
    try {
      const call = await started;
      // An interceptor answered without calling `next`: there are no chunks.
      if (call === undefined) return;
      for await (const progress of call) {
        yield decodeValue(
          schema,
          progress.args[0],
          this.#validateResults,
          this.#procedure.codec,
          ContractErrorUri.INVALID_RESULT,
          this.#whereProgress,
        );
      }
    } catch (error) {
      throw toRegisteredError(error);
    }
  }

  /** What interceptors see of a call. */
  #call(input: unknown[], uri: string): ClientCall {
    const options = this.#options(input) ?? {};
    return {
      service: this.#service,
      procedure: this.#procedure.name,
      uri,
      args: input,
      options,
      progressive: this.#procedure.progress !== undefined,
    };
  }

  /** The method of a plain procedure with interceptors: the chain is built once, per client. */
  intercepted(interceptors: readonly ClientInterceptor[]): (...input: unknown[]) => Promise<unknown> {
    const chain = this.#chain(interceptors);
    return (...input) => run(chain, this.#call(input, this.uri));
  }

  /**
   * The method of a procedure family (`@uri a.{id}.b`): the leading arguments are URI components,
   * checked and formatted into the concrete URI before anything is sent; the rest is the call.
   */
  templated(
    template: UriTemplate,
    interceptors: readonly ClientInterceptor[],
  ): (...input: unknown[]) => unknown {
    const count = template.components.length;
    if (this.#procedure.progress !== undefined) {
      // Like a bad payload, a bad component of a progressive call throws at once.
      return (...input) => {
        const uri = template.format(input);
        const rest = input.slice(count);
        return interceptors.length === 0
          ? this.callProgressive(rest, uri)
          : this.interceptProgressive(rest, interceptors, uri);
      };
    }
    const chain = interceptors.length === 0 ? undefined : this.#chain(interceptors);
    return (...input) => {
      let uri: string;
      try {
        uri = template.format(input);
      } catch (error) {
        return Promise.reject(error);
      }
      const rest = input.slice(count);
      return chain === undefined ? this.callOnce(rest, uri) : run(chain, this.#call(rest, uri));
    };
  }

  /** The interceptor chain of a plain call, ending in the call itself (to the URI interceptors leave in `call.uri`). */
  #chain(interceptors: readonly ClientInterceptor[]): ClientNext {
    const last: ClientNext = (call) => {
      // Interceptors may keep `call.args`: encode a copy.
      let sent: Promise<CallResult>;
      try {
        sent = this.#send([...call.args], call.options, false, call.uri);
      } catch (error) {
        return Promise.reject(error);
      }
      return sent.then(this.decode, rethrowRegistered);
    };
    return chainInterceptors(interceptors, last);
  }

  /** A progressive call through interceptors: `result` is the chain's outcome, chunks flow once `next` starts the call. */
  interceptProgressive(
    input: unknown[],
    interceptors: readonly ClientInterceptor[],
    uri: string = this.uri,
  ): ProgressiveResult<unknown, unknown> {
    let begin!: (call: ProgressiveCall) => void;
    const started = new Promise<ProgressiveCall>((resolve) => {
      begin = resolve;
    });
    // Built per call: the innermost step hands this call's chunks to this call's iterator.
    const chain = chainInterceptors(interceptors, (call: ClientCall) => {
      let progressive: ProgressiveCall;
      try {
        progressive = this.#send([...call.args], call.options, true, call.uri);
      } catch (error) {
        return Promise.reject(error);
      }
      begin(progressive);
      return this.#final(progressive).then(this.decode, rethrowRegistered);
    });
    const result = run(chain, this.#call(input, uri));
    result.catch(noop);
    // The chunks wait for the call to start; a chain that fails or answers first ends them.
    const ready = Promise.race([started, result.then(noop)]);
    ready.catch(noop);
    return { result, [Symbol.asyncIterator]: () => this.#chunks(ready) };
  }
}

/** Runs a chain; an interceptor that throws synchronously rejects the call instead. */
function run(chain: ClientNext, call: ClientCall): Promise<unknown> {
  try {
    return chain(call);
  } catch (error) {
    return Promise.reject(error);
  }
}
