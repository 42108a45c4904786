/**
 * The dealer of one realm: registrations (exact/prefix/wildcard, shared), call routing, progressive
 * results and invocations, dealer-enforced timeouts, canceling, and cleanup when a party leaves.
 *
 * Hot path (CALL -> INVOCATION -> YIELD -> RESULT): Map lookups by id, one CallRecord, one
 * details object and one message array per hop; no closures, no promises.
 */
import {
  errorMessage,
  interruptMessage,
  registeredMessage,
  unregisteredMessage,
} from '../../protocol/encode.js';
import { isId } from '../../protocol/ids.js';
import { clampTimerMs } from '../../protocol/timer-limit.js';
import { MessageType } from '../../protocol/message-type.js';
import type {
  CallMessage,
  CallMessageOptions,
  CancelMessage,
  ErrorMessage,
  InvocationDetails,
  RegisterMessageOptions,
  ResultDetails,
  YieldMessage,
} from '../../protocol/messages.js';
import { ErrorUri } from '../../protocol/uris.js';
import { CallRecord } from '../core/call-record.js';
import { Feature } from '../core/features.js';
import type { CalleePeer, PeerCall, PeerRegistration, RoutedPeer, SendRefused } from '../core/peer.js';
import { type CalleeEntry, Registration } from '../core/registration.js';
import { UriIndex } from '../core/uri-index.js';
import { callError, internalError, internalResult, invocation, result } from './dealer-messages.js';
import type { InternalProcedure, InternalResult } from './internal-procedure.js';
import { copyPassthru, isPassthru, passthruDetails } from './payload-passthru.js';
import type { RoutingContext } from './routing-context.js';

// Fresh option/detail objects per message: a peer may own (and mutate) what it receives in memory.
const CAN_CANCEL_PROGRESS = Feature.CALLEE_PROGRESSIVE_INVOCATIONS | Feature.CALLEE_CANCELING;

// Implementation-specific option keys (spec 3.1), forwarded from CALL.Options to INVOCATION.Details.
const CUSTOM_KEY = /^_[a-z0-9_]{3,}$/;
const UNDERSCORE = 95;

// What the caller is told when a message of its call could not be delivered.
const CALL_NOT_SENT = 'the call could not be delivered to the callee';
const RESULT_NOT_SENT = "the callee's result could not be delivered to the caller";
const ERROR_NOT_SENT = "the callee's error could not be delivered to the caller";
// D.21: a passthru answer for a caller that did not announce payload_passthru_mode.
const NO_CALLER_PASSTHRU: SendRefused = {
  kind: 'unencodable',
  message: 'the callee answered in payload passthru mode, which the caller did not announce',
};

/** Timer callback (module-level so arming a timeout allocates no closure). */
function onCallTimeout(dealer: Dealer, call: PeerCall): void {
  dealer.timeout(call);
}

/** Routes calls inside one realm, between peers (sessions, or the router as a caller). */
export class Dealer {
  /** Registrations by (URI, match), for routing. */
  readonly registrations = new UriIndex<PeerRegistration>();
  /** Registrations by id, for UNREGISTER and the meta API. */
  readonly byId = new Map<number, PeerRegistration>();
  /** Router-served procedures (meta API), looked up before registrations for `wamp.*` URIs. */
  readonly procedures = new Map<string, InternalProcedure>();

  constructor(private readonly ctx: RoutingContext) {}

  // ---- registrations ----

