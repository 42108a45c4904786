/**
 * The callee role: REGISTER/UNREGISTER, INVOCATION (running handlers, feeding progressive input),
 * INTERRUPT, and the YIELD or ERROR that answers an invocation. It owns the registrations (by router
 * id, and in creation order for the restore after a reconnect) and the running invocations.
 */
import { errorMessage, registerMessage, unregisterMessage, yieldMessage } from '../protocol/encode.js';
import { errorText } from '../protocol/error-text.js';
import { MessageType } from '../protocol/message-type.js';
import type { Args, Dict, Id, InvocationMessage, Kwargs, WampMessage } from '../protocol/messages.js';
import { ErrorUri } from '../protocol/uris.js';
import { CanceledError, createWampError, ProtocolViolationError } from '../protocol/predefined-errors.js';
import type { Transport } from '../transport/types.js';
import type { ErrorRegistry } from './error-registry.js';
import { Invocation, type InvocationOwner, MAX_UNREAD_INPUT } from './invocation.js';
import { LateIdSet } from './late-id-set.js';
import { noop, PendingRequest } from './pending.js';
import { RegistrationEntry } from './registration-entry.js';
import type { SessionReporter } from './reporter.js';
import { RestoreRetrier, type RestoreRetryPolicy } from './restore-retry.js';
import type { RoleHost, SessionLink } from './session-link.js';
import type { InvocationHandler, Registration, RegisterOptions } from './types.js';
import { isWampResult } from './wamp-result.js';

/** Registrations and running invocations. */
export class Callee implements InvocationOwner {
  private readonly registrationsById = new Map<Id, RegistrationEntry>();
  /** Everything to restore after a reconnect, in creation order. */
  private readonly entries = new Set<RegistrationEntry>();
  private readonly invocations = new Map<Id, Invocation>();
  /** Progressive invocations (D.2) already answered: their late input chunks are discarded. */
  private readonly finishedInputs = new LateIdSet(1024);
  private readonly retrier: RestoreRetrier;

  constructor(
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
    private readonly host: RoleHost,
    private readonly errors: ErrorRegistry,
    restoreRetry: RestoreRetryPolicy,
  ) {
    this.retrier = new RestoreRetrier(restoreRetry, link, report);
  }

  /** A new link: its request ids start over, so the finished ids of the last one mean nothing. */
  linkOpened(): void {
    this.finishedInputs.clear();
  }

  /** The link died: running invocations end, and router ids are forgotten. */
  linkLost(error: Error): void {
    this.retrier.cancel();
    for (const invocation of this.invocations.values()) {
      invocation.done = true;
      invocation.abort(error);
    }
    this.invocations.clear();
    // Router ids die with the link: an UNREGISTER must never carry an old one.
    for (const entry of this.registrationsById.values()) entry.id = 0;
    this.registrationsById.clear();
  }

  /**
   * Re-registers every entry with the same handler after a reconnect; adds the work to `work`.
   * A lost link keeps the entry for the next reconnect; a refusal is retried (`restore-retry.ts`).
   */
  restore(work: Promise<unknown>[]): void {
    for (const entry of [...this.entries]) {
      work.push(
        this.retrier.restore({
          kind: 'registration',
          uri: entry.procedure,
          send: () => this.sendRegister(entry),
          wanted: () => entry.active,
          keep: () => this.entries.add(entry),
          drop: () => this.entries.delete(entry),
        }),
      );
    }
  }

  /** True when there is something to restore after a reconnect. */
  get hasEntries(): boolean {
    return this.entries.size > 0;
  }

  // ---------------------------------------------------------------- register / unregister

  /** `Session.register`: registers `handler` for `procedure` (or a pattern with `match`). */
  register(procedure: string, handler: InvocationHandler, options?: RegisterOptions): Promise<Registration> {
    if (this.link.state !== 'joined') return Promise.reject(this.host.notJoined());
    const wire: Dict = {};
    if (options?.match !== undefined && options.match !== 'exact') wire.match = options.match;
    if (options?.invoke !== undefined && options.invoke !== 'single') wire.invoke = options.invoke;
    if (options?.discloseCaller === true) wire.disclose_caller = true;
    if (options?.options !== undefined) Object.assign(wire, options.options);
    const entry = new RegistrationEntry(procedure, wire, handler, (e) => this.releaseRegistration(e));
    return this.sendRegister(entry).then((registration) => {
      this.entries.add(entry);
      return registration;
    });
  }

