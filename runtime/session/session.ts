/**
 * The client session: one object per `connect()`, stable across reconnects.
 *
 * It runs the client state machine of checklist B.2 on whatever transport it is given, keeps
 * the caller/callee/publisher/subscriber tables, and restores registrations and subscriptions
 * after a reconnect. This file is the hot path: dispatch is a switch on the message code, pending
 * requests live in two maps keyed by request id, and nothing is allocated per message that the
 * message itself does not need.
 */
import { decodeMessage } from '../protocol/decode.js';
import { withPayload } from '../protocol/encode.js';
import { MAX_ID } from '../protocol/ids.js';
import { MessageType, messageTypeName } from '../protocol/message-type.js';
import type {
  Args,
  CallMessageOptions,
  Dict,
  ErrorMessage,
  EventMessage,
  Id,
  InvocationMessage,
  Kwargs,
  ResultMessage,
  WampMessage,
  WelcomeMessage,
} from '../protocol/messages.js';
import { CloseUri, ErrorUri } from '../protocol/uris.js';
import { isWampError, WampError } from '../protocol/wamp-error.js';
import type { CloseInfo, Transport, TransportFactory } from '../transport/types.js';
import { isUndecodable } from '../transport/undecodable.js';
import type { AuthResponder } from './auth-responder.js';
import { backoffDelay, type ReconnectPolicy } from './backoff.js';
import type { DebugLogger, JoinInfo, MessageHook, SessionEvents } from './connect-options.js';
import { ConnectionError, isConnectionError } from '../transport/connection-error.js';
import type { ErrorRegistry } from './error-registry.js';
import { errorText } from '../protocol/error-text.js';
import { createEmitter, type TypedEmitter } from './event-emitter.js';
import { CLIENT_AGENT, CLIENT_ROLES } from './features.js';
import { Invocation, type InvocationOwner } from './invocation.js';
import { eventContext } from './event-context.js';
import { LateIdSet } from './late-id-set.js';
import { ACK_OF, clearCall, noop, type PendingCall, type PendingRequest, type Settle } from './pending.js';
import { dropNullPayload } from './lenient-payload.js';
import { createProgressiveCall } from './progressive-call.js';
import { toPublishOptions } from './publish-options.js';
import { RegistrationEntry } from './registration-entry.js';
import { SubscriptionEntry, SubscriptionSlot } from './subscription-entry.js';
import type {
  CallInputChunk,
  CallOptions,
  CallResult,
  EventContext,
  EventHandler,
  InvocationHandler,
  ProgressiveCall,
  PublishOptions,
  Registration,
  RegisterOptions,
  SessionApi,
  SubscribeOptions,
  Subscription,
} from './types.js';
import { WampResult } from './wamp-result.js';

/** Where the session is in its life. */
export type SessionState =
  | 'connecting'
  | 'joining'
  | 'joined'
  | 'leaving'
  | 'closing'
  | 'disconnected'
  | 'closed';

/** Counters for things the session dropped or survived; nothing is dropped without counting. */
export interface SessionStats {
  /** RESULT/ERROR for calls already settled locally (timeout, cancel); ignored by design. */
  lateResults: number;
  /** EVENTs for a subscription being unsubscribed, with no handler left. */
  droppedEvents: number;
  /** Progressive RESULTs for a call that did not ask for progress. */
  droppedProgress: number;
  /** Handler results that came after an INTERRUPT or a lost link. */
  lateYields: number;
  /** Messages ignored while leaving (transition 14). */
  ignoredWhileLeaving: number;
  /** Subscriber, callee and onProgress handlers that threw or rejected. */
  handlerErrors: number;
}

/** Everything the session needs, resolved from `ConnectOptions` by `connect()`. */
export interface SessionConfig {
  readonly realm: string;
  readonly factory: TransportFactory;
  readonly auth: AuthResponder;
  readonly reconnect: ReconnectPolicy | undefined;
  readonly connectTimeout: number;
  readonly goodbyeTimeout: number;
  readonly errors: ErrorRegistry;
  readonly agent: string | undefined;
  readonly hook: MessageHook | undefined;
  readonly log: DebugLogger | undefined;
  /** Accept `null` in place of Arguments/ArgumentsKw (fox-wamp sends it). */
  readonly lenientPayload: boolean;
}

/**
 * A WAMP client session. Create it with `connect()`; `await using` leaves it.
 *
 * @example
 * await using session = await connect({ url: 'ws://127.0.0.1:8080/ws', realm: 'realm1' });
 * const { args } = await session.call('com.example.add', [2, 3]);
 */
export class Session implements SessionApi, AsyncDisposable, InvocationOwner {
  readonly realm: string;
  /** Counters of dropped and survived things (see {@link SessionStats}). */
  readonly stats: SessionStats = {
    lateResults: 0,
    droppedEvents: 0,
    droppedProgress: 0,
    lateYields: 0,
    ignoredWhileLeaving: 0,
    handlerErrors: 0,
  };
  private readonly config: SessionConfig;
  private readonly events: TypedEmitter<SessionEvents> = createEmitter<SessionEvents>();
  private transport: Transport | undefined;
  private stateValue: SessionState = 'connecting';
  private sessionId: Id = 0;
  private welcome: JoinInfo | undefined;
  private dealerFeatures: Record<string, unknown> = {};
  private requestId = 1;
  /** Progressive invocations (D.2) already answered: their late input chunks are discarded. */
  private readonly finishedInputs = new LateIdSet(1024);
  private readonly calls = new Map<Id, PendingCall>();
  private readonly requests = new Map<Id, PendingRequest>();
  private readonly lateCalls = new LateIdSet(4096);
  private readonly invocations = new Map<Id, Invocation>();
  private readonly subscriptionsById = new Map<Id, SubscriptionEntry>();
  private readonly registrationsById = new Map<Id, RegistrationEntry>();
  /** Everything to restore after a reconnect, in creation order. */
  private readonly subscriptionEntries = new Set<SubscriptionEntry>();
  private readonly registrationEntries = new Set<RegistrationEntry>();
  private joinWaiter: ((error?: unknown) => void) | undefined;
  /** Stops the connect timeout: it covers the opening handshake, not the restore after WELCOME. */
  private stopConnectTimer: (() => void) | undefined;
  private goodbyeWaiter: ((reason: string) => void) | undefined;
  private closeWaiter: (() => void) | undefined;
  private wasJoined = false;
  private userClosing = false;
  private noReconnect = false;
  private reconnecting = false;
  private reconnectSleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  private readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;