  /** REGISTER (already authorized, URI already checked by the decoder). */
  register(session: CalleePeer, request: number, options: RegisterMessageOptions, uri: string): void {
    const match = options.match ?? 'exact';
    const invoke = options.invoke ?? 'single';
    const entry: CalleeEntry<CalleePeer> = {
      callee: session,
      discloseCaller: options.disclose_caller === true,
      forwardTimeout: options.forward_timeout === true,
    };
    let reg = this.registrations.get(uri, match);
    if (reg !== undefined) {
      // D.8: join an existing registration only under the same non-single policy, once per session.
      if (reg.indexOf(session) >= 0 || reg.invoke === 'single' || reg.invoke !== invoke) {
        const why =
          reg.indexOf(session) >= 0
            ? `this session already registered ${uri}`
            : reg.invoke === 'single'
              ? `${uri} is already registered`
              : `${uri} is registered with invoke "${reg.invoke}", not "${invoke}"`;
        session.send(
          errorMessage(MessageType.REGISTER, request, {}, ErrorUri.PROCEDURE_ALREADY_EXISTS, [why]),
        );
        return;
      }
      reg.callees.push(entry);
      session.registrations.add(reg);
      // REGISTERED goes out before any INVOCATION (B.7) and before the meta events about it.
      session.send(registeredMessage(request, reg.id));
      this.ctx.publishMeta('wamp.registration.on_register', [session.id, reg.id]);
      return;
    }
    reg = new Registration<CalleePeer>(this.ctx.nextRouterId(), uri, match, invoke);
    reg.callees.push(entry);
    this.registrations.add(reg);
    this.byId.set(reg.id, reg);
    session.registrations.add(reg);
    session.send(registeredMessage(request, reg.id));
    this.ctx.publishMeta('wamp.registration.on_create', [session.id, reg.details()]);
    this.ctx.publishMeta('wamp.registration.on_register', [session.id, reg.id]);
  }

  /** UNREGISTER: only a callee of the registration may remove itself from it. */
  unregister(session: CalleePeer, request: number, registrationId: number): void {
    const reg = this.byId.get(registrationId);
    const index = reg === undefined ? -1 : reg.indexOf(session);
    if (reg === undefined || index < 0) {
      session.send(errorMessage(MessageType.UNREGISTER, request, {}, ErrorUri.NO_SUCH_REGISTRATION));
      return;
    }
    this.removeCallee(reg, index, session);
    session.send(unregisteredMessage(request));
    this.afterRemoval(reg, session.id);
  }

  /** Detaches one callee; the registration itself goes when its last callee does (crossbar, #219). */
  private removeCallee(reg: PeerRegistration, index: number, session: CalleePeer): void {
    reg.callees.splice(index, 1);
    session.registrations.delete(reg);
    if (reg.callees.length === 0) {
      this.registrations.remove(reg);
      this.byId.delete(reg.id);
    }
  }

  /** `on_unregister`, then `on_delete` when that was the last callee (D.20 ordering). */
  private afterRemoval(reg: PeerRegistration, sessionId: number): void {
    this.ctx.publishMeta('wamp.registration.on_unregister', [sessionId, reg.id]);
    if (reg.callees.length === 0) this.ctx.publishMeta('wamp.registration.on_delete', [sessionId, reg.id]);
  }

  // ---- calls ----

