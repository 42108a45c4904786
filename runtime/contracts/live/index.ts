/**
 * `wamp-contracts/live`: live contracts (docs/live-contracts.md): serving a service's contract,
 * fetching and checking a running one, fingerprints. An entry of its own, not re-exported by
 * `wamp-contracts/runtime/contracts`, so that generated clients and callees, which load these
 * modules with `import()` only when a contract is served or checked, keep the comparison rules
 * and the JSON Schema export out of bundles that never use them (a static re-export would make a
 * code-splitting bundler load them with the page).
 */
export { canonicalJson, contractFingerprint } from './canonical-json.js';
export type { CheckContractOptions, CheckTopicsContractOptions } from './check-contract.js';
export { checkContract, checkTopicsContract } from './check-contract.js';
export { type CheckContractMode, type ContractCheck, ContractSkewError } from './contract-check.js';
export type { FetchLiveContractOptions, LiveContract, LiveContractFormat } from './live-contract.js';
export {
  CONTRACT_PROCEDURE_SUFFIX,
  contractProcedureUri,
  fetchLiveContract,
  LIVE_CONTRACT_PROTOCOL,
  LiveContractError,
  LiveContractErrorCode,
  loadServiceModel,
  serveContract,
} from './live-contract.js';
export {
  type ServiceSelector,
  serviceModel,
  servingService,
  type TopicsSelector,
  topicsModel,
} from './service-model.js';