  /** Use `connect()`; the constructor does not open anything. */
  constructor(config: SessionConfig) {
    this.config = config;
    this.realm = config.realm;
    this.closedPromise = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  /** The session id of the current (or last) join; changes after a reconnect, 0 before the first join. */
  get id(): Id {
    return this.sessionId;
  }

  /** The current state. */
  get state(): SessionState {
    return this.stateValue;
  }

  /** True when joined and able to send requests. */
  get isJoined(): boolean {
    return this.stateValue === 'joined';
  }

  /** Details of the current (or last) join: authid, authrole, router roles. */
  get joinInfo(): JoinInfo | undefined {
    return this.welcome;
  }

  /** Resolves once the session is closed for good (left, or gave up reconnecting). */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  /** Adds a lifecycle listener; returns a function that removes it. */
  on<K extends keyof SessionEvents>(event: K, listener: SessionEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Removes a lifecycle listener. */
  off<K extends keyof SessionEvents>(event: K, listener: SessionEvents[K]): void {
    this.events.off(event, listener);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Opens the first connection; retries transport failures when reconnect is on. Used by `connect()`. */
  async open(): Promise<void> {
    const policy = this.config.reconnect;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.connectOnce(false);
        return;
      } catch (error) {
        const retry =
          policy !== undefined && attempt < policy.maxAttempts && isRetryable(error) && !this.userClosing;
        if (!retry) {
          this.finalClose(error);
          throw error;
        }
        await this.sleepBeforeAttempt(policy, attempt);
      }
    }
  }

  /** Sends GOODBYE, waits for the reply (at most `goodbyeTimeout`), closes the transport. */
  async leave(reason: string = CloseUri.CLOSE_REALM, message?: string): Promise<void> {
    this.userClosing = true;
    this.wakeReconnectSleep();
    const transport = this.transport;
    if (this.stateValue !== 'joined' || transport === undefined) {
      if (transport) await this.closeTransport(transport, 1000, 'leave');
      this.finalClose();
      return;
    }
    const reply = new Promise<string>((resolve) => {
      this.goodbyeWaiter = resolve;
    });
    try {
      this.sendRaw(transport, [MessageType.GOODBYE, message === undefined ? {} : { message }, reason]);
    } catch (error) {
      // The link is already going away: there is no one to say goodbye to.
      this.log('goodbye not sent', { error: errorText(error) });
      this.goodbyeWaiter?.('');
    }
    this.stateValue = 'leaving';
    // Nothing may be sent after GOODBYE, so nothing pending can complete any more (B.5).
    this.failAll(new ConnectionError('session_closed', 'the session left'));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const replyReason = await Promise.race([
      reply,
      new Promise<string>((resolve) => {
        timer = setTimeout(resolve, this.config.goodbyeTimeout, '');
      }),
    ]);
    clearTimeout(timer);
    this.goodbyeWaiter = undefined;
    this.log('leave', { reason, reply: replyReason || '(timeout)' });
    this.emit('leave', reason, message ?? '');
    await this.closeTransport(transport, 1000, 'goodbye');
    this.finalClose();
  }

  /** Closes the transport without GOODBYE and stops reconnecting. */
  async close(): Promise<void> {
    this.userClosing = true;
    this.wakeReconnectSleep();
    const transport = this.transport;
    if (transport) await this.closeTransport(transport, 1000, 'closed by client');
    this.finalClose();
  }

  /** `await using` support: leaves the session (GOODBYE with a reply timeout). */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.stateValue !== 'closed') await this.leave();
  }

  /** Opens one transport and joins; settles on WELCOME (after restoring), ABORT, close or timeout. */
  private connectOnce(reconnected: boolean): Promise<void> {
    this.stateValue = 'connecting';
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (this.joinWaiter === finish) this.joinWaiter = undefined;
        if (error !== undefined) opening.abort(error);
        if (error === undefined) {
          resolve();
          return;
        }
        const transport = this.transport;
        if (transport && this.stateValue !== 'joined')
          void this.closeTransport(transport, 1000, 'join failed');
        reject(error);
      };
      const timer = setTimeout(
        () =>
          finish(
            new ConnectionError('connect_timeout', `no WELCOME within ${this.config.connectTimeout} ms`),
          ),
        this.config.connectTimeout,
      );
      this.stopConnectTimer = () => clearTimeout(timer);
      this.joinWaiter = finish;
      const opening = new AbortController();
      this.config.factory(opening.signal).then(
        (transport) => {
          if (settled || this.userClosing) {
            transport.close(1000, 'connect abandoned');
            finish(new ConnectionError('session_closed', 'the session was closed while connecting'));
            return;
          }
          this.attach(transport, reconnected);
        },
        (error: unknown) =>
          finish(
            new ConnectionError('connect_failed', `transport did not open: ${errorText(error)}`, {
              cause: error,
            }),
          ),
      );
    });
  }

  /** Takes over a freshly opened transport and sends HELLO (B.2: it must be the first message). */
  private attach(transport: Transport, reconnected: boolean): void {
    this.transport = transport;
    this.stateValue = 'joining';
    // Request ids are per session: a new join starts again at 1 (B.6).
    this.requestId = 1;
    this.lateCalls.clear();
    this.finishedInputs.clear();
    this.reconnectedJoin = reconnected;
    transport.onMessage = (value) => this.receive(transport, value);
    transport.onClose = (info) => this.handleClose(transport, info);
    this.log('connect', { serializer: transport.serializer.name });
    this.emit('connect');
    const details: Dict = { roles: CLIENT_ROLES, agent: this.config.agent ?? CLIENT_AGENT };
    Object.assign(details, this.config.auth.hello);
    this.trySend(transport, [MessageType.HELLO, this.realm, details as never]);
  }

  private reconnectedJoin = false;

  /** The transport closed: fail pending work, report it, and reconnect or close for good. */
  private handleClose(transport: Transport, info: CloseInfo): void {
    const waiter = this.closeWaiter;
    if (waiter) {
      this.closeWaiter = undefined;
      waiter();
    }
    if (transport !== this.transport) return;
    this.transport = undefined;
    this.goodbyeWaiter?.('');
    const wasJoined = this.wasJoined;
    const previous = this.stateValue;
    this.wasJoined = false;
    this.stateValue = 'disconnected';
    const lost = new ConnectionError(
      this.userClosing ? 'session_closed' : 'connection_lost',
      `connection lost (${info.code}${info.reason ? ` ${info.reason}` : ''})`,
    );
    this.failAll(lost);
    if (previous === 'joined') this.emit('leave', ErrorUri.NETWORK_FAILURE, lost.message);
    const willReconnect =
      wasJoined &&
      this.config.reconnect !== undefined &&
      !this.userClosing &&
      !this.noReconnect &&
      !this.reconnecting;
    this.log('disconnect', { code: info.code, reason: info.reason, willReconnect });
    this.emit('disconnect', { ...info, willReconnect });
    if (willReconnect) void this.reconnectLoop();
    else if (wasJoined && !this.reconnecting) this.finalClose(this.userClosing ? undefined : lost);
  }

  /** Retries with backoff until joined again, the attempts run out, or the user closes. */
  private async reconnectLoop(): Promise<void> {
    const policy = this.config.reconnect as ReconnectPolicy;
    this.reconnecting = true;
    let lastError: unknown;
    try {
      for (let attempt = 1; attempt <= policy.maxAttempts && !this.userClosing; attempt++) {
        await this.sleepBeforeAttempt(policy, attempt);
        if (this.userClosing) break;
        try {
          await this.connectOnce(true);
          return;
        } catch (error) {
          lastError = error;
          this.log('reconnect failed', { attempt, error: errorText(error) });
          if (!isRetryable(error)) break;
        }
      }
    } finally {
      this.reconnecting = false;
    }
    this.finalClose(this.userClosing ? undefined : lastError);
  }

  /** Waits the backoff delay of `attempt`; `leave()`/`close()` cut the wait short. */
  private async sleepBeforeAttempt(policy: ReconnectPolicy, attempt: number): Promise<void> {
    const delay = backoffDelay(policy, attempt);
    this.stateValue = 'disconnected';
    this.emit('reconnecting', attempt, delay);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.reconnectSleep = { timer, wake: resolve };
    });
    this.reconnectSleep = undefined;
  }

  /** Ends a pending backoff wait at once. */
  private wakeReconnectSleep(): void {
    const sleep = this.reconnectSleep;
    if (!sleep) return;
    clearTimeout(sleep.timer);
    sleep.wake();
  }

  /** Closes `transport` and resolves when it reported its close (or after 1 s). */
  private closeTransport(transport: Transport, code: number, reason: string): Promise<void> {
    return new Promise<void>((resolve) => {
      // Bounded: a transport that never reports its close must not hang leave().
      const timer = setTimeout(resolve, 1000);
      this.closeWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
      try {
        transport.close(code, reason);
      } catch (error) {
        this.log('close failed', { error: errorText(error) });
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Marks the session closed for good (idempotent) and resolves `closed`. */
  private finalClose(error?: unknown): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    this.log('close', error === undefined ? {} : { error: errorText(error) });
    this.emit('close', error instanceof Error ? error : undefined);
    this.resolveClosed();
  }

  /** Rejects everything pending with `error`, ends running invocations, forgets router ids. */
  private failAll(error: Error): void {
    const join = this.joinWaiter;
    if (join) join(error);
    if (this.calls.size > 0) {
      const calls = [...this.calls.values()];
      this.calls.clear();
      for (const call of calls) {
        clearCall(call);
        call.reject(error);
      }
    }
    if (this.requests.size > 0) {
      const requests = [...this.requests.values()];
      this.requests.clear();
      for (const request of requests) request.reject(error);
    }
    for (const invocation of this.invocations.values()) {
      invocation.done = true;
      invocation.abort(error);
    }
    this.invocations.clear();
    // Router ids die with the link: an UNREGISTER/UNSUBSCRIBE must never carry an old one.
    for (const entry of this.subscriptionsById.values()) entry.id = 0;
    for (const entry of this.registrationsById.values()) entry.id = 0;
    this.subscriptionsById.clear();
    this.registrationsById.clear();
  }

  // ---------------------------------------------------------------- inbound

  /** Entry point of every inbound value: decode, show the hook, dispatch by state. */
  private receive(transport: Transport, value: unknown): void {
    if (transport !== this.transport) return;
    // Opt-in tolerance for routers that send null payloads (docs/interop.md).
    if (this.config.lenientPayload && Array.isArray(value)) dropNullPayload(value);
    const decoded = decodeMessage(value);
    if (!decoded.ok) {
      const text = isUndecodable(value) ? value.message : decoded.violation.message;
      this.violate(`${decoded.violation.code}: ${text}`);
      return;
    }
    const message = decoded.message;
    if (this.config.hook !== undefined) this.callHook('in', message);
    switch (this.stateValue) {
      case 'joined':
        this.onJoinedMessage(message);
        return;
      case 'joining':
        this.onJoiningMessage(transport, message);
        return;
      case 'leaving':
        if (message[0] === MessageType.GOODBYE) this.goodbyeWaiter?.(message[2]);
        else this.stats.ignoredWhileLeaving++;
        return;
      default:
        // closing after a violation, GOODBYE or ABORT: nothing more is processed from this link.
        this.stats.ignoredWhileLeaving++;
    }
  }

  /** Before WELCOME only WELCOME, CHALLENGE and ABORT are legal (B.2). */
  private onJoiningMessage(transport: Transport, message: WampMessage): void {
    switch (message[0]) {
      case MessageType.WELCOME:
        this.onWelcome(message);
        return;
      case MessageType.CHALLENGE: {
        const [, method, extra] = message;
        this.emit('challenge', method, extra);
        this.config.auth.answer(method, extra).then(
          (answer) => {
            if (this.transport === transport && this.stateValue === 'joining') {
              this.trySend(transport, [MessageType.AUTHENTICATE, answer.signature, answer.extra ?? {}]);
            }
          },
          (error: unknown) => this.abortJoin(transport, error),
        );
        return;
      }
      case MessageType.ABORT: {
        const [, details, reason, args, kwargs] = message;
        this.log('abort', { reason, details });
        this.stateValue = 'closing';
        this.failAll(new WampError(reason, args ?? [], kwargs ?? {}, details));
        void this.closeTransport(transport, 1000, 'aborted');
        return;
      }
      default:
        this.violate(`${messageTypeName(message[0]) ?? message[0]} received before WELCOME`);
    }
  }

  /** A CHALLENGE we cannot answer: ABORT the join (B.2) and fail it with the reason. */
  private abortJoin(transport: Transport, error: unknown): void {
    if (this.transport !== transport || this.stateValue !== 'joining') return;
    const text = `cannot answer CHALLENGE: ${errorText(error)}`;
    this.trySend(transport, [MessageType.ABORT, { message: text }, ErrorUri.AUTHENTICATION_FAILED]);
    this.stateValue = 'closing';
    this.failAll(isWampError(error) ? error : new WampError(ErrorUri.AUTHENTICATION_FAILED, [text]));
    void this.closeTransport(transport, 1000, 'authentication failed');
  }

  /** Joined: record the router's features, restore after a reconnect, then report the join. */
  private onWelcome(message: WelcomeMessage): void {
    const [, sessionId, details] = message;
    this.stateValue = 'joined';
    this.wasJoined = true;
    this.sessionId = sessionId;
    this.dealerFeatures = details.roles?.dealer?.features ?? {};
    const info: JoinInfo = {
      sessionId,
      realm: this.realm,
      details,
      reconnected: this.reconnectedJoin,
      ...(details.authid === undefined ? {} : { authid: details.authid }),
      ...(details.authrole === undefined ? {} : { authrole: details.authrole }),
      ...(details.authmethod === undefined ? {} : { authmethod: details.authmethod }),
    };
    this.welcome = info;
    this.log('join', { session: sessionId, authid: details.authid, authrole: details.authrole });
    // Joined: restoring may take longer than the connect timeout, and must not be cut off by it.
    this.stopConnectTimer?.();
    this.stopConnectTimer = undefined;
    const restore = this.registrationEntries.size > 0 || this.subscriptionEntries.size > 0;
    const done = (): void => {
      // The link may have dropped while restoring; the join waiter was failed then.
      if (this.stateValue !== 'joined' || this.sessionId !== sessionId) return;
      const join = this.joinWaiter;
      this.joinWaiter = undefined;
      join?.();
      this.emit('join', info);
      if (info.reconnected) this.emit('reconnect', info);
    };
    if (restore) void this.restore().then(done);
    else done();
  }

  /** Re-registers and re-subscribes every entry with the same handlers after a reconnect. */
  private async restore(): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const entry of this.registrationEntries) {
      work.push(
        this.sendRegister(entry, true).catch((error: unknown) => {
          // A lost link keeps the entry for the next reconnect; a router refusal drops it.
          if (isConnectionError(error)) return;
          this.registrationEntries.delete(entry);
          this.emit('error', error, `restoring registration ${entry.procedure}`);
        }),
      );
    }
    for (const entry of this.subscriptionEntries) {
      work.push(
        this.sendSubscribe(entry, undefined).catch((error: unknown) => {
          if (isConnectionError(error)) return;
          this.subscriptionEntries.delete(entry);
          this.emit('error', error, `restoring subscription ${entry.topic}`);
        }),
      );
    }
    await Promise.all(work);
  }

  /** Dispatch after WELCOME; anything a router must not send is a violation. */
  private onJoinedMessage(message: WampMessage): void {
    switch (message[0]) {
      case MessageType.RESULT:
        this.onResult(message);
        return;
      case MessageType.EVENT:
        this.onEvent(message);
        return;
      case MessageType.INVOCATION:
        this.onInvocation(message);
        return;
      case MessageType.ERROR:
        this.onError(message);
        return;
      case MessageType.INTERRUPT:
        this.onInterrupt(message[1], message[2].mode);
        return;
      case MessageType.SUBSCRIBED:
      case MessageType.REGISTERED:
      case MessageType.PUBLISHED:
        this.onAcknowledge(message[0], message[1], message[2]);
        return;
      case MessageType.UNSUBSCRIBED:
      case MessageType.UNREGISTERED:
        if (message[1] === 0) this.onRevocation(message[0], (message[2] ?? {}) as Dict);
        else this.onAcknowledge(message[0], message[1], 0);
        return;
      case MessageType.GOODBYE:
        this.onRouterGoodbye(message[1], message[2]);
        return;
      case MessageType.ABORT:
        this.onRouterAbort(message[1], message[2]);
        return;
      default:
        this.violate(`${messageTypeName(message[0]) ?? message[0]} is not allowed after WELCOME`);
    }
  }

  /** The router ends the session: answer GOODBYE (B.5), fail pending work, close. */
  private onRouterGoodbye(details: Dict, reason: string): void {
    const transport = this.transport as Transport;
    this.trySend(transport, [MessageType.GOODBYE, {}, CloseUri.GOODBYE_AND_OUT]);
    this.stateValue = 'closing';
    if (reason === CloseUri.KILLED) this.noReconnect = true;
    const message = typeof details.message === 'string' ? details.message : '';
    this.log('goodbye', { reason, message });
    this.failAll(new ConnectionError('session_closed', `the router ended the session (${reason})`));
    this.emit('leave', reason, message);
    void this.closeTransport(transport, 1000, 'goodbye');
  }

  /** ABORT after WELCOME: never answered; fail everything and close. */
  private onRouterAbort(details: Dict, reason: string): void {
    const transport = this.transport as Transport;
    this.stateValue = 'closing';
    const message = typeof details.message === 'string' ? details.message : '';
    this.log('abort', { reason, message });
    this.failAll(new ConnectionError('connection_lost', `the router aborted the session (${reason})`));
    this.emit('leave', reason, message);
    void this.closeTransport(transport, 1000, 'aborted');
  }

  /** Protocol violation (B.4): ABORT, fail everything, drop the transport. */
  private violate(text: string): void {
    const transport = this.transport;
    if (!transport) return;
    this.log('protocol violation', { message: text });
    this.trySend(transport, [MessageType.ABORT, { message: text }, ErrorUri.PROTOCOL_VIOLATION]);
    const wasJoined = this.stateValue === 'joined';
    this.stateValue = 'closing';
    this.failAll(new ConnectionError('protocol_violation', `protocol violation: ${text}`));
    if (wasJoined) this.emit('leave', ErrorUri.PROTOCOL_VIOLATION, text);
    void this.closeTransport(transport, 1002, 'protocol violation');
  }

  // ---------------------------------------------------------------- caller

  /** Calls `procedure`; resolves with the RESULT, rejects with a `WampError` (or a registered class). */
  call(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): Promise<CallResult> {
    const transport = this.transport;
    if (this.stateValue !== 'joined' || transport === undefined) return Promise.reject(this.notJoined());
    const signal = options?.signal;
    // Already aborted: nothing is sent, so there is nothing to cancel.
    if (signal?.aborted) return Promise.reject(canceledError(signal));
    const wireOptions: CallMessageOptions = {};
    let timeout = 0;
    if (options !== undefined) {
      if (options.timeout !== undefined && options.timeout > 0) {
        timeout = Math.ceil(options.timeout);
        wireOptions.timeout = timeout;
      }
      if (options.onProgress !== undefined) wireOptions.receive_progress = true;
      if (options.discloseMe === true) wireOptions.disclose_me = true;
      if (options.options !== undefined) Object.assign(wireOptions, options.options);
      if (options.input !== undefined) {
        // Sending progress:true to a dealer that did not announce it is a protocol violation (D.2).
        if (this.dealerFeatures.progressive_call_invocations !== true) {
          return Promise.reject(
            new WampError(ErrorUri.FEATURE_NOT_SUPPORTED, [
              'the router does not support progressive call invocations',
            ]),
          );
        }
        wireOptions.progress = true;
      }
    }
    // Taken only now: an id must reach the wire, or the next request would leave a gap (B.6).
    const id = this.nextRequestId();
    const pending: PendingCall = {
      resolve: noop,
      reject: noop,
      onProgress: options?.onProgress,
      timer: undefined,
      timeout,
      signal,
      onAbort: undefined,
      cancelRequested: false,
    };
    const promise = new Promise<CallResult>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    // Registered before sending: an in-memory router may answer synchronously.
    this.calls.set(id, pending);
    try {
      this.sendRaw(transport, withPayload([MessageType.CALL, id, wireOptions, procedure], args, kwargs));
    } catch (error) {
      this.calls.delete(id);
      this.giveBackRequestId(id);
      return Promise.reject(error);
    }
    // Extra setTimeout arguments instead of a closure: no per-call function allocation.
    if (timeout > 0) pending.timer = setTimeout(onCallTimeout, timeout, this, id, timeout);
    if (options?.input !== undefined) void this.streamInput(transport, id, procedure, options.input);
    if (signal !== undefined) {
      const mode = options?.cancelMode ?? 'killnowait';
      pending.onAbort = () => this.cancelCall(id, mode, canceledError(signal));
      signal.addEventListener('abort', pending.onAbort, { once: true });
    }
    return promise;
  }

  /**
   * Sends the remaining input chunks of a progressive call invocation, one behind the iterator so
   * that the last chunk goes out without `progress`. Stops once the call settled or the link changed.
   */
  private async streamInput(
    transport: Transport,
    id: Id,
    procedure: string,
    input: AsyncIterable<CallInputChunk> | Iterable<CallInputChunk>,
  ): Promise<void> {
    let held: CallInputChunk | undefined;
    const open = (): boolean => this.transport === transport && this.calls.has(id);
    try {
      for await (const chunk of input) {
        if (!open()) return;
        if (held !== undefined) {
          this.sendRaw(
            transport,
            withPayload([MessageType.CALL, id, { progress: true }, procedure], held.args, held.kwargs),
          );
        }
        held = chunk;
      }
      if (open())
        this.sendRaw(transport, withPayload([MessageType.CALL, id, {}, procedure], held?.args, held?.kwargs));
    } catch (error) {
      // After a reconnect `id` may name a new call of the new session: leave that one alone.
      if (!open()) {
        this.log('call input failed after the call ended', { request: id, error: errorText(error) });
        return;
      }
      // The input failed: the callee must not wait for chunks that will never come.
      this.cancelCall(
        id,
        'killnowait',
        new WampError(
          ErrorUri.CANCELED,
          [`call input failed: ${errorText(error)}`],
          {},
          {},
          { cause: error },
        ),
      );
    }
  }

  /** Like `call`, with progressive results as an async iterable and the final one as `result`. */
  callProgressive(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): ProgressiveCall {
    const sink = createProgressiveCall();
    const user = options?.onProgress;
    const onProgress = (chunk: CallResult): void => {
      sink.push(chunk);
      user?.(chunk);
    };
    sink.settle(this.call(procedure, args, kwargs, { ...options, onProgress }));
    return sink.call;
  }

  /** Ends a call locally (timeout or abort) and tells the router with CANCEL when it can cancel. */
  cancelCall(id: Id, mode: 'skip' | 'kill' | 'killnowait', error: Error): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    // After a kill CANCEL the dealer already knows: a later timeout or input failure settles locally.
    if (!call.cancelRequested) {
      const transport = this.transport;
      // CANCEL only when the dealer announced it; otherwise settling locally is all we can do.
      const canCancel = this.dealerFeatures.call_canceling === true && transport !== undefined;
      if (canCancel) this.trySend(transport, [MessageType.CANCEL, id, { mode }]);
      if (mode === 'kill' && canCancel) {
        // kill: the callee's answer (normally ERROR canceled) settles the call, bounded by the timeout.
        call.cancelRequested = true;
        return;
      }
    }
    this.calls.delete(id);
    // The router may still answer; that late reply is then expected, not a violation.
    this.lateCalls.add(id);
    clearCall(call);
    call.reject(error);
  }

  /** RESULT: a progressive chunk goes to `onProgress`, a final one settles the call. */
  private onResult(message: ResultMessage): void {
    const id = message[1];
    const call = this.calls.get(id);
    if (call === undefined) {
      this.onUnknownCallReply(id, 'RESULT');
      return;
    }
    const details = message[2];
    const result: CallResult = { args: message[3] ?? [], kwargs: message[4] ?? {}, details };
    if (details.progress === true) {
      // The timeout runs between results, not over the whole call (D.1).
      if (call.timer !== undefined) {
        clearTimeout(call.timer);
        call.timer = setTimeout(onCallTimeout, call.timeout, this, id, call.timeout);
      }
      if (call.onProgress === undefined) {
        this.stats.droppedProgress++;
        return;
      }
      try {
        call.onProgress(result);
      } catch (error) {
        this.reportHandlerError(error, 'onProgress');
      }
      return;
    }
    this.calls.delete(id);
    clearCall(call);
    call.resolve(result);
  }

  /** A reply for a call we settled locally is expected; for any other id it is a violation. */
  private onUnknownCallReply(id: Id, what: string): void {
    if (this.lateCalls.has(id)) {
      this.stats.lateResults++;
      this.log('late reply ignored', { request: id, message: what });
      return;
    }
    this.violate(`${what} for unknown CALL request ${id}`);
  }

  /** ERROR: rejects the matching request with the registered error class or a WampError. */
  private onError(message: ErrorMessage): void {
    const [, requestType, id, details, uri, args, kwargs] = message;
    if (requestType === MessageType.CALL) {
      const call = this.calls.get(id);
      if (call === undefined) {
        this.onUnknownCallReply(id, 'ERROR');
        return;
      }
      this.calls.delete(id);
      clearCall(call);
      call.reject(this.config.errors.fromWire(uri, args ?? [], kwargs ?? {}, details));
      return;
    }
    const request = this.requests.get(id);
    if (request === undefined || request.kind !== requestType) {
      this.violate(`ERROR for unknown ${messageTypeName(requestType) ?? requestType} request ${id}`);
      return;
    }
    this.requests.delete(id);
    if (request.kind === MessageType.SUBSCRIBE) this.subscriptionEntries.delete(request.entry);
    if (request.kind === MessageType.REGISTER) this.registrationEntries.delete(request.entry);
    request.reject(this.config.errors.fromWire(uri, args ?? [], kwargs ?? {}, details));
  }

  // ---------------------------------------------------------------- acknowledgements

  /** SUBSCRIBED, UNSUBSCRIBED, REGISTERED, UNREGISTERED, PUBLISHED: settle the request. */
  private onAcknowledge(type: number, id: Id, value: Id): void {
    const request = this.requests.get(id);
    if (request === undefined || ACK_OF[request.kind] !== type) {
      this.violate(`${messageTypeName(type)} for unknown request ${id}`);
      return;
    }
    this.requests.delete(id);
    switch (request.kind) {
      case MessageType.PUBLISH:
        request.resolve(value);
        return;
      case MessageType.SUBSCRIBE:
        this.onSubscribed(request, value);
        return;
      case MessageType.UNSUBSCRIBE: {
        const entry = request.entry;
        this.subscriptionsById.delete(entry.id);
        entry.id = 0;
        request.resolve();
        // A subscribe for the same topic joined this entry while the UNSUBSCRIBE was in flight:
        // the router has dropped the subscription, so take it out again for the new handlers.
        if (entry.slots.length > 0) this.resubscribe(entry);
        return;
      }
      case MessageType.REGISTER: {
        if (this.registrationsById.has(value)) {
          request.reject(new WampError(ErrorUri.PROTOCOL_VIOLATION, ['duplicate registration id']));
          this.violate(`REGISTERED with registration id ${value} already in use`);
          return;
        }
        request.entry.id = value;
        this.registrationsById.set(value, request.entry);
        request.resolve(request.entry);
        // Unregistered by the user while this REGISTER (a restore) was in flight.
        if (!request.entry.active) void this.sendUnregister(request.entry).catch(noop);
        return;
      }
      case MessageType.UNREGISTER:
        this.registrationsById.delete(request.entry.id);
        request.entry.id = 0;
        request.resolve();
        return;
    }
  }

  /** Binds a subscription entry to the router id, sharing an entry the id already names. */
  private onSubscribed(request: PendingRequest & { kind: 32 }, subscriptionId: Id): void {
    const shared = this.subscriptionsById.get(subscriptionId);
    let entry = request.entry;
    if (shared !== undefined && shared !== entry) {
      // The router reused an id we hold (B.6): attach to that entry instead of a second one.
      this.subscriptionEntries.delete(entry);
      for (const slot of entry.slots) {
        slot.entry = shared;
        shared.slots.push(slot);
      }
      entry = shared;
    } else {
      entry.id = subscriptionId;
      this.subscriptionsById.set(subscriptionId, entry);
    }
    if (request.handler === undefined) {
      request.resolve(entry.slots[0] as SubscriptionSlot);
      // Every handler unsubscribed while this SUBSCRIBE (a restore) was in flight.
      if (entry.slots.length === 0) void this.sendUnsubscribe(entry).catch(noop);
      return;
    }
    const slot = new SubscriptionSlot(entry, request.handler, (s) => this.releaseSlot(s));
    entry.slots.push(slot);
    this.subscriptionEntries.add(entry);
    request.resolve(slot);
  }

  /** The router revoked a subscription or registration ([35|67, 0, Details]). */
  private onRevocation(type: number, details: Dict): void {
    if (type === MessageType.UNSUBSCRIBED) {
      const entry = this.subscriptionsById.get(details.subscription as Id);
      if (entry === undefined) {
        this.violate('UNSUBSCRIBED revocation for an unknown subscription');
        return;
      }
      this.subscriptionsById.delete(entry.id);
      this.subscriptionEntries.delete(entry);
      for (const slot of entry.slots) slot.active = false;
      this.emit(
        'error',
        new WampError(String(details.reason ?? 'wamp.subscription.revoked')),
        `subscription ${entry.topic} revoked`,
      );
      return;
    }
    const entry = this.registrationsById.get(details.registration as Id);
    if (entry === undefined) {
      this.violate('UNREGISTERED revocation for an unknown registration');
      return;
    }
    this.registrationsById.delete(entry.id);
    this.registrationEntries.delete(entry);
    entry.active = false;
    this.emit(
      'error',
      new WampError(String(details.reason ?? 'wamp.registration.revoked')),
      `registration ${entry.procedure} revoked`,
    );
  }

  // ---------------------------------------------------------------- publisher / subscriber

  /** Publishes an event; with `acknowledge` resolves with the publication id. */
  publish(topic: string, args?: Args, kwargs?: Kwargs, options?: PublishOptions): Promise<Id | undefined> {
    const transport = this.transport;
    if (this.stateValue !== 'joined' || transport === undefined) return Promise.reject(this.notJoined());
    const id = this.nextRequestId();
    const message = withPayload([MessageType.PUBLISH, id, toPublishOptions(options), topic], args, kwargs);
    if (options?.acknowledge !== true) {
      try {
        this.sendRaw(transport, message);
      } catch (error) {
        this.giveBackRequestId(id);
        return Promise.reject(error);
      }
      return Promise.resolve(undefined);
    }
    return this.request(transport, message, (settle) => ({ kind: MessageType.PUBLISH, ...settle }));
  }

  /** Subscribes `handler` to `topic`; handlers on the same topic share one router subscription. */
  subscribe(topic: string, handler: EventHandler, options?: SubscribeOptions): Promise<Subscription> {
    if (this.stateValue !== 'joined') return Promise.reject(this.notJoined());
    const wire: Dict = {};
    if (options?.match !== undefined && options.match !== 'exact') wire.match = options.match;
    if (options?.getRetained === true) wire.get_retained = true;
    if (options?.options !== undefined) Object.assign(wire, options.options);
    return this.sendSubscribe(new SubscriptionEntry(topic, wire), handler);
  }

  /** Sends SUBSCRIBE for `entry`; `handler` is undefined when restoring. */
  private sendSubscribe(entry: SubscriptionEntry, handler: EventHandler | undefined): Promise<Subscription> {
    const transport = this.transport;
    if (transport === undefined) return Promise.reject(this.notJoined());
    const message = [MessageType.SUBSCRIBE, this.nextRequestId(), entry.options, entry.topic];
    return this.request(transport, message, (settle) => ({
      kind: MessageType.SUBSCRIBE,
      entry,
      handler,
      ...settle,
    }));
  }

  /** Detaches one handler; the last one sends UNSUBSCRIBE. */
  private releaseSlot(slot: SubscriptionSlot): Promise<void> {
    if (!slot.active) return Promise.resolve();
    slot.active = false;
    const entry = slot.entry;
    const i = entry.slots.indexOf(slot);
    if (i >= 0) entry.slots.splice(i, 1);
    if (entry.slots.length > 0) return Promise.resolve();
    this.subscriptionEntries.delete(entry);
    return this.sendUnsubscribe(entry);
  }

  /** Sends UNSUBSCRIBE for a bound entry (nothing to do while unbound or not joined). */
  private sendUnsubscribe(entry: SubscriptionEntry): Promise<void> {
    const transport = this.transport;
    if (this.stateValue !== 'joined' || transport === undefined || entry.id === 0) return Promise.resolve();
    const message = [MessageType.UNSUBSCRIBE, this.nextRequestId(), entry.id];
    return this.request(transport, message, (settle) => ({
      kind: MessageType.UNSUBSCRIBE,
      entry,
      ...settle,
    }));
  }

  /** Subscribes an entry again for the handlers it still has; a refusal is reported. */
  private resubscribe(entry: SubscriptionEntry): void {
    this.subscriptionEntries.add(entry);
    this.sendSubscribe(entry, undefined).catch((error: unknown) => {
      if (isConnectionError(error)) return; // restored on the next join
      this.subscriptionEntries.delete(entry);
      this.emit('error', error, `resubscribing ${entry.topic}`);
    });
  }

  /** EVENT: calls every handler of the subscription; handler errors are reported, never thrown. */
  private onEvent(message: EventMessage): void {
    const entry = this.subscriptionsById.get(message[1]);
    if (entry === undefined) {
      this.violate(`EVENT for unknown subscription ${message[1]}`);
      return;
    }
    const slots = entry.slots;
    // No handler left: UNSUBSCRIBE is on its way and events may still cross it.
    if (slots.length === 0) {
      this.stats.droppedEvents++;
      return;
    }
    const details = message[3];
    // One context and one payload for every handler of this event.
    const context: EventContext = eventContext(entry.topic, message[2], details);
    const args = message[4] ?? [];
    const kwargs = message[5] ?? {};
    // A handler may unsubscribe (splicing `slots`): iterate a snapshot when there are several.
    const list = slots.length === 1 ? slots : slots.slice();
    for (let i = 0; i < list.length; i++) {
      const slot = list[i] as SubscriptionSlot;
      if (!slot.active) continue;
      try {
        const result = slot.handler(args, kwargs, context);
        if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
          (result as Promise<void>).then(undefined, (error: unknown) =>
            this.reportHandlerError(error, entry.topic),
          );
        }
      } catch (error) {
        this.reportHandlerError(error, entry.topic);
      }
    }
  }

  // ---------------------------------------------------------------- callee

  /** Registers `handler` for `procedure` (or a pattern with `match`). */
  register(procedure: string, handler: InvocationHandler, options?: RegisterOptions): Promise<Registration> {
    if (this.stateValue !== 'joined') return Promise.reject(this.notJoined());
    const wire: Dict = {};
    if (options?.match !== undefined && options.match !== 'exact') wire.match = options.match;
    if (options?.invoke !== undefined && options.invoke !== 'single') wire.invoke = options.invoke;
    if (options?.options !== undefined) Object.assign(wire, options.options);
    const entry = new RegistrationEntry(procedure, wire, handler, (e) => this.releaseRegistration(e));
    return this.sendRegister(entry, false).then((registration) => {
      this.registrationEntries.add(entry);
      return registration;
    });
  }

  /** Sends REGISTER for `entry` (also used to restore it after a reconnect). */
  private sendRegister(entry: RegistrationEntry, restore: boolean): Promise<Registration> {
    const transport = this.transport;
    if (transport === undefined) return Promise.reject(this.notJoined());
    const message = [MessageType.REGISTER, this.nextRequestId(), entry.options, entry.procedure];
    return this.request(transport, message, (settle) => ({
      kind: MessageType.REGISTER,
      entry,
      restore,
      ...settle,
    }));
  }

  /** Sends UNREGISTER; invocations arriving before UNREGISTERED are still served. */
  private releaseRegistration(entry: RegistrationEntry): Promise<void> {
    if (!entry.active) return Promise.resolve();
    entry.active = false;
    this.registrationEntries.delete(entry);
    return this.sendUnregister(entry);
  }

  /** Sends UNREGISTER for a bound entry (nothing to do while unbound or not joined). */
  private sendUnregister(entry: RegistrationEntry): Promise<void> {
    const transport = this.transport;
    if (this.stateValue !== 'joined' || transport === undefined || entry.id === 0) return Promise.resolve();
    const message = [MessageType.UNREGISTER, this.nextRequestId(), entry.id];
    return this.request(transport, message, (settle) => ({ kind: MessageType.UNREGISTER, entry, ...settle }));
  }

  /** INVOCATION: runs the handler (sync or async) or feeds a progressive invocation's input. */
  private onInvocation(message: InvocationMessage): void {
    const [, id, registrationId, details] = message;
    const entry = this.registrationsById.get(registrationId);
    if (entry === undefined) {
      this.violate(`INVOCATION for unknown registration ${registrationId}`);
      return;
    }
    const args = message[4] ?? [];
    const kwargs = message[5] ?? {};
    const running = this.invocations.get(id);
    if (running !== undefined) {
      // A later chunk of a progressive call invocation (D.2).
      if (!running.acceptsInput) {
        this.violate(`INVOCATION ${id} repeated`);
        return;
      }
      running.pushInput({ args, kwargs, details }, details.progress !== true);
      return;
    }
    if (this.finishedInputs.has(id)) {
      // A late chunk of a progressive invocation that already finished: discarded (D.2).
      this.stats.lateYields++;
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
      this.stats.lateYields++;
      return;
    }
    this.endInvocation(invocation);
    const transport = this.transport as Transport;
    let message: unknown[];
    // Conventional mapping (DESIGN): nothing, a WampResult's args/kwargs, or the value as Arguments[0].
    if (value === undefined) message = [MessageType.YIELD, invocation.id, {}];
    else if (value instanceof WampResult)
      message = withPayload([MessageType.YIELD, invocation.id, {}], value.args, value.kwargs);
    else message = [MessageType.YIELD, invocation.id, {}, [value]];
    try {
      this.sendRaw(transport, message);
    } catch (error) {
      // Usually a result the serializer cannot encode: the caller must still get an answer.
      this.reportHandlerError(error, invocation.procedure);
      const text = `result could not be sent: ${errorText(error)}`;
      this.trySend(transport, [
        MessageType.ERROR,
        MessageType.INVOCATION,
        invocation.id,
        {},
        ErrorUri.RUNTIME_ERROR,
        [text],
      ]);
    }
  }

  /** Answers ERROR: a mapped/WampError keeps its URI, anything else is a runtime_error. */
  private finishWithError(invocation: Invocation, error: unknown): void {
    if (invocation.done) {
      this.stats.lateYields++;
      return;
    }
    this.endInvocation(invocation);
    let wire = this.config.errors.toWire(error);
    if (wire === undefined) {
      this.reportHandlerError(error, invocation.procedure);
      wire = { uri: ErrorUri.RUNTIME_ERROR, args: [errorText(error)], kwargs: {} };
    }
    const message = withPayload(
      [MessageType.ERROR, MessageType.INVOCATION, invocation.id, {}, wire.uri],
      wire.args,
      wire.kwargs,
    );
    try {
      this.sendRaw(this.transport as Transport, message);
    } catch (sendError) {
      const text = `error payload could not be sent: ${errorText(sendError)}`;
      this.trySend(this.transport as Transport, [
        MessageType.ERROR,
        MessageType.INVOCATION,
        invocation.id,
        {},
        wire.uri,
        [text],
      ]);
    }
  }

  /** INTERRUPT: abort the handler's signal and answer canceled (not in killnowait mode). */
  private onInterrupt(id: Id, mode: string | undefined): void {
    const invocation = this.invocations.get(id);
    if (invocation === undefined) {
      // Already answered: INTERRUPT crossed our YIELD (autobahn-python ignores it too).
      this.log('interrupt ignored', { request: id });
      return;
    }
    this.endInvocation(invocation);
    invocation.abort(
      new WampError(ErrorUri.CANCELED, ['the call was canceled'], {}, { mode: mode ?? 'kill' }),
    );
    if (mode !== 'killnowait') {
      this.trySend(this.transport as Transport, [
        MessageType.ERROR,
        MessageType.INVOCATION,
        id,
        {},
        ErrorUri.CANCELED,
      ]);
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
    const transport = this.transport;
    if (transport === undefined || this.stateValue !== 'joined') return;
    this.sendRaw(
      transport,
      withPayload([MessageType.YIELD, invocation.id, { progress: true }], args, kwargs),
    );
  }

  // ---------------------------------------------------------------- plumbing

  /** Registers a pending request (before sending: in-memory links may answer at once) and sends it. */
  private request<T>(
    transport: Transport,
    message: unknown[],
    make: (settle: Settle<T>) => PendingRequest,
  ): Promise<T> {
    const id = message[1] as Id;
    return new Promise<T>((resolve, reject) => {
      this.requests.set(id, make({ resolve, reject }));
      try {
        this.sendRaw(transport, message);
      } catch (error) {
        this.requests.delete(id);
        this.giveBackRequestId(id);
        reject(error);
      }
    });
  }

  /**
   * Sends one message, then shows it to the hook (so that anything the hook sends comes after it).
   * Throws when the transport refuses it (e.g. a payload that cannot be serialized).
   */
  private sendRaw(transport: Transport, message: unknown[]): void {
    transport.send(message as WampMessage);
    if (this.config.hook !== undefined) this.callHook('out', message as WampMessage);
  }

  /**
   * Undoes the last {@link nextRequestId} when a new request carrying `id` was never sent: a gap in
   * the ids is a protocol violation for a strict router (B.6).
   */
  private giveBackRequestId(id: Id): void {
    if (this.requestId === (id >= MAX_ID ? 1 : id + 1)) this.requestId = id;
  }

  /**
   * Sends a protocol message whose loss is tolerable (ABORT, GOODBYE, CANCEL, a fallback ERROR):
   * it may run in a callback where a throw would be an uncaught error, and the link is usually
   * going away when it fails. Failures are logged.
   */
  private trySend(transport: Transport | undefined, message: unknown[]): boolean {
    try {
      if (transport === undefined) throw new ConnectionError('connection_lost', 'no transport');
      this.sendRaw(transport, message);
      return true;
    } catch (error) {
      this.log('send failed', { type: message[0] as number, error: errorText(error) });
      return false;
    }
  }

  /** Shows a message to the user's hook; a throwing hook is reported, never breaks the session. */
  private callHook(direction: 'in' | 'out', message: WampMessage): void {
    try {
      (this.config.hook as MessageHook)(direction, message);
    } catch (error) {
      this.reportHandlerError(error, 'onMessage hook');
    }
  }

  /** Session-scoped request ids: 1, 2, 3 … wrapping after 2^53, one counter for all (B.6). */
  private nextRequestId(): Id {
    const id = this.requestId;
    this.requestId = id >= MAX_ID ? 1 : id + 1;
    return id;
  }

  /** The error for a request made while not joined. */
  private notJoined(): ConnectionError {
    if (this.stateValue === 'closed' || this.stateValue === 'leaving' || this.userClosing) {
      return new ConnectionError('session_closed', 'the session is closed');
    }
    return new ConnectionError('not_joined', `the session is not joined (state ${this.stateValue})`);
  }

  /** Counts, logs and emits a handler failure; the session keeps running. */
  private reportHandlerError(error: unknown, where: string): void {
    this.stats.handlerErrors++;
    this.log('handler error', { where, error: errorText(error) });
    this.emit('error', error, where);
  }

  /** Emits a lifecycle event; a throwing listener is logged, never propagated. */
  private emit<K extends keyof SessionEvents>(event: K, ...args: Parameters<SessionEvents[K]>): void {
    const errors = this.events.emit(event, ...args);
    for (const error of errors) this.log('listener error', { event, error: errorText(error) });
  }

  /** Writes a debug line when the debug log is on. */
  private log(event: string, data?: Dict): void {
    if (this.config.log !== undefined) this.config.log(event, data);
  }
}

function onCallTimeout(session: Session, id: Id, timeout: number): void {
  session.cancelCall(id, 'killnowait', new WampError(ErrorUri.TIMEOUT, [`no result within ${timeout} ms`]));
}

function canceledError(signal: AbortSignal): WampError {
  return new WampError(ErrorUri.CANCELED, ['the call was canceled'], {}, {}, { cause: signal.reason });
}

/** Transport-level failures are worth retrying; an ABORT from the router (bad credentials) is not. */
function isRetryable(error: unknown): boolean {
  return isConnectionError(error) && error.code !== 'session_closed';
}