  /** A new CALL (already authorized). `caller` may be a session or the router itself. */
  call(caller: RoutedPeer, message: CallMessage): void {
    const request = message[1];
    const options = message[2];
    const procedure = message[3];
    // Only `wamp.*` URIs can be router-served; the char test keeps other calls off startsWith.
    if (procedure.charCodeAt(0) === 119 /* w */ && procedure.startsWith('wamp.')) {
      const internal = this.procedures.get(procedure);
      if (internal !== undefined) {
        if (isPassthru(options)) {
          const why = "the router's own procedures take no payload passthru calls";
          callError(caller, request, ErrorUri.FEATURE_NOT_SUPPORTED, why);
          return;
        }
        this.callInternal(internal, caller, request, message);
        return;
      }
    }
    const reg = this.registrations.best(procedure);
    if (reg === undefined) {
      callError(caller, request, ErrorUri.NO_SUCH_PROCEDURE, `no callee registered for ${procedure}`);
      return;
    }
    const entry = reg.pick();
    const callee = entry.callee;
    const progressIn = options.progress === true;
    if (progressIn && (callee.features & CAN_CANCEL_PROGRESS) !== CAN_CANCEL_PROGRESS) {
      callError(
        caller,
        request,
        ErrorUri.FEATURE_NOT_SUPPORTED,
        'the callee does not support progressive_call_invocations with call_canceling',
      );
      return;
    }
    const passthru = passthruDetails(options);
    if (passthru !== undefined && (callee.features & Feature.CALLEE_PASSTHRU) === 0) {
      const why = 'the callee does not support payload_passthru_mode';
      callError(caller, request, ErrorUri.FEATURE_NOT_SUPPORTED, why);
      return;
    }
    // Both indexes are set before INVOCATION goes out: a link that fails inside send() cleans up.
    const invocationId = callee.nextInvocationId();
    const details = this.invocationDetails(caller, options, reg, entry, procedure, progressIn);
    const receiveProgress = options.receive_progress === true;
    const call: PeerCall = new CallRecord(
      caller,
      request,
      callee,
      invocationId,
      reg.id,
      procedure,
      receiveProgress,
      progressIn,
    );
    if (passthru !== undefined && progressIn) call.passthru = passthru;
    const timeout = options.timeout;
    if (timeout !== undefined && timeout > 0 && details.timeout === undefined) {
      // A peer's timeout above what setTimeout can hold is clamped (it would fire after 1 ms).
      call.timer = setTimeout(onCallTimeout, clampTimerMs(timeout), this, call);
    }
    caller.calls.set(request, call);
    callee.invocations.set(invocationId, call);
    const refused = callee.send(invocation(invocationId, reg.id, details, message, 4));
    // Not deliverable to this callee (its serializer or size limit): the caller hears why.
    if (refused !== undefined) this.refused(call, refused, ErrorUri.INVALID_ARGUMENT, CALL_NOT_SENT, false);
  }

  /** Builds INVOCATION.Details: procedure for patterns, disclosure, progress and timeout hints, custom `_` options. */
  private invocationDetails(
    caller: RoutedPeer,
    options: CallMessageOptions,
    reg: PeerRegistration,
    entry: CalleeEntry<CalleePeer>,
    procedure: string,
    progressIn: boolean,
  ): InvocationDetails {
    const details: InvocationDetails = {};
    const callee = entry.callee;
    if (reg.match !== 'exact') details.procedure = procedure;
    if ((options.disclose_me === true || entry.discloseCaller) && caller.id !== 0) {
      details.caller = caller.id;
      details.caller_authid = caller.authid;
      details.caller_authrole = caller.authrole;
    }
    // Any callee announcing progressive results gets the hint (autobahn-js lacks call_canceling; docs/router.md).
    if (options.receive_progress === true && (callee.features & Feature.CALLEE_PROGRESSIVE_RESULTS) !== 0) {
      details.receive_progress = true;
    }
    const timeout = options.timeout;
    if (
      timeout !== undefined &&
      timeout > 0 &&
      entry.forwardTimeout &&
      (callee.features & Feature.CALLEE_TIMEOUT) !== 0
    ) {
      details.timeout = timeout;
    }
    if (progressIn) details.progress = true;
    // Implementation-specific CALL options (`_` keys, spec 3.1) go on to the callee, e.g. a trace
    // context; keys the spec defines never do, so a caller cannot forge `caller_authid`.
    for (const key in options) {
      if (key.charCodeAt(0) === UNDERSCORE && CUSTOM_KEY.test(key) && key !== '__proto__') {
        details[key] = options[key];
      }
    }
    if (isPassthru(options)) copyPassthru(options, details);
    return details;
  }

