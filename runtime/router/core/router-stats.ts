/** Counters for everything the router drops or ignores on purpose (nothing is dropped silently). */
export interface RouterStats {
  /** Sessions ended with ABORT `wamp.error.protocol_violation`. */
  protocolViolations: number;
  /** YIELD/ERROR for an invocation that had already ended (cancel, timeout, caller gone). */
  lateYields: number;
  /** Progressive YIELDs dropped because the caller did not ask for `receive_progress`. */
  droppedProgress: number;
  /** CANCEL for an unknown or finished call (ignored, wamp-proto #160). */
  ignoredCancels: number;
  /** Progressive CALL chunks for a call that is no longer open (discarded, D.2). */
  discardedContinuations: number;
  /** Unacknowledged PUBLISHes refused (not authorized or invalid URI); no ERROR is due. */
  droppedPublishes: number;
  /** Messages a session sent while shutting down, and messages to a session that has left. */
  ignoredMessages: number;
  /** EVENT_RECEIVED messages (an autobahn extension we do not announce). */
  ignoredEventReceived: number;
  /** Unexpected exceptions while routing (each ended only the session concerned). */
  internalErrors: number;
  /**
   * Routed messages a receiver's link refused (not encodable for its serializer, or over its size
   * limit): EVENTs skipped for that subscriber, and INVOCATIONs, RESULTs and ERRORs whose sender got
   * an ERROR instead. The receiver's session is never ended for it.
   */
  refusedDeliveries: number;
}

/** A zeroed {@link RouterStats}. */
export function createRouterStats(): RouterStats {
  return {
    protocolViolations: 0,
    lateYields: 0,
    droppedProgress: 0,
    ignoredCancels: 0,
    discardedContinuations: 0,
    droppedPublishes: 0,
    ignoredMessages: 0,
    ignoredEventReceived: 0,
    internalErrors: 0,
    refusedDeliveries: 0,
  };
}
