/**
 * The service host: loads a module's callee class and serves it as a long-lived process (connect
 * with reconnects, register, drain calls in flight on stop, leave). `wamp-contracts run` is a thin
 * command line over {@link hostService}. Node only (it imports modules from files).
 */
export type { HostServiceOptions, ServiceHostIo } from './host-service.js';
export { hostService } from './host-service.js';
export type { InflightTracker } from './inflight-tracker.js';
export { createInflightTracker, trackingSession } from './inflight-tracker.js';
export type { CalleeClass, CalleeLike } from './is-contract-callee.js';
export { isCalleeClass, isContractCallee, missingMethods } from './is-contract-callee.js';
export type { LoadedService, ModuleImporter, ServiceContextFactory, ServiceTarget } from './load-service.js';
export { loadService } from './load-service.js';
export type { ServiceContext, ServiceContextControl } from './service-context.js';
export { createServiceContext } from './service-context.js';
export type { ServiceErrorCodeValue } from './service-error.js';
export { ServiceError, ServiceErrorCode } from './service-error.js';
