const MARK = Symbol.for('wamp-contracts.Undecodable');

/**
 * What a transport passes to `onMessage` when a frame did not deserialize, so the session can
 * report a protocol violation with the real reason instead of "not a list".
 */
export interface Undecodable {
  readonly [MARK]: true;
  readonly message: string;
}

/** Wraps a deserialization failure for `Transport.onMessage`. */
export function undecodable(message: string): Undecodable {
  return { [MARK]: true, message };
}

/** True when `value` came from {@link undecodable}. */
export function isUndecodable(value: unknown): value is Undecodable {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARK] === true;
}
