/**
 * A client's run-time compatibility check: its own contract (the caller) against the one the callee
 * serves, with the wire rules of `wamp-contracts diff` and the same rule IDs.
 */
import { compareContracts } from '../../contract-model/compat/compare-contracts.js';
import type { ContractModel } from '../../contract-model/contract-model.js';
import type { SessionApi } from '../../session/types.js';
import type { ServiceContract } from '../contract-types.js';
import type { ContractCheck } from './contract-check.js';
import {
  fetchLiveContract,
  LiveContractError,
  LiveContractErrorCode,
  loadServiceModel,
} from './live-contract.js';

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
  const base = { service: contract.name, uri, fingerprint: own.fingerprint };
  let live: Awaited<ReturnType<typeof fetchLiveContract>>;
  try {
    live = await fetchLiveContract(
      session,
      prefix,
      options.timeout === undefined ? {} : { timeout: options.timeout },
    );
  } catch (error) {
    if (error instanceof LiveContractError && error.code === LiveContractErrorCode.NOT_SERVED)
      return { ...base, status: 'not-served', findings: [] };
    throw error;
  }
  const liveFingerprint = live.fingerprint;
  if (liveFingerprint === own.fingerprint)
    return { ...base, status: 'compatible', liveFingerprint, findings: [] };
  // The served contract also carries the file's topics under the prefix; a client only calls.
  const findings = compareContracts(withoutTopics(own.model), withoutTopics(live.model!), {
    source: false,
  }).filter((f) => f.category === 'WIRE_CONSUMER');
  const status = findings.some((f) => f.severity === 'error') ? 'incompatible' : 'compatible';
  return { ...base, status, liveFingerprint, findings };
}

function withoutTopics(model: ContractModel): ContractModel {
  return { ...model, files: model.files.map((f) => ({ ...f, topics: [] })) };
}
