/**
 * WAMP v2 message type codes (the first element of every message).
 *
 * Code 7 (HEARTBEAT) belonged to old drafts and is deliberately absent.
 * EVENT_RECEIVED (337) is autobahn's provisional extension; we decode it but never send it.
 */
export const MessageType = {
  HELLO: 1,
  WELCOME: 2,
  ABORT: 3,
  CHALLENGE: 4,
  AUTHENTICATE: 5,
  GOODBYE: 6,
  ERROR: 8,
  PUBLISH: 16,
  PUBLISHED: 17,
  SUBSCRIBE: 32,
  SUBSCRIBED: 33,
  UNSUBSCRIBE: 34,
  UNSUBSCRIBED: 35,
  EVENT: 36,
  CALL: 48,
  CANCEL: 49,
  RESULT: 50,
  REGISTER: 64,
  REGISTERED: 65,
  UNREGISTER: 66,
  UNREGISTERED: 67,
  INVOCATION: 68,
  INTERRUPT: 69,
  YIELD: 70,
  EVENT_RECEIVED: 337,
} as const;

/** One of the numeric codes in {@link MessageType}. */
export type MessageTypeCode = (typeof MessageType)[keyof typeof MessageType];

/** The name of a message type, e.g. `'CALL'`. */
export type MessageTypeName = keyof typeof MessageType;

const names = new Map<number, MessageTypeName>(
  Object.entries(MessageType).map(([name, code]) => [code, name as MessageTypeName]),
);

/** The name of a message type code, or `undefined` for a code WAMP does not define. */
export function messageTypeName(code: number): MessageTypeName | undefined {
  return names.get(code);
}
