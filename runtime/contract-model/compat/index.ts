export type { CompatFinding } from './compat-finding.js';
export { formatPlace } from './compat-finding.js';
export {
  COMPAT_CATEGORIES,
  type CompatCategory,
  type CompatRule,
  CompatRules,
  type CompatSeverity,
} from './compat-rules.js';
export { type CompareOptions, compareContracts, formatFinding, sortFindings } from './compare-contracts.js';
