export type { ConfigIssue, ConfigResult } from './parse-router-config.js';
export { formatConfigIssues, parseRouterConfig } from './parse-router-config.js';
export { loadRouterConfig, resolveTlsPaths } from './load-router-config.js';
export type {
  RouterConfig,
  RouterConfigInput,
  RuleConfig,
  TransportConfig,
  UserConfig,
} from './router-config-schema.js';
export { ROUTER_DEFAULTS, routerConfigSchema } from './router-config-schema.js';
