/**
 * `wamp-contracts/runtime/contracts`: the stable entry point that generated code imports.
 * `z` here is classic zod, kept for hand-written schemas; generated modules import their
 * validators (`zod/mini`) from `wamp-contracts/validators`, which bundlers tree-shake.
 */
export { z } from 'zod';
export type { ContractModel } from '../contract-model/contract-model.js';
export type { CompatFinding } from '../contract-model/compat/compat-finding.js';
export type { Id } from '../protocol/messages.js';
export { isWampError, WampError } from '../protocol/wamp-error.js';
export {
  AuthenticationError,
  CanceledError,
  createWampError,
  FeatureNotSupportedError,
  InvalidArgumentError,
  InvalidUriError,
  NoAvailableCalleeError,
  NoSuchProcedureError,
  NoSuchRealmError,
  NoSuchRegistrationError,
  NoSuchSubscriptionError,
  NotAuthorizedError,
  PayloadSizeExceededError,
  ProcedureAlreadyExistsError,
  ProtocolViolationError,
  TimeoutError,
} from '../protocol/predefined-errors.js';
export type {
  CallOptions,
  EventContext,
  InvocationContext,
  PublishOptions,
  Registration,
  SessionApi,
  SubscribeOptions,
  Subscription,
} from '../session/types.js';
export type { CalleeRegisterOptions } from './contract-callee.js';
export { ContractCallee } from './contract-callee.js';
export type { ClientOptions } from './contract-client.js';
export { ContractClient } from './contract-client.js';
export type { ContractErrorClass, PayloadPlacement } from './contract-error.js';
export {
  ContractError,
  isContractError,
  registerContractError,
  toRegisteredError,
} from './contract-error.js';
export type {
  EventErrorHook,
  EventErrorKind,
  TopicsClientOptions,
  TopicsClientStats,
} from './contract-topics-client.js';
export { ContractTopicsClient } from './contract-topics-client.js';
export type {
  ProcedureContract,
  ServiceContract,
  TopicContract,
  TopicsContract,
  UriComponentContract,
  UriTemplate,
  UriTemplateFactory,
  ValidationOptions,
} from './contract-types.js';
export { remapUri } from './contract-types.js';
export type {
  CalleeInterceptor,
  CalleeInvocation,
  CalleeNext,
  ClientCall,
  ClientInterceptor,
  ClientNext,
  ContextKey,
  ContextValues,
  EventInterceptor,
  EventNext,
  PublishInterceptor,
  PublishNext,
  TopicEvent,
  TopicPublication,
} from './interceptors.js';
export { chainInterceptors, contextValues, createContextKey } from './interceptors.js';
export { binary } from './binary.js';
export { isoDate } from './iso-date.js';
export type { ProgressiveResult } from './progressive-result.js';
export type { ValidationIssue } from './validation-error.js';
export { ContractErrorUri, createValidationError, toValidationIssues } from './validation-error.js';
export type { ValidationMode } from './validation-mode.js';
export { canGenerateCode, getValidationMode, prepareSchema, setValidationMode } from './validation-mode.js';
export { decodeValue, encodeValue } from './wire-value.js';
// The rules generated callees apply beyond zod, for tools that validate like them (the CLI's `call`).
export { isNullAbsent, readGaps } from './absent-values.js';
export { unknownKeyIssues } from './unknown-keys.js';
export { exceedsDepth, MAX_VALIDATE_DEPTH } from './value-depth.js';
// Live contracts: the values are in `wamp-contracts/live` (live/index.ts), so that bundles that never
// serve or check a contract leave them out; the error a check throws and the types stay here.
export type { CheckContractOptions, CheckTopicsContractOptions } from './live/check-contract.js';
export { type CheckContractMode, type ContractCheck, ContractSkewError } from './live/contract-check.js';
export type { FetchLiveContractOptions, LiveContract, LiveContractFormat } from './live/live-contract.js';
export type { ServiceSelector, TopicsSelector } from './live/service-model.js';
export { componentRecord, createUriTemplate, INVALID_URI_COMPONENT } from './uri-template.js';