  /** Sends REGISTER for `entry` (also used to restore it after a reconnect). */
  private sendRegister(entry: RegistrationEntry): Promise<Registration> {
    const transport = this.link.transport;
    if (transport === undefined) return Promise.reject(this.host.notJoined());
    const message = registerMessage(this.link.nextRequestId(), entry.options, entry.procedure);
    return this.link.request(transport, message, new RegisterRequest(this, entry));
  }

  /** Sends UNREGISTER; invocations arriving before UNREGISTERED are still served. */
  private releaseRegistration(entry: RegistrationEntry): Promise<void> {
    if (!entry.active) return Promise.resolve();
    entry.active = false;
    this.entries.delete(entry);
    return this.sendUnregister(entry);
  }

  /** Sends UNREGISTER for a bound entry (nothing to do while unbound or not joined). */
  private sendUnregister(entry: RegistrationEntry): Promise<void> {
    const transport = this.link.transport;
    if (this.link.state !== 'joined' || transport === undefined || entry.id === 0) return Promise.resolve();
    const message = unregisterMessage(this.link.nextRequestId(), entry.id);
    return this.link.request(transport, message, new UnregisterRequest(this, entry));
  }

  /** REGISTERED: binds the entry to the router's registration id. */
  registered(request: RegisterRequest, registrationId: Id): void {
    const entry = request.entry;
    if (this.registrationsById.has(registrationId)) {
      request.reject(new ProtocolViolationError(['duplicate registration id']));
      this.host.violate(`REGISTERED with registration id ${registrationId} already in use`);
      return;
    }
    entry.id = registrationId;
    this.registrationsById.set(registrationId, entry);
    request.resolve(entry);
    // Unregistered by the user while this REGISTER (a restore) was in flight.
    if (!entry.active) void this.sendUnregister(entry).catch(noop);
  }

  /** UNREGISTERED: the entry is no longer bound. */
  unregistered(entry: RegistrationEntry): void {
    this.registrationsById.delete(entry.id);
    entry.id = 0;
  }

  /** ERROR for a REGISTER: the entry is not restored again. */
  refused(entry: RegistrationEntry): void {
    this.entries.delete(entry);
  }

  /** The router revoked a registration (`UNREGISTERED` with request 0 and Details). */
  onRevoked(details: Dict): void {
    const entry = this.registrationsById.get(details.registration as Id);
    if (entry === undefined) {
      this.host.violate('UNREGISTERED revocation for an unknown registration');
      return;
    }
    this.registrationsById.delete(entry.id);
    this.entries.delete(entry);
    entry.active = false;
    this.report.emit(
      'error',
      createWampError(String(details.reason ?? 'wamp.registration.revoked')),
      `registration ${entry.procedure} revoked`,
    );
  }

  // ---------------------------------------------------------------- invocations

