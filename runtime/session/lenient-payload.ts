/** Opt-in tolerance for `null` payloads from lenient routers (the `lenientPayload` option). */
// Payload positions per message code: where Arguments sits (ArgumentsKw follows it).
const ARGS_INDEX: Record<number, number> = { 3: 3, 8: 5, 36: 4, 50: 3, 68: 4 };

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
