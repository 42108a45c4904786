/** One routed call: who called, which callee runs it, and its progress, timeout and cancel state. */

/** A call in flight between a caller and a callee (both sides index it). */
export class CallRecord<Caller, Callee> {
  /** The dealer timer enforcing `CALL.Options.timeout`, if any. */
  timer: NodeJS.Timeout | undefined = undefined;
  /** True while the caller is still streaming progressive CALL chunks (D.2). */
  progressIn: boolean;
  /** True once a `kill` CANCEL sent INTERRUPT and the dealer waits for the callee's answer. */
  killRequested = false;
  /** The `ppt_*` details of a payload passthru call, for the INVOCATIONs of its later chunks (D.2, D.21). */
  passthru: Record<string, unknown> | undefined = undefined;

  constructor(
    readonly caller: Caller,
    readonly callerRequest: number,
    readonly callee: Callee,
    readonly invocationId: number,
    readonly registrationId: number,
    readonly procedure: string,
    /** The caller asked for progressive results (relay progressive YIELDs). */
    readonly receiveProgress: boolean,
    progressIn: boolean,
  ) {
    this.progressIn = progressIn;
  }
}
