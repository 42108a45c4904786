/**
 * The predefined error and close URIs (checklist C.2), as constants.
 *
 * Receivers must accept any URI as a reason; these are what we send.
 */
export const ErrorUri = {
  INVALID_URI: 'wamp.error.invalid_uri',
  NO_SUCH_PROCEDURE: 'wamp.error.no_such_procedure',
  PROCEDURE_ALREADY_EXISTS: 'wamp.error.procedure_already_exists',
  NO_SUCH_REGISTRATION: 'wamp.error.no_such_registration',
  NO_SUCH_SUBSCRIPTION: 'wamp.error.no_such_subscription',
  INVALID_ARGUMENT: 'wamp.error.invalid_argument',
  CANCELED: 'wamp.error.canceled',
  PAYLOAD_SIZE_EXCEEDED: 'wamp.error.payload_size_exceeded',
  PROTOCOL_VIOLATION: 'wamp.error.protocol_violation',
  NOT_AUTHORIZED: 'wamp.error.not_authorized',
  AUTHORIZATION_FAILED: 'wamp.error.authorization_failed',
  NO_SUCH_REALM: 'wamp.error.no_such_realm',
  NO_SUCH_ROLE: 'wamp.error.no_such_role',
  NO_MATCHING_AUTH_METHOD: 'wamp.error.no_matching_auth_method',
  NO_SUCH_PRINCIPAL: 'wamp.error.no_such_principal',
  AUTHENTICATION_DENIED: 'wamp.error.authentication_denied',
  AUTHENTICATION_FAILED: 'wamp.error.authentication_failed',
  AUTHENTICATION_REQUIRED: 'wamp.error.authentication_required',
  AUTHORIZATION_DENIED: 'wamp.error.authorization_denied',
  AUTHORIZATION_REQUIRED: 'wamp.error.authorization_required',
  TIMEOUT: 'wamp.error.timeout',
  /** A per-session quota (registrations, subscriptions, calls in flight, testaments) is used up. */
  QUOTA_EXCEEDED: 'wamp.error.quota_exceeded',
  OPTION_NOT_ALLOWED: 'wamp.error.option_not_allowed',
  OPTION_DISALLOWED_DISCLOSE_ME: 'wamp.error.option_disallowed.disclose_me',
  NETWORK_FAILURE: 'wamp.error.network_failure',
  UNAVAILABLE: 'wamp.error.unavailable',
  NO_AVAILABLE_CALLEE: 'wamp.error.no_available_callee',
  FEATURE_NOT_SUPPORTED: 'wamp.error.feature_not_supported',
  NO_SUCH_SESSION: 'wamp.error.no_such_session',
  /** Ours: a callee handler threw something that was not a `WampError`. */
  RUNTIME_ERROR: 'wamp.error.runtime_error',
} as const;

/** GOODBYE and ABORT reasons. */
export const CloseUri = {
  SYSTEM_SHUTDOWN: 'wamp.close.system_shutdown',
  CLOSE_REALM: 'wamp.close.close_realm',
  GOODBYE_AND_OUT: 'wamp.close.goodbye_and_out',
  KILLED: 'wamp.close.killed',
  /** autobahn's GOODBYE reason; accepted, never required. */
  NORMAL: 'wamp.close.normal',
} as const;

export type ErrorUriValue = (typeof ErrorUri)[keyof typeof ErrorUri];
export type CloseUriValue = (typeof CloseUri)[keyof typeof CloseUri];
