/** Public surface of the WAMP protocol layer: message types, decoder, URI and ID rules, builders. */
export type { MessageTypeCode, MessageTypeName } from './message-type.js';
export { MessageType, messageTypeName } from './message-type.js';
export type {
  AbortMessage,
  Args,
  AuthenticateMessage,
  CallMessage,
  CallMessageOptions,
  CancelMessage,
  CancelMode,
  CancelMessageOptions,
  ChallengeMessage,
  ClientToRouterMessage,
  Dict,
  ErrorMessage,
  EventDetails,
  EventMessage,
  EventReceivedMessage,
  GoodbyeMessage,
  HelloDetails,
  HelloMessage,
  Id,
  InterruptMessage,
  InterruptMessageOptions,
  InvocationDetails,
  InvocationMessage,
  InvokePolicy,
  Kwargs,
  MatchPolicy,
  PublishedMessage,
  PublishMessage,
  PublishMessageOptions,
  RegisteredMessage,
  RegisterMessage,
  RegisterMessageOptions,
  ResultDetails,
  ResultMessage,
  RevocationDetails,
  RoleDetails,
  RouterToClientMessage,
  SubscribedMessage,
  SubscribeMessage,
  SubscribeMessageOptions,
  UnregisteredMessage,
  UnregisterMessage,
  UnsubscribedMessage,
  UnsubscribeMessage,
  Uri,
  WampMessage,
  WelcomeDetails,
  WelcomeMessage,
  YieldMessage,
  YieldMessageOptions,
} from './messages.js';
export type { CloseUriValue, ErrorUriValue } from './uris.js';
export { CloseUri, ErrorUri } from './uris.js';
export { isWampError, WampError } from './wamp-error.js';
export type { DecodeResult, ProtocolViolation, ViolationCode } from './violation.js';
export { violation } from './violation.js';
export { decodeMessage, describeMessage } from './decode.js';
export {
  checkCallOptions,
  checkCancelOptions,
  checkCloseDetails,
  checkErrorDetails,
  checkEventDetails,
  checkHelloDetails,
  checkInvocationDetails,
  checkProgress,
  checkPublishOptions,
  checkRegisterOptions,
  checkRevocationDetails,
  checkSubscribeOptions,
  checkWelcomeDetails,
  isDict,
  isNonNegativeInteger,
} from './check-options.js';
export type { UriRuleOptions } from './uri.js';
export { isLoosePatternUri, isLooseUri, isValidUri } from './uri.js';
export type { RequestIdGenerator } from './ids.js';
export { createRequestIdGenerator, isId, MAX_ID, nextRequestId, randomId } from './ids.js';
export {
  callMessage,
  errorMessage,
  eventMessage,
  hasKeys,
  invocationMessage,
  publishMessage,
  resultMessage,
  withPayload,
  yieldMessage,
} from './encode.js';
export { errorText } from './error-text.js';