  /** A progressive CALL chunk for a call whose input is still open (D.2). */
  continueCall(call: PeerCall, message: CallMessage): void {
    if (message[3] !== call.procedure) {
      this.ctx.stats.discardedContinuations++;
      return;
    }
    const progress = message[2].progress === true;
    if (!progress) call.progressIn = false;
    // Options are frozen at the first chunk (D.2): later chunks take its ppt_* keys.
    const details: InvocationDetails = progress ? { progress: true } : {};
    if (call.passthru !== undefined) copyPassthru(call.passthru, details);
    const refused = call.callee.send(invocation(call.invocationId, call.registrationId, details, message, 4));
    if (refused !== undefined) this.refused(call, refused, ErrorUri.INVALID_ARGUMENT, CALL_NOT_SENT, true);
  }

  /** Runs a meta procedure; synchronous ones answer at once, asynchronous ones when they settle. */
  private callInternal(
    procedure: InternalProcedure,
    caller: RoutedPeer,
    request: number,
    message: CallMessage,
  ): void {
    let result: InternalResult | undefined | Promise<InternalResult | undefined>;
    try {
      result = procedure({
        caller,
        args: message[4] ?? [],
        kwargs: message[5] ?? {},
      });
    } catch (err) {
      internalError(caller, request, err);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (r) => internalResult(caller, request, r),
        (err: unknown) => internalError(caller, request, err),
      );
    } else {
      internalResult(caller, request, result);
    }
  }

  /** YIELD from a callee. */
  yield(callee: CalleePeer, message: YieldMessage): boolean {
    const id = message[1];
    const call = callee.invocations.get(id);
    if (call === undefined) return this.lateAnswer(callee, id);
    const options = message[2];
    const passthru = isPassthru(options);
    if (passthru && (call.caller.features & Feature.CALLER_PASSTHRU) === 0) {
      // A callee still streaming results is interrupted; a final YIELD ended its work anyway.
      const streaming = options.progress === true;
      this.refused(call, NO_CALLER_PASSTHRU, ErrorUri.FEATURE_NOT_SUPPORTED, RESULT_NOT_SENT, streaming);
      return true;
    }
    if (options.progress === true) {
      if (!call.receiveProgress) {
        this.ctx.stats.droppedProgress++;
        return true;
      }
      // D.1: with progressive results the timeout runs between consecutive results.
      if (call.timer !== undefined) call.timer.refresh();
      const details: ResultDetails = { progress: true };
      if (passthru) copyPassthru(options, details);
      const refused = call.caller.send(result(call.callerRequest, details, message));
      if (refused !== undefined) this.refused(call, refused, ErrorUri.RUNTIME_ERROR, RESULT_NOT_SENT, true);
      return true;
    }
    this.finish(call);
    const details: ResultDetails = {};
    if (passthru) copyPassthru(options, details);
    const refused = call.caller.send(result(call.callerRequest, details, message));
    // The YIELD is lost for a caller that cannot receive it; the caller gets an ERROR instead.
    if (refused !== undefined) this.refused(call, refused, ErrorUri.RUNTIME_ERROR, RESULT_NOT_SENT, false);
    return true;
  }

  /** ERROR (type INVOCATION) from a callee: passed through to the caller unchanged. */
  error(callee: CalleePeer, message: ErrorMessage): boolean {
    const id = message[2];
    const call = callee.invocations.get(id);
    if (call === undefined) return this.lateAnswer(callee, id);
    if (isPassthru(message[3]) && (call.caller.features & Feature.CALLER_PASSTHRU) === 0) {
      this.refused(call, NO_CALLER_PASSTHRU, ErrorUri.FEATURE_NOT_SUPPORTED, ERROR_NOT_SENT, false);
      return true;
    }
    this.finish(call);
    // Same URI, details (ppt_* included) and payload; only the request type and id are the caller's.
    const refused = call.caller.send(
      errorMessage(MessageType.CALL, call.callerRequest, message[3], message[4], message[5], message[6]),
    );
    if (refused !== undefined) this.refused(call, refused, ErrorUri.RUNTIME_ERROR, ERROR_NOT_SENT, false);
    return true;
  }

  /**
   * A message of `call` could not be delivered (the receiver's serializer refused the payload, or
   * it exceeded the receiver's size limit): the call ends, the caller gets ERROR (`uri`, or
   * `wamp.error.payload_size_exceeded` for size) saying why, and a callee still working on it is
   * interrupted when it can be. The receiver's session is untouched.
   */
  private refused(call: PeerCall, r: SendRefused, uri: string, what: string, interrupt: boolean): void {
    this.finish(call);
    const errorUri = r.kind === 'too_large' ? ErrorUri.PAYLOAD_SIZE_EXCEEDED : uri;
    callError(call.caller, call.callerRequest, errorUri, `${what}: ${r.message}`);
    if (interrupt && (call.callee.features & Feature.CALLEE_CANCELING) !== 0) {
      call.callee.send(interruptMessage(call.invocationId, { mode: 'killnowait', reason: errorUri }));
    }
  }

  /** An answer for an invocation id we issued but already ended is dropped; any other id is a violation. */
  private lateAnswer(callee: CalleePeer, id: number): boolean {
    if (isId(id) && id <= callee.invocationSeq) {
      this.ctx.stats.lateYields++;
      return true;
    }
    return false;
  }

  /** CANCEL from a caller (D.4); unknown or finished calls are ignored without reply. */
  cancel(caller: RoutedPeer, message: CancelMessage): void {
    const call = caller.calls.get(message[1]);
    if (call === undefined || call.killRequested) {
      this.ctx.stats.ignoredCancels++;
      return;
    }
    const callee = call.callee;
    let mode = message[2].mode ?? 'killnowait';
    if ((callee.features & Feature.CALLEE_CANCELING) === 0) mode = 'skip';
    if (mode === 'kill') {
      call.killRequested = true;
      callee.send(interruptMessage(call.invocationId, { mode: 'kill' }));
      return;
    }
    this.finish(call);
    callError(caller, call.callerRequest, ErrorUri.CANCELED);
    if (mode === 'killnowait') callee.send(interruptMessage(call.invocationId, { mode: 'killnowait' }));
  }

  /** The dealer-enforced timeout fired (D.3). */
  timeout(call: PeerCall): void {
    call.timer = undefined;
    this.finish(call);
    callError(call.caller, call.callerRequest, ErrorUri.TIMEOUT, 'the call timed out');
    if ((call.callee.features & Feature.CALLEE_CANCELING) !== 0) {
      call.callee.send(interruptMessage(call.invocationId, { mode: 'killnowait', reason: ErrorUri.TIMEOUT }));
    }
  }

  /** Forgets a call on both sides and stops its timer; later answers count as late. */
  private finish(call: PeerCall): void {
    if (call.timer !== undefined) {
      clearTimeout(call.timer);
      call.timer = undefined;
    }
    if (call.caller.calls.get(call.callerRequest) === call) call.caller.calls.delete(call.callerRequest);
    call.callee.invocations.delete(call.invocationId);
  }

  /** Ends every call of a leaving session and removes its registrations (B.3 cleanup). */
  removeSession(session: CalleePeer, publishMeta: boolean): void {
    // Calls this session was serving: their callers learn at once (B.3).
    for (const call of session.invocations.values()) {
      this.finish(call);
      callError(call.caller, call.callerRequest, ErrorUri.CANCELED, 'the callee left');
    }
    // Calls this session made: stop the callees that can be stopped.
    for (const call of session.calls.values()) {
      this.finish(call);
      if ((call.callee.features & Feature.CALLEE_CANCELING) !== 0) {
        call.callee.send(interruptMessage(call.invocationId, { mode: 'killnowait' }));
      }
    }
    for (const reg of session.registrations) {
      const index = reg.indexOf(session);
      if (index < 0) continue;
      this.removeCallee(reg, index, session);
      if (publishMeta) this.afterRemoval(reg, session.id);
    }
    session.registrations.clear();
  }
}
