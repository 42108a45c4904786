/**
 * Live contracts (docs/live-contracts.md): a callee serves its service's contract at
 * `<prefix>._contract`, an ordinary procedure inside the service's URI space, so it works through
 * any router and the router's authorization of that space applies to it.
 */
import type { ContractJsonSchema } from '../../contract-model/json-schema.js';
import { contractJsonSchema } from '../../contract-model/json-schema.js';
import type { ContractModel } from '../../contract-model/contract-model.js';
import { isWampError } from '../../protocol/wamp-error.js';
import type { Registration, SessionApi } from '../../session/types.js';
import type { ServiceContract } from '../contract-types.js';
import { contractFingerprint } from './canonical-json.js';
import { serviceModel } from './service-model.js';

/** The last URI component of the procedure that serves a service's contract. */
export const CONTRACT_PROCEDURE_SUFFIX = '_contract';

/** The protocol tag of a live contract answer; bumped when its shape changes. */
export const LIVE_CONTRACT_PROTOCOL = 'wamp-contracts.live/1';

/** What a caller asks `<prefix>._contract` for (its `Arguments[0]`, `'model'` when absent). */
export type LiveContractFormat = 'model' | 'jsonschema' | 'fingerprint';

/** The answer of `<prefix>._contract` (its `Arguments[0]`). */
export interface LiveContract {
  readonly protocol: typeof LIVE_CONTRACT_PROTOCOL;
  /** The service's interface name, e.g. `Weather`. */
  readonly service: string;
  /** The prefix it is registered under. */
  readonly prefix: string;
  /** `sha256:<hex>` over the canonical JSON of `model` (see `contractFingerprint`). */
  readonly fingerprint: string;
  /** The service's contract model (format `model`). */
  readonly model?: ContractModel;
  /** The JSON Schema of that model (format `jsonschema`). */
  readonly jsonSchema?: ContractJsonSchema;
}

/** Stable codes of {@link LiveContractError}. */
export const LiveContractErrorCode = {
  /** The service's generated code carries no model (generated before live contracts, or hand-written). */
  NO_MODEL: 'live.no_model',
  /** The model the generated code loaded does not declare the service. */
  SERVICE_NOT_IN_MODEL: 'live.service_not_in_model',
  /** Nothing is registered at `<prefix>._contract`. */
  NOT_SERVED: 'live.not_served',
  /** The answer of `<prefix>._contract` is not a live contract of this version. */
  INVALID_ANSWER: 'live.invalid_answer',
} as const;
export type LiveContractErrorCode = (typeof LiveContractErrorCode)[keyof typeof LiveContractErrorCode];

/** A live contract could not be served or read; `code` is one of {@link LiveContractErrorCode}. */
export class LiveContractError extends Error {
  override readonly name = 'LiveContractError';
  readonly code: LiveContractErrorCode;
  constructor(code: LiveContractErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The URI of the procedure serving the contract of a service mounted at `prefix`. */
export function contractProcedureUri(prefix: string): string {
  return `${prefix}.${CONTRACT_PROCEDURE_SUFFIX}`;
}

/** The service's own model subset (mounted at `prefix`) and its fingerprint, loaded once per call. */
export async function loadServiceModel(
  contract: ServiceContract,
  prefix: string = contract.prefix,
  topics = false,
): Promise<{ model: ContractModel; fingerprint: string }> {
  if (contract.model === undefined)
    throw new LiveContractError(
      LiveContractErrorCode.NO_MODEL,
      `${contract.name} carries no contract model: regenerate it with this version of wamp-contracts`,
    );
  const whole = await contract.model();
  const model = serviceModel(whole, {
    name: contract.name,
    ...(contract.file === undefined ? {} : { file: contract.file }),
    mountedAt: prefix,
    topics,
  });
  if (model === undefined)
    throw new LiveContractError(
      LiveContractErrorCode.SERVICE_NOT_IN_MODEL,
      `the contract model does not declare service ${contract.name}`,
    );
  return { model, fingerprint: await contractFingerprint(model) };
}

/**
 * Registers `<prefix>._contract` on `session`, answering with the service's {@link LiveContract}.
 * The model is loaded (and its JSON Schema built) on the first call, then kept.
 */
export async function serveContract(
  session: SessionApi,
  contract: ServiceContract,
  prefix: string = contract.prefix,
): Promise<Registration> {
  // Load before registering, so a callee without a model fails at register, not at its first caller.
  const loaded = await loadServiceModel(contract, prefix, true);
  const base = {
    protocol: LIVE_CONTRACT_PROTOCOL,
    service: contract.name,
    prefix,
    fingerprint: loaded.fingerprint,
  };
  let jsonSchema: ContractJsonSchema | undefined;
  return session.register(contractProcedureUri(prefix), (args) => {
    const format = args[0] ?? 'model';
    if (format === 'fingerprint') return base;
    if (format === 'jsonschema') {
      jsonSchema ??= contractJsonSchema(loaded.model);
      return { ...base, jsonSchema };
    }
    if (format === 'model') return { ...base, model: loaded.model };
    throw new TypeError(
      `unknown live contract format ${JSON.stringify(format)}: use model, jsonschema or fingerprint`,
    );
  });
}

/** Options of {@link fetchLiveContract}. */
export interface FetchLiveContractOptions {
  readonly format?: LiveContractFormat;
  /** Call timeout in ms (default 10 000). */
  readonly timeout?: number;
}

/**
 * Calls `<prefix>._contract` and checks the answer's shape. Throws a {@link LiveContractError}
 * `live.not_served` when nothing is registered there, `live.invalid_answer` for a malformed answer.
 */
export async function fetchLiveContract(
  session: SessionApi,
  prefix: string,
  options: FetchLiveContractOptions = {},
): Promise<LiveContract> {
  const uri = contractProcedureUri(prefix);
  const format = options.format ?? 'model';
  let answer: unknown;
  try {
    const result = await session.call(uri, [format], undefined, { timeout: options.timeout ?? 10_000 });
    answer = result.args[0];
  } catch (error) {
    if (isWampError(error) && error.uri === 'wamp.error.no_such_procedure')
      throw new LiveContractError(LiveContractErrorCode.NOT_SERVED, `nothing serves a contract at ${uri}`, {
        cause: error,
      });
    throw error;
  }
  return readLiveContract(answer, uri, format);
}

/** Checks that `answer` is a {@link LiveContract} with the part `format` asks for. */
export function readLiveContract(answer: unknown, uri: string, format: LiveContractFormat): LiveContract {
  const bad = (why: string): never => {
    throw new LiveContractError(LiveContractErrorCode.INVALID_ANSWER, `the answer of ${uri} ${why}`);
  };
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return bad('is not an object');
  const a = answer as Record<string, unknown>;
  if (a.protocol !== LIVE_CONTRACT_PROTOCOL) return bad(`is not ${LIVE_CONTRACT_PROTOCOL}`);
  if (typeof a.service !== 'string' || typeof a.prefix !== 'string') return bad('has no service or prefix');
  if (typeof a.fingerprint !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(a.fingerprint))
    return bad('has no sha256 fingerprint');
  if (format === 'model') {
    const m = a.model as Record<string, unknown> | undefined;
    if (m === null || typeof m !== 'object' || m.modelVersion !== 2 || !Array.isArray(m.files))
      return bad('has no contract model of version 2');
  }
  if (format === 'jsonschema' && (a.jsonSchema === null || typeof a.jsonSchema !== 'object'))
    return bad('has no JSON Schema');
  return answer as LiveContract;
}
