/**
 * wamp-contracts: the package main entry. `connect()` gives a joined WAMP session; errors are
 * `WampError`s; everything else (protocol, serializers, router, testing) has its own entry.
 *
 * @example
 * import { connect } from 'wamp-contracts';
 * await using session = await connect({ url: 'ws://127.0.0.1:8080/ws', realm: 'realm1' });
 * await session.register('com.example.add', ([a, b]) => Number(a) + Number(b));
 */
export { connect } from './session/connect.js';
export { Session } from './session/session.js';
export type { SessionState, SessionStats } from './session/session.js';
export { WampError, isWampError } from './protocol/wamp-error.js';
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
} from './protocol/predefined-errors.js';
export type { AuthenticationUri, NotAuthorizedUri, ValidationIssue } from './protocol/predefined-errors.js';
export { CloseUri, ErrorUri } from './protocol/uris.js';
export type { CloseUriValue, ErrorUriValue } from './protocol/uris.js';
export { isWampResult, WampResult } from './session/wamp-result.js';
export { ConnectionError, isConnectionError } from './transport/connection-error.js';
export type { ConnectionErrorCode } from './transport/connection-error.js';
export { createErrorRegistry, errorRegistry } from './session/error-registry.js';
export type { ErrorClass, ErrorMapping, ErrorRegistry, WireError } from './session/error-registry.js';
export type {
  AuthOptions,
  ChallengeAnswer,
  ChallengeHandler,
  ConnectOptions,
  DebugLogger,
  DisconnectInfo,
  JoinInfo,
  MessageDirection,
  MessageHook,
  PingOptions,
  ReconnectOptions,
  RestoreFailedInfo,
  RestoreRetryInfo,
  RestoreRetryOptions,
  SessionEvents,
  TlsOptions,
} from './session/connect-options.js';
export type {
  CallInputChunk,
  CallOptions,
  CallResult,
  EventContext,
  EventHandler,
  HandlerReturn,
  InvocationContext,
  InvocationHandler,
  ProgressiveCall,
  PublishOptions,
  Registration,
  RegisterOptions,
  SessionApi,
  SubscribeOptions,
  Subscription,
} from './session/types.js';
export type { CloseInfo, Transport, TransportFactory } from './transport/types.js';
export { createInMemoryTransportFactory } from './transport/in-memory.js';
export type { Args, Dict, Id, Kwargs, MatchPolicy, InvokePolicy } from './protocol/messages.js';
export type { SerializerName } from './serializers/types.js';
