/** Public surface of the embedded router core (transports, auth and config live in subfolders). */
export type {
  Action,
  AuthStep,
  Authenticator,
  Authorizer,
  HelloInfo,
  Principal,
} from './session/auth-types.js';
export type { PeerAcceptor, PeerHandle, PeerLink } from '../transport/peer-link.js';
export type { InternalCallOptions, InternalCallResult, Router } from './router.js';
export type { MessageDirection, RouterMessageHook, RouterOptions } from './router-options.js';
export type { RouterStats } from './core/router-stats.js';
export { createRouter } from './create-router.js';
export { createAnonymousAuthenticator } from './auth/anonymous-authenticator.js';
export { createDefaultAuthorizer } from './auth/default-authorizer.js';
export { BROKER_FEATURES, DEALER_FEATURES } from './session/session-features.js';
export { META_PROCEDURES } from './realm/meta-api.js';
export { RouterConfigError, serve } from './serve.js';
export type { RunningRouter, ServeOptions } from './serve.js';
export { formatConfigIssues, loadRouterConfig, parseRouterConfig, ROUTER_DEFAULTS } from './config/index.js';
export type { ConfigIssue, ConfigResult, RouterConfig, RouterConfigInput } from './config/index.js';
