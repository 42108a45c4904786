/** The client session: `connect()`, the `Session` class, options, errors and the error registry. */
export { connect } from './connect.js';
export type { SessionState, SessionStats } from './session.js';
export { Session } from './session.js';
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
  SessionEvents,
  TlsOptions,
} from './connect-options.js';
export type { ConnectionErrorCode } from '../transport/connection-error.js';
export { ConnectionError, isConnectionError } from '../transport/connection-error.js';
export type { ErrorClass, ErrorMapping, ErrorRegistry, WireError } from './error-registry.js';
export { createErrorRegistry, errorRegistry } from './error-registry.js';
export type { ReconnectPolicy } from './backoff.js';
export { backoffDelay, DEFAULT_RECONNECT } from './backoff.js';
export { CLIENT_ROLES } from './features.js';
export { WampResult } from './wamp-result.js';
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
} from './types.js';
