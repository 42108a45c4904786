/** Opt-in tolerance for `null` payloads from lenient routers (the `lenientPayload` option). */
import { MessageType } from '../protocol/message-type.js';

// Payload positions per message code: where Arguments sits (ArgumentsKw follows it).
const ARGS_INDEX: Record<number, number> = {
  [MessageType.ABORT]: 3,
  [MessageType.ERROR]: 5,
  [MessageType.EVENT]: 4,
  [MessageType.RESULT]: 3,
  [MessageType.INVOCATION]: 4,
};

/**
 * Lenient mode (fox-wamp sends `null` payloads): a `null` Arguments/ArgumentsKw becomes absent,
 * or `[]` when real kwargs follow. Mutates the freshly deserialized message in place.
 */
export function dropNullPayload(message: unknown[]): void {
  const at = ARGS_INDEX[message[0] as number];
  if (at === undefined || message.length <= at) return;
  if (message.length === at + 2 && message[at + 1] === null) message.length = at + 1;
  if (message.length === at + 1 && message[at] === null) message.length = at;
  else if (message[at] === null) message[at] = [];
}
