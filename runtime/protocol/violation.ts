import type { WampMessage } from './messages.js';

/** Stable codes for what was wrong with an inbound message. */
export type ViolationCode =
  | 'serialization' // the bytes did not deserialize
  | 'not_a_list' // the value is not a non-empty array
  | 'unknown_type' // element 0 is not a message type code we know
  | 'bad_arity' // wrong number of elements for this message type
  | 'bad_id' // an ID is not an integer in 1..2^53
  | 'bad_integer' // a non-ID integer field is wrong
  | 'bad_uri' // a URI element is not a string or breaks the loose rule
  | 'bad_string' // a string element is not a string
  | 'bad_dict' // a Details/Options element is not a plain dictionary
  | 'bad_list' // Arguments is not a list
  | 'bad_option' // a known option or detail key has the wrong type or value
  | 'too_large' // the frame exceeds a size limit
  | 'too_deep' // payload nesting exceeds the decoder's depth limit
  | 'unexpected' // a well-formed message that is not allowed in the current state
  | 'bad_request_id'; // a request id out of sequence

/** Exactly what is wrong with an inbound message; becomes ABORT `wamp.error.protocol_violation`. */
export interface ProtocolViolation {
  readonly code: ViolationCode;
  /** Human-readable, e.g. "CALL.Options.timeout must be a non-negative integer". */
  readonly message: string;
  /** The message type code, when element 0 was readable. */
  readonly messageType?: number;
  /**
   * The message's request id, set only for `bad_uri` on a request (CALL, PUBLISH, SUBSCRIBE,
   * REGISTER) whose id was valid, so a router can answer ERROR `wamp.error.invalid_uri` (C.1).
   */
  readonly request?: number;
}

/** The outcome of decoding: a typed message, or a violation. Never an exception. */
export type DecodeResult<T extends WampMessage = WampMessage> =
  | { readonly ok: true; readonly message: T }
  | { readonly ok: false; readonly violation: ProtocolViolation };

/** Builds a {@link ProtocolViolation}. */
export function violation(
  code: ViolationCode,
  message: string,
  messageType?: number,
  request?: number,
): ProtocolViolation {
  if (messageType === undefined) return { code, message };
  return request === undefined ? { code, message, messageType } : { code, message, messageType, request };
}