  /** INVOCATION: runs the handler (sync or async) or feeds a progressive invocation's input. */
  onInvocation(message: InvocationMessage): void {
    const [, id, registrationId, details] = message;
    const entry = this.registrationsById.get(registrationId);
    if (entry === undefined) {
      this.host.violate(`INVOCATION for unknown registration ${registrationId}`);
      return;
    }
    const args = message[4] ?? [];
    const kwargs = message[5] ?? {};
    const running = this.invocations.get(id);
    if (running !== undefined) {
      // A later chunk of a progressive call invocation (D.2).
      if (!running.acceptsInput) {
        this.host.violate(`INVOCATION ${id} repeated`);
        return;
      }
      if (!running.pushInput({ args, kwargs, details }, details.progress !== true)) {
        const overflow = createWampError(ErrorUri.QUOTA_EXCEEDED, [
          `input of ${running.procedure}: more than ${MAX_UNREAD_INPUT} chunks waiting unread`,
        ]);
        this.finishWithError(running, overflow);
        running.abort(overflow);
      }
      return;
    }
    if (this.finishedInputs.has(id)) {
      // A late chunk of a progressive invocation that already finished: discarded (D.2).
      this.report.stats.lateYields++;
      return;
    }
    const invocation = new Invocation(this, id, entry.procedure, details);
    if (details.progress === true) invocation.openInput();
    this.invocations.set(id, invocation);
    // Sync handlers answer without a promise round trip; only thenables are awaited.
    let value: unknown;
    try {
      value = entry.handler(args, kwargs, invocation);
    } catch (error) {
      this.finishWithError(invocation, error);
      return;
    }
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof (value as Promise<unknown>).then === 'function'
    ) {
      (value as Promise<unknown>).then(
        (v) => this.finishWithValue(invocation, v),
        (error: unknown) => this.finishWithError(invocation, error),
      );
    } else {
      this.finishWithValue(invocation, value);
    }
  }

  /** Answers YIELD with the handler's value (undefined, WampResult or Arguments[0]). */
  private finishWithValue(invocation: Invocation, value: unknown): void {
    if (invocation.done) {
      this.report.stats.lateYields++;
      return;
    }
    this.endInvocation(invocation);
    const transport = this.link.transport as Transport;
    let message: WampMessage;
    // Conventional mapping (DESIGN): nothing, a WampResult's args/kwargs, or the value as Arguments[0].
    if (value === undefined) message = yieldMessage(invocation.id, {});
    else if (isWampResult(value))
      message = yieldMessage(invocation.id, { ...value.options }, value.args, value.kwargs);
    else message = yieldMessage(invocation.id, {}, [value]);
    try {
      this.link.sendRaw(transport, message);
    } catch (error) {
      // Usually a result the serializer cannot encode: the caller must still get an answer.
      this.report.handlerError(error, invocation.procedure);
      const text = `result could not be sent: ${errorText(error)}`;
      this.link.trySend(
        transport,
        errorMessage(MessageType.INVOCATION, invocation.id, {}, ErrorUri.RUNTIME_ERROR, [text]),
      );
    }
  }

  /** Answers ERROR: a mapped/WampError keeps its URI, anything else is a runtime_error. */
  private finishWithError(invocation: Invocation, error: unknown): void {
    if (invocation.done) {
      this.report.stats.lateYields++;
      return;
    }
    this.endInvocation(invocation);
    let wire = this.errors.toWire(error);
    if (wire === undefined) {
      this.report.handlerError(error, invocation.procedure);
      wire = { uri: ErrorUri.RUNTIME_ERROR, args: [errorText(error)], kwargs: {} };
    }
    const message = errorMessage(MessageType.INVOCATION, invocation.id, {}, wire.uri, wire.args, wire.kwargs);
    try {
      this.link.sendRaw(this.link.transport as Transport, message);
    } catch (sendError) {
      const text = `error payload could not be sent: ${errorText(sendError)}`;
      this.link.trySend(
        this.link.transport as Transport,
        errorMessage(MessageType.INVOCATION, invocation.id, {}, wire.uri, [text]),
      );
    }
  }

  /** INTERRUPT: abort the handler's signal and answer canceled (not in killnowait mode). */
  onInterrupt(id: Id, mode: string | undefined): void {
    const invocation = this.invocations.get(id);
    if (invocation === undefined) {
      // Already answered: INTERRUPT crossed our YIELD (autobahn-python ignores it too).
      this.report.log('interrupt ignored', { request: id });
      return;
    }
    this.endInvocation(invocation);
    invocation.abort(new CanceledError(['the call was canceled'], {}, { mode: mode ?? 'kill' }));
    if (mode !== 'killnowait') {
      this.link.trySend(
        this.link.transport as Transport,
        errorMessage(MessageType.INVOCATION, id, {}, ErrorUri.CANCELED),
      );
    }
  }

  /** Marks an invocation answered; progressive ones are remembered to drop late chunks. */
  private endInvocation(invocation: Invocation): void {
    invocation.done = true;
    this.invocations.delete(invocation.id);
    if (invocation.input !== undefined) this.finishedInputs.add(invocation.id);
  }

  /** @internal Sends a progressive YIELD for a running invocation (used by `ctx.progress`). */
  sendProgress(invocation: Invocation, args: Args | undefined, kwargs: Kwargs | undefined): void {
    const transport = this.link.transport;
    if (transport === undefined || this.link.state !== 'joined') return;
    this.link.sendRaw(transport, yieldMessage(invocation.id, { progress: true }, args, kwargs));
  }
}

/** A REGISTER waiting for REGISTERED. */
class RegisterRequest extends PendingRequest<Registration> {
  readonly kind = MessageType.REGISTER;

  constructor(
    private readonly callee: Callee,
    readonly entry: RegistrationEntry,
  ) {
    super();
  }

  acknowledged(registrationId: Id): void {
    this.callee.registered(this, registrationId);
  }

  override refused(error: unknown): void {
    this.callee.refused(this.entry);
    this.reject(error);
  }
}

/** An UNREGISTER waiting for UNREGISTERED. */
class UnregisterRequest extends PendingRequest<void> {
  readonly kind = MessageType.UNREGISTER;

  constructor(
    private readonly callee: Callee,
    private readonly entry: RegistrationEntry,
  ) {
    super();
  }

  acknowledged(): void {
    this.callee.unregistered(this.entry);
    this.resolve();
  }
}
