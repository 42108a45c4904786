/** What HELLO announces: the client roles with their features, and the agent string. */
import type { HelloDetails } from '../protocol/messages.js';

/**
 * The roles and features this runtime announces in HELLO: exactly what it implements.
 *
 * The callee announces `call_canceling` next to `progressive_call_results` because spec-strict
 * dealers treat progress from a callee without canceling as unsupported (checklist D.1).
 */
export const CLIENT_ROLES: HelloDetails['roles'] = {
  caller: {
    features: {
      caller_identification: true,
      call_canceling: true,
      progressive_call_results: true,
      progressive_call_invocations: true,
      payload_passthru_mode: true,
    },
  },
  callee: {
    features: {
      caller_identification: true,
      call_canceling: true,
      progressive_call_results: true,
      progressive_call_invocations: true,
      pattern_based_registration: true,
      shared_registration: true,
      registration_revocation: true,
      payload_passthru_mode: true,
    },
  },
  publisher: {
    features: {
      publisher_identification: true,
      publisher_exclusion: true,
      subscriber_blackwhite_listing: true,
      payload_passthru_mode: true,
    },
  },
  subscriber: {
    features: {
      publisher_identification: true,
      pattern_based_subscription: true,
      subscription_revocation: true,
      payload_passthru_mode: true,
    },
  },
};

/** The agent string sent in HELLO. */
export const CLIENT_AGENT = 'wamp-contracts';
