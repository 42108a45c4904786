/**
 * The client session facade: one `Session` per `connect()`, stable across reconnects.
 *
 * It holds the public API, the state and the lifecycle events, and dispatches every inbound
 * message: a switch on the message code straight into the module that owns it. The work lives in
 * the modules it wires together: the link (`session-link.ts`), the connection lifecycle
 * (`connection-lifecycle.ts`), the join (`join.ts`) and one module per role (`caller.ts`,
 * `callee.ts`, `pubsub.ts`). This is the hot path: nothing is allocated per message that the
 * message itself does not need, and each message costs one method call into its module.
 *
 * The callee role is built on the first `register()`. In browser builds it is also loaded then,
 * with `import()` (`load-callee-browser.ts`), so a page that only calls and subscribes does not carry
 * it. Until then the session answers what only a callee could be sent (INVOCATION, INTERRUPT, a
 * registration's revocation) as the role would with no registrations.
 */
import { decodeRouterMessage } from '../protocol/decode.js';
import { MessageType, messageTypeName } from '../protocol/message-type.js';
import type { Args, Dict, ErrorMessage, Id, Kwargs, WampMessage } from '../protocol/messages.js';
import { CloseUri } from '../protocol/uris.js';
import type { PingOptions, Transport, TransportFactory } from '../transport/types.js';
import { isUndecodable } from '../transport/undecodable.js';
import type { AuthResponder } from './auth-responder.js';
import type { ReconnectPolicy } from './backoff.js';
import type { Callee } from './callee.js';
import { Caller } from './caller.js';
import type { DebugLogger, JoinInfo, MessageHook, SessionEvents } from './connect-options.js';
import { ConnectionLifecycle } from './connection-lifecycle.js';
import type { ErrorRegistry } from './error-registry.js';
import { Join, type Restorable } from './join.js';
import { loadCallee } from './load-callee.js';
import { dropNullPayload } from './lenient-payload.js';
import { PubSub } from './pubsub.js';
import { SessionReporter, type SessionStats } from './reporter.js';
import type { RestoreRetryPolicy } from './restore-retry.js';
import { type RoleHost, SessionLink, type SessionState } from './session-link.js';
import type {
  CallOptions,
  CallResult,
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

export type { SessionState } from './session-link.js';
export type { SessionStats } from './reporter.js';

/** Everything the session needs, resolved from `ConnectOptions` by `connect()`. */
export interface SessionConfig {
  readonly realm: string;
  /** One per URL (or the custom factory): tried in order, rotating on failure and after a lost link. */
  readonly factories: readonly TransportFactory[];
  /** Keep-alive for every transport that can ping. */
  readonly ping: PingOptions | undefined;
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
  /** How long a restore the router refuses is retried after a reconnect. */
  readonly restoreRetry: RestoreRetryPolicy;
}

/**
 * A WAMP client session. Create it with `connect()`; `await using` leaves it.
 *
 * @example
 * await using session = await connect({ url: 'ws://127.0.0.1:8080/ws', realm: 'realm1' });
 * const { args } = await session.call('com.example.echo', ['hello']);
 */
export class Session implements SessionApi, AsyncDisposable {
  readonly realm: string;
  /** Counters of dropped and survived things (see {@link SessionStats}). */
  readonly stats: SessionStats;
  private readonly config: SessionConfig;
  private readonly report: SessionReporter;
  private readonly link: SessionLink;
  private readonly caller: Caller;
  /** The callee role, once the first `register()` loaded it. */
  private callee: Callee | undefined;
  private calleeLoading: Promise<typeof Callee> | undefined;
  private readonly roles: RoleHost;
  private readonly pubsub: PubSub;
  private readonly join: Join;
  private readonly lifecycle: ConnectionLifecycle;

  /** Use `connect()`; the constructor does not open anything. */
  constructor(config: SessionConfig) {
    this.config = config;
    this.realm = config.realm;
    const report = new SessionReporter(config.log);
    const link = new SessionLink(config.hook, report);
    this.report = report;
    this.stats = report.stats;
    this.link = link;
    // The modules reach each other only through these small hosts, wired here once per session.
    const roles: RoleHost = {
      violate: (text) => this.lifecycle.violate(text),
      notJoined: () => this.lifecycle.notJoined(),
    };
    this.roles = roles;
    this.caller = new Caller(link, report, roles, config.errors);
    // Registrations to restore exist only once the callee role is loaded.
    const loaded = (): Callee | undefined => this.callee;
    const callee: Restorable = {
      get hasEntries() {
        return loaded()?.hasEntries ?? false;
      },
      restore: (work) => loaded()?.restore(work),
    };
    this.pubsub = new PubSub(link, report, roles, config.restoreRetry);
    this.join = new Join(
      config,
      link,
      report,
      {
        failAll: (error) => this.failAll(error),
        closeTransport: (transport, code, reason) => this.lifecycle.closeTransport(transport, code, reason),
        violate: (text) => this.lifecycle.violate(text),
        welcomed: (details) => this.caller.joined(details.roles?.dealer?.features ?? {}),
      },
      [callee, this.pubsub],
    );
    this.lifecycle = new ConnectionLifecycle(config, link, report, this.join, {
      attach: (transport, reconnected) => this.attach(transport, reconnected),
      failAll: (error) => this.failAll(error),
    });
  }

  /** The session id of the current (or last) join; changes after a reconnect, 0 before the first join. */
  get id(): Id {
    return this.join.sessionId;
  }

  /** The current state. */
  get state(): SessionState {
    return this.link.state;
  }

  /** True when joined and able to send requests. */
  get isJoined(): boolean {
    return this.link.state === 'joined';
  }

  /** Details of the current (or last) join: authid, authrole, router roles. */
  get joinInfo(): JoinInfo | undefined {
    return this.join.info;
  }

  /** Resolves once the session is closed for good (left, or gave up reconnecting). */
  get closed(): Promise<void> {
    return this.lifecycle.closed;
  }

  /** Adds a lifecycle listener; returns a function that removes it. */
  on<K extends keyof SessionEvents>(event: K, listener: SessionEvents[K]): () => void {
    return this.report.events.on(event, listener);
  }

  /** Removes a lifecycle listener. */
  off<K extends keyof SessionEvents>(event: K, listener: SessionEvents[K]): void {
    this.report.events.off(event, listener);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Opens the first connection; retries transport failures when reconnect is on. Used by `connect()`. */
  open(): Promise<void> {
    return this.lifecycle.open();
  }

  /** Sends GOODBYE, waits for the reply (at most `goodbyeTimeout`), closes the transport. */
  leave(reason: string = CloseUri.CLOSE_REALM, message?: string): Promise<void> {
    return this.lifecycle.leave(reason, message);
  }

  /** Closes the transport without GOODBYE and stops reconnecting. */
  close(): Promise<void> {
    return this.lifecycle.close();
  }

  /** `await using` support: leaves the session (GOODBYE with a reply timeout). */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.link.state !== 'closed') await this.leave();
  }

  // ---------------------------------------------------------------- roles

  /** Calls `procedure`; resolves with the RESULT, rejects with a `WampError` (or a registered class). */
  call(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): Promise<CallResult> {
    return this.caller.call(procedure, args, kwargs, options);
  }

  /** Like `call`, with progressive results as an async iterable and the final one as `result`. */
  callProgressive(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): ProgressiveCall {
    return this.caller.callProgressive(procedure, args, kwargs, options);
  }

  /** Publishes an event; with `acknowledge` resolves with the publication id. */
  publish(topic: string, args?: Args, kwargs?: Kwargs, options?: PublishOptions): Promise<Id | undefined> {
    return this.pubsub.publish(topic, args, kwargs, options);
  }

  /** Subscribes `handler` to `topic`; handlers on the same topic share one router subscription. */
  subscribe(topic: string, handler: EventHandler, options?: SubscribeOptions): Promise<Subscription> {
    return this.pubsub.subscribe(topic, handler, options);
  }

  /** Registers `handler` for `procedure` (or a pattern with `match`). */
  register(procedure: string, handler: InvocationHandler, options?: RegisterOptions): Promise<Registration> {
    if (this.callee !== undefined) return this.callee.register(procedure, handler, options);
    if (this.link.state !== 'joined') return Promise.reject(this.lifecycle.notJoined());
    const loaded = this.calleeLoading ?? loadCallee();
    if (typeof loaded === 'function') return this.createCallee(loaded).register(procedure, handler, options);
    // Browser builds: registrations made while the chunk loads wait for the same promise, in order.
    if (this.calleeLoading === undefined) {
      this.calleeLoading = loaded;
      // A chunk that failed to load (offline, or a redeployed page) is fetched again next time.
      loaded.catch(() => {
        if (this.calleeLoading === loaded) this.calleeLoading = undefined;
      });
    }
    return loaded.then((Role) =>
      (this.callee ?? this.createCallee(Role)).register(procedure, handler, options),
    );
  }

  private createCallee(Role: typeof Callee): Callee {
    const config = this.config;
    this.callee = new Role(this.link, this.report, this.roles, config.errors, config.restoreRetry);
    return this.callee;
  }

  // ---------------------------------------------------------------- wiring

  /** Takes over a freshly opened transport and starts the join on it. */
  private attach(transport: Transport, reconnected: boolean): void {
    this.link.attach(transport);
    this.caller.linkOpened();
    this.callee?.linkOpened();
    transport.onMessage = (value) => this.receive(transport, value);
    transport.onClose = (info) => this.lifecycle.handleClose(transport, info);
    this.report.log('connect', { serializer: transport.serializer.name });
    this.report.emit('connect');
    this.join.hello(transport, reconnected);
  }

  /** Rejects everything pending with `error`, ends running invocations, forgets router ids. */
  private failAll(error: Error): void {
    this.join.linkLost(error);
    this.caller.linkLost(error);
    this.link.failRequests(error);
    this.callee?.linkLost(error);
    this.pubsub.linkLost();
  }

  // ---------------------------------------------------------------- inbound

  /** Entry point of every inbound value: decode, show the hook, dispatch by state. */
  private receive(transport: Transport, value: unknown): void {
    const link = this.link;
    if (transport !== link.transport) return;
    // Opt-in tolerance for routers that send null payloads (docs/interop.md).
    if (this.config.lenientPayload && Array.isArray(value)) dropNullPayload(value);
    const decoded = decodeRouterMessage(value);
    if (!decoded.ok) {
      const text = isUndecodable(value) ? value.message : decoded.violation.message;
      this.lifecycle.violate(`${decoded.violation.code}: ${text}`);
      return;
    }
    const message = decoded.message;
    if (link.hook !== undefined) link.callHook('in', message);
    switch (link.state) {
      case 'joined':
        this.onJoinedMessage(message);
        return;
      case 'joining':
        this.join.onMessage(transport, message);
        return;
      case 'leaving':
        if (message[0] === MessageType.GOODBYE) this.lifecycle.goodbyeReplied(message[2]);
        else this.stats.ignoredWhileLeaving++;
        return;
      default:
        // closing after a violation, GOODBYE or ABORT: nothing more is processed from this link.
        this.stats.ignoredWhileLeaving++;
    }
  }

  /** Dispatch after WELCOME; anything a router must not send is a violation. */
  private onJoinedMessage(message: WampMessage): void {
    switch (message[0]) {
      case MessageType.RESULT:
        this.caller.onResult(message);
        return;
      case MessageType.EVENT:
        this.pubsub.onEvent(message);
        return;
      case MessageType.INVOCATION:
        if (this.callee !== undefined) this.callee.onInvocation(message);
        else this.lifecycle.violate(`INVOCATION for unknown registration ${message[2]}`);
        return;
      case MessageType.ERROR:
        if (message[1] === MessageType.CALL) this.caller.onError(message);
        else this.onRequestError(message);
        return;
      case MessageType.INTERRUPT:
        // Without a callee nothing runs: the INTERRUPT crossed nothing, and is ignored as a late one.
        if (this.callee !== undefined) this.callee.onInterrupt(message[1], message[2].mode);
        else this.report.log('interrupt ignored', { request: message[1] });
        return;
      case MessageType.SUBSCRIBED:
      case MessageType.REGISTERED:
      case MessageType.PUBLISHED:
        this.onAcknowledge(message[0], message[1], message[2]);
        return;
      case MessageType.UNSUBSCRIBED:
        if (message[1] === 0) this.pubsub.onRevoked((message[2] ?? {}) as Dict);
        else this.onAcknowledge(message[0], message[1], 0);
        return;
      case MessageType.UNREGISTERED:
        if (message[1] !== 0) this.onAcknowledge(message[0], message[1], 0);
        else if (this.callee !== undefined) this.callee.onRevoked((message[2] ?? {}) as Dict);
        else this.lifecycle.violate('UNREGISTERED revocation for an unknown registration');
        return;
      case MessageType.GOODBYE:
        this.lifecycle.routerGoodbye(message[1], message[2]);
        return;
      case MessageType.ABORT:
        this.lifecycle.routerAbort(message[1], message[2]);
        return;
      default:
        this.lifecycle.violate(`${messageTypeName(message[0]) ?? message[0]} is not allowed after WELCOME`);
    }
  }

  /** SUBSCRIBED, UNSUBSCRIBED, REGISTERED, UNREGISTERED, PUBLISHED: the request completes itself. */
  private onAcknowledge(type: number, id: Id, value: Id): void {
    const request = this.link.takeAcknowledged(type, id);
    if (request === undefined) this.lifecycle.violate(`${messageTypeName(type)} for unknown request ${id}`);
    else request.acknowledged(value);
  }

  /** ERROR for a SUBSCRIBE/UNSUBSCRIBE/REGISTER/UNREGISTER/PUBLISH: the request fails. */
  private onRequestError(message: ErrorMessage): void {
    const [, requestType, id, details, uri, args, kwargs] = message;
    const request = this.link.takeRefused(requestType, id);
    if (request === undefined) {
      this.lifecycle.violate(
        `ERROR for unknown ${messageTypeName(requestType) ?? requestType} request ${id}`,
      );
      return;
    }
    request.refused(this.config.errors.fromWire(uri, args ?? [], kwargs ?? {}, details));
  }
}
