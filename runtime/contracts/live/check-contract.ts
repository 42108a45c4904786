/**
 * A client's run-time compatibility check: its own contract (the caller, or a topics client's
 * subscriber or publisher) against the one the service serves, with the wire rules of
 * `wamp-contracts diff` and the same rule IDs.
 */
import type { CompatFinding } from '../../contract-model/compat/compat-finding.js';
import { CompatRules } from '../../contract-model/compat/compat-rules.js';
import { compareContracts } from '../../contract-model/compat/compare-contracts.js';
import type { ContractModel } from '../../contract-model/contract-model.js';
import type { SessionApi } from '../../session/types.js';
import type { ServiceContract, TopicsContract } from '../contract-types.js';
import { contractFingerprint } from './canonical-json.js';
import type { ContractCheck } from './contract-check.js';
import {
  contractProcedureUri,
  fetchLiveContract,
  type LiveContract,
  LiveContractError,
  LiveContractErrorCode,
  loadServiceModel,
} from './live-contract.js';
import { serviceModel, servingService, topicsModel } from './service-model.js';

/** Options of a contract check. */
export interface CheckContractOptions {
  /** Call timeout of the contract fetch in ms (default 10 000). */
  readonly timeout?: number;
}

/** Fetches the live contract of `contract` (mounted at `prefix`) and compares the client's own with it. */
export async function checkContract(
  session: SessionApi,
  contract: ServiceContract,
  prefix: string = contract.prefix,
  options: CheckContractOptions = {},
): Promise<ContractCheck> {
  // With the topics, as served: the same contract then has the same fingerprint on both sides.
  const own = await loadServiceModel(contract, prefix, true);
  const uri = `${prefix}._contract`;
  const base = { role: 'caller' as const, service: contract.name, uri, fingerprint: own.fingerprint };
  const live = await fetchServed(session, prefix, options);
  if (live === undefined) return { ...base, status: 'not-served', findings: [] };
  const liveFingerprint = live.fingerprint;
  if (liveFingerprint === own.fingerprint)
    return { ...base, status: 'compatible', liveFingerprint, findings: [] };
  // The served contract also carries the file's topics under the prefix; a client only calls.
  const findings = compareLive(uri, () =>
    compareContracts(withoutTopics(own.model), withoutTopics(live.model!), { source: false }),
  ).filter((f) => f.category === 'WIRE_CONSUMER');
  const status = findings.some((f) => f.severity === 'error') ? 'incompatible' : 'compatible';
  return { ...base, status, liveFingerprint, findings };
}

/**
 * Runs a comparison with the live model. The engine reads a peer's JSON defensively; should a
 * malformed model still make it throw, that is the answer's fault (`live.invalid_answer`), not a
 * TypeError for the caller.
 */
function compareLive(uri: string, compare: () => CompatFinding[]): CompatFinding[] {
  try {
    return compare();
  } catch (error) {
    throw new LiveContractError(
      LiveContractErrorCode.INVALID_ANSWER,
      `the answer of ${uri} is not a usable contract model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The live contract served at `<prefix>._contract`, or undefined when nothing is registered there. */
async function fetchServed(
  session: SessionApi,
  prefix: string,
  options: CheckContractOptions,
): Promise<LiveContract | undefined> {
  try {
    return await fetchLiveContract(
      session,
      prefix,
      options.timeout === undefined ? {} : { timeout: options.timeout },
    );
  } catch (error) {
    if (error instanceof LiveContractError && error.code === LiveContractErrorCode.NOT_SERVED)
      return undefined;
    throw error;
  }
}

function withoutTopics(model: ContractModel): ContractModel {
  return { ...model, files: model.files.map((f) => ({ ...f, topics: [] })) };
}

function withoutServices(model: ContractModel): ContractModel {
  return { ...model, files: model.files.map((f) => ({ ...f, services: [] })) };
}

/** Options of a topics client's contract check. */
export interface CheckTopicsContractOptions extends CheckContractOptions {
  /**
   * Check this client as the `subscriber` of its topics (the default: can it read what publishers
   * built from the live contract send?) or as their `publisher` (do subscribers built from the live
   * contract accept what it sends?).
   */
  readonly role?: 'subscriber' | 'publisher';
}

/**
 * Fetches the live contract that carries the topics of `contract` (mounted at `prefix`): the one
 * served at `<prefix>._contract` by the service sharing the topics' prefix, which serves the topics
 * interfaces of its file with it. Compares the client's own topics with the live ones.
 */
export async function checkTopicsContract(
  session: SessionApi,
  contract: TopicsContract,
  prefix: string = contract.prefix,
  options: CheckTopicsContractOptions = {},
): Promise<ContractCheck> {
  const role = options.role ?? 'subscriber';
  if (contract.model === undefined)
    throw new LiveContractError(
      LiveContractErrorCode.NO_MODEL,
      `${contract.name} carries no contract model: regenerate it with this version of wamp-contracts`,
    );
  const whole = await contract.model();
  const selector = {
    name: contract.name,
    mountedAt: prefix,
    ...(contract.file === undefined ? {} : { file: contract.file }),
  };
  const own = topicsModel(whole, selector);
  if (own === undefined)
    throw new LiveContractError(
      LiveContractErrorCode.SERVICE_NOT_IN_MODEL,
      `the contract model does not declare topics ${contract.name}`,
    );
  // The fingerprint the serving service computes for the same contract, so equal contracts skip the comparison.
  const server = servingService(whole, selector);
  const served = server && serviceModel(whole, { ...selector, name: server.name, topics: true });
  const fingerprint = await contractFingerprint(served ?? own);
  const base = { role, service: contract.name, uri: contractProcedureUri(prefix), fingerprint };
  const live = await fetchServed(session, prefix, options);
  if (live === undefined) return { ...base, status: 'not-served', findings: [] };
  const liveFingerprint = live.fingerprint;
  if (liveFingerprint === fingerprint)
    return { ...base, status: 'compatible', liveFingerprint, findings: [] };
  const liveModel = live.model!;
  // A service under this prefix that does not carry these topics says nothing about them.
  const carries = (f: (typeof liveModel.files)[number] | null) =>
    Array.isArray(f?.topics) && f.topics.some((t) => t?.name === contract.name);
  if (!liveModel.files.some(carries)) return { ...base, status: 'not-served', liveFingerprint, findings: [] };
  const findings = compareLive(base.uri, () =>
    compareContracts(own, withoutServices(liveModel), { source: false }),
  ).filter((f) =>
    role === 'subscriber'
      ? f.category === 'WIRE_CONSUMER'
      : // A topic only the live side declares is other publishers' business, not this one's.
        f.category === 'WIRE_PROVIDER' && f.rule !== CompatRules.TOPIC_ADDED.id,
  );
  const status = findings.some((f) => f.severity === 'error') ? 'incompatible' : 'compatible';
  return { ...base, status, liveFingerprint, findings };
}
