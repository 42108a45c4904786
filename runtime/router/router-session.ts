/**
 * One connection's session state machine (checklist B.3): handshake with the authenticator,
 * request-id discipline (B.6), dispatch to the realm's dealer and broker, GOODBYE/ABORT, and
 * ABORT `wamp.error.protocol_violation` for every violation (B.4). Implements the transport seam's
 * {@link PeerHandle}.
 */
import { decodeMessage } from '../protocol/decode.js';
import { abortMessage, errorMessage, goodbyeMessage, publishedMessage } from '../protocol/encode.js';
import { MAX_ID } from '../protocol/ids.js';
import { MessageType, messageTypeName } from '../protocol/message-type.js';
import type {
  CallMessage,
  Dict,
  PublishMessage,
  RegisterMessage,
  SubscribeMessage,
  WampMessage,
} from '../protocol/messages.js';
import { CloseUri, ErrorUri } from '../protocol/uris.js';
import type { ProtocolViolation } from '../protocol/violation.js';
import type { Action, AuthStep, Principal } from './auth-types.js';
import type { CallRecord } from './call-record.js';
import type { PeerHandle, PeerLink } from '../transport/peer-link.js';
import type { Realm } from './realm.js';
import type { Registration } from './registration.js';
import type { RoutedPeer } from './routed-peer.js';
import type { RouterCore } from './router-core.js';
import { type HandshakeHost, HandshakeState, onAuthenticate, onHello } from './session-handshake.js';
import type { Subscription } from './subscription.js';
import type { TestamentStore } from './testament.js';
import { errorText } from '../protocol/error-text.js';

/** Per-connection states (B.3); the first four are the handshake's. */
export const SessionState = {
  ...HandshakeState,
  /** The router sent GOODBYE (kill, shutdown) and waits for the reply. */
  SHUTTING_DOWN: 4,
  CLOSED: 5,
} as const;

// Outcomes of the request-id check.
const NEW = 0;
const CONTINUATION = 1;
const REFUSED = -1;

// WebSocket close codes used on the link.
const CLOSE_NORMAL = 1000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_PROTOCOL_ERROR = 1002;
const CLOSE_INTERNAL_ERROR = 1011;

/** Timer callback for a GOODBYE that was never answered. */
function onGoodbyeTimeout(session: RouterSession): void {
  session.finishShutdown('GOODBYE not answered in time');
}

/** A client session as the router sees it (one per attached link). */
export class RouterSession implements PeerHandle, RoutedPeer, HandshakeHost {
  /** Where the connection is in B.3. */
  state: number = SessionState.AWAIT_HELLO;
  /** Session id; 0 before HELLO. */
  id = 0;
  /** Copied from the principal at WELCOME (read on every disclosure and list check). */
  authid = '';
  authrole = '';
  /** {@link Feature} bits from HELLO.Details.roles. */
  features = 0;
  /** The realm named in HELLO. */
  realm: Realm | undefined = undefined;
  /** Who the authenticator said this session is. */
  principal: Principal | undefined = undefined;
  /** Calls this session made, by CALL request id. */
  readonly calls = new Map<number, CallRecord>();
  /** Invocations sent to this session as callee, by INVOCATION request id. */
  readonly invocations = new Map<number, CallRecord>();
  /** The last INVOCATION request id issued to this session (router->client counter). */
  invocationSeq = 0;
  readonly registrations = new Set<Registration>();
  readonly subscriptions = new Set<Subscription>();
  /** Testaments added with `wamp.session.add_testament`, created on first use. */
  testaments: TestamentStore | undefined = undefined;
  /** False for `wamp.session.kill_all` victims: no meta or testament events on their leave. */
  announceLeave = true;
  /** The highest new request id seen from the client (B.6 watermark). */
  private lastRequest = 0;
  /** Inbound values held while an asynchronous authorization is pending (keeps B.7 order). */
  private held: unknown[] | undefined = undefined;
  /** The pending challenge's verify step (handshake only). */
  verify: ((signature: string, extra: Dict) => Promise<AuthStep>) | undefined = undefined;
  private goodbyeTimer: NodeJS.Timeout | undefined = undefined;
  /** HELLO.Details (handshake, and `agent` for the meta API). */
  helloDetails: Dict | undefined = undefined;

  constructor(
    readonly link: PeerLink,
    readonly router: RouterCore,
  ) {}

  // ---- PeerHandle ----

  /** One inbound value from the transport. */
  receive(value: unknown): void {
    if (this.held !== undefined) {
      this.held.push(value);
      return;
    }
    try {
      this.handle(value);
    } catch (err) {
      // A bug in routing must end this session only, never the process.
      this.router.stats.internalErrors++;
      this.abort(ErrorUri.RUNTIME_ERROR, `router error: ${errorText(err)}`);
    }
  }

  /** The transport closed or was lost. */
  closed(): void {
    const was = this.state;
    this.state = SessionState.CLOSED;
    this.held = undefined;
    this.clearGoodbyeTimer();
    if (was === SessionState.ESTABLISHED) this.leaveRealm(true);
    else if (was === SessionState.AUTHENTICATING || was === SessionState.CHALLENGING) this.releaseId();
    this.router.detach(this);
  }

  // ---- sending ----

  /** Sends a routed message; dropped (counted) unless the session is established. */
  send(message: WampMessage): void {
    if (this.state !== SessionState.ESTABLISHED) {
      this.router.stats.ignoredMessages++;
      return;
    }
    const hook = this.router.onMessage;
    if (hook !== undefined) hook('out', this.id, message);
    try {
      this.link.send(message);
    } catch (err) {
      // A broken link must not fail the session whose message is being routed to it.
      this.router.stats.internalErrors++;
      this.link.close(CLOSE_INTERNAL_ERROR, `send failed: ${errorText(err)}`);
    }
  }

  /** Sends a handshake or closing message whatever the state. */
  sendRaw(message: WampMessage): void {
    const hook = this.router.onMessage;
    if (hook !== undefined) hook('out', this.id, message);
    try {
      this.link.send(message);
    } catch {
      // A broken link is reported by its transport through closed(); count the failed send.
      this.router.stats.internalErrors++;
    }
  }

  /** The next INVOCATION request id for this callee (starts at 1, wraps after 2^53). */
  nextInvocationId(): number {
    this.invocationSeq = this.invocationSeq >= MAX_ID ? 1 : this.invocationSeq + 1;
    return this.invocationSeq;
  }

  // ---- inbound dispatch ----

  /** Decodes one inbound value and dispatches it by state. */
  private handle(value: unknown): void {
    const state = this.state;
    if (state === SessionState.CLOSED) {
      this.router.stats.ignoredMessages++;
      return;
    }
    const r = decodeMessage(value);
    if (!r.ok) {
      this.onBadMessage(r.violation, value);
      return;
    }
    const m = r.message;
    const hook = this.router.onMessage;
    if (hook !== undefined) hook('in', this.id, m);
    if (state === SessionState.ESTABLISHED) this.established(m);
    else if (state === SessionState.SHUTTING_DOWN) this.shuttingDown(m);
    else this.handshake(m);
  }

  /** ESTABLISHED: route requests, answer GOODBYE, reject what a client may not send. */
  private established(m: WampMessage): void {
    const realm = this.realm as Realm;
    switch (m[0]) {
      case MessageType.CALL:
        this.onCall(m);
        return;
      case MessageType.YIELD:
        if (!realm.dealer.yield(this, m)) this.violate(`YIELD for unknown INVOCATION request ${m[1]}`);
        return;
      case MessageType.PUBLISH:
        if (this.checkRequest(m[1], false) === NEW) this.authorize('publish', m[3], m);
        return;
      case MessageType.ERROR:
        if (m[1] !== MessageType.INVOCATION)
          this.violate(`ERROR from a client must answer an INVOCATION (68), not ${m[1]}`);
        else if (!realm.dealer.error(this, m)) this.violate(`ERROR for unknown INVOCATION request ${m[2]}`);
        return;
      case MessageType.SUBSCRIBE:
        if (this.checkRequest(m[1], false) === NEW) this.authorize('subscribe', m[3], m);
        return;
      case MessageType.UNSUBSCRIBE:
        if (this.checkRequest(m[1], false) === NEW) realm.broker.unsubscribe(this, m[1], m[2]);
        return;
      case MessageType.REGISTER:
        if (this.checkRequest(m[1], false) === NEW) this.authorize('register', m[3], m);
        return;
      case MessageType.UNREGISTER:
        if (this.checkRequest(m[1], false) === NEW) realm.dealer.unregister(this, m[1], m[2]);
        return;
      case MessageType.CANCEL:
        realm.dealer.cancel(this, m);
        return;
      case MessageType.GOODBYE:
        this.sendRaw(goodbyeMessage(CloseUri.GOODBYE_AND_OUT));
        this.state = SessionState.AWAIT_HELLO;
        this.leaveRealm(true);
        this.reset();
        return;
      case MessageType.ABORT:
        this.state = SessionState.CLOSED;
        this.leaveRealm(true);
        this.link.close(CLOSE_NORMAL, 'ABORT received');
        return;
      case MessageType.EVENT_RECEIVED:
        this.router.stats.ignoredEventReceived++;
        return;
      default:
        this.violate(`${messageTypeName(m[0]) ?? m[0]} is not allowed once the session is established`);
    }
  }

  /** CALL: a new call, or a chunk of an open progressive call (D.2). */
  private onCall(m: CallMessage): void {
    const kind = this.checkRequest(m[1], true);
    if (kind === REFUSED) return;
    if (kind === CONTINUATION) {
      const call = this.calls.get(m[1]);
      if (call?.progressIn) (this.realm as Realm).dealer.continueCall(call, m);
      // D.2: an old id without an open progressive call is discarded without reply (allowed).
      else this.router.stats.discardedContinuations++;
      return;
    }
    this.authorize('call', m[3], m);
  }

  /** B.6: a new request id must be the next in sequence (strict) or at least unused (lenient). */
  private checkRequest(id: number, isCall: boolean): number {
    const last = this.lastRequest;
    if (!this.router.strictRequestIds) {
      if (isCall && this.calls.has(id)) return CONTINUATION;
      this.lastRequest = id;
      return NEW;
    }
    const expected = last >= MAX_ID ? 1 : last + 1;
    if (id === expected) {
      this.lastRequest = id;
      return NEW;
    }
    if (isCall && id <= last) return CONTINUATION;
    this.violate(`request id ${id} is out of sequence: expected ${expected}`);
    return REFUSED;
  }

  // ---- authorization (may be asynchronous) ----

  /** Asks the authorizer; a boolean answer is acted on at once, a promise pauses the session. */
  private authorize(action: Action, uri: string, m: WampMessage): void {
    const realm = this.realm as Realm;
    let verdict: boolean | Promise<boolean>;
    try {
      verdict = this.router.authorizer.authorize(this.principal as Principal, realm.name, action, uri);
    } catch (err) {
      this.deny(m, ErrorUri.AUTHORIZATION_FAILED, errorText(err));
      return;
    }
    if (verdict === true) this.perform(m);
    else if (verdict === false) this.deny(m, ErrorUri.NOT_AUTHORIZED, `not authorized to ${action} ${uri}`);
    else this.awaitVerdict(verdict, m, action, uri);
  }

  /** Holds later inbound values until the verdict arrives, so B.7 ordering survives. */
  private awaitVerdict(verdict: Promise<boolean>, m: WampMessage, action: Action, uri: string): void {
    this.held = [];
    verdict.then(
      (allowed) => {
        if (this.state !== SessionState.ESTABLISHED) return;
        if (allowed === true) this.perform(m);
        else this.deny(m, ErrorUri.NOT_AUTHORIZED, `not authorized to ${action} ${uri}`);
        this.resume();
      },
      (err: unknown) => {
        if (this.state !== SessionState.ESTABLISHED) return;
        this.deny(m, ErrorUri.AUTHORIZATION_FAILED, errorText(err));
        this.resume();
      },
    );
  }

  /** Replays values held during an asynchronous authorization, until the next pause. */
  private resume(): void {
    const held = this.held;
    this.held = undefined;
    if (held === undefined) return;
    for (let i = 0; i < held.length; i++) {
      // receive() may pause again (another asynchronous verdict): keep the rest in order.
      const again = this.held as unknown[] | undefined;
      if (again !== undefined) {
        for (let j = i; j < held.length; j++) again.push(held[j]);
        return;
      }
      this.receive(held[i]);
    }
  }

  /** Carries out an authorized request. */
  private perform(m: WampMessage): void {
    const realm = this.realm as Realm;
    switch (m[0]) {
      case MessageType.CALL:
        realm.dealer.call(this, m);
        return;
      case MessageType.PUBLISH:
        this.publish(m);
        return;
      case MessageType.SUBSCRIBE:
        realm.broker.subscribe(this, m[1], m[2], m[3]);
        return;
      case MessageType.REGISTER:
        realm.dealer.register(this, m[1], m[2], m[3]);
        return;
    }
  }

  /** PUBLISH, then PUBLISHED when acknowledged. */
  private publish(m: PublishMessage): void {
    const publication = (this.realm as Realm).broker.publish(this, m[2], m[3], m[4], m[5]);
    if (m[2].acknowledge === true) this.send(publishedMessage(m[1], publication));
  }

  /** Refuses a request with ERROR; an unacknowledged PUBLISH gets no reply (counted). */
  private deny(m: WampMessage, uri: string, text: string): void {
    const t = m[0];
    const request = (m as CallMessage | PublishMessage | SubscribeMessage | RegisterMessage)[1];
    if (t === MessageType.PUBLISH && (m as PublishMessage)[2].acknowledge !== true) {
      this.router.stats.droppedPublishes++;
      return;
    }
    this.send(errorMessage(t, request, {}, uri, [text]));
  }

  // ---- violations ----

  /** A value the decoder rejected: ERROR invalid_uri where C.1 says so, otherwise a violation. */
  private onBadMessage(v: ProtocolViolation, value: unknown): void {
    const state = this.state;
    if (state === SessionState.SHUTTING_DOWN) {
      this.router.stats.ignoredMessages++;
      return;
    }
    if (v.code === 'bad_uri') {
      if (v.messageType === MessageType.HELLO && state === SessionState.AWAIT_HELLO) {
        this.abort(ErrorUri.INVALID_URI, v.message);
        return;
      }
      const request = v.request;
      const t = v.messageType;
      // C.1: an invalid URI in a request is answered with ERROR, not a violation.
      if (request !== undefined && t !== undefined && state === SessionState.ESTABLISHED) {
        if (this.checkRequest(request, false) !== NEW) return;
        const options = (value as unknown[])[2] as Dict;
        if (t === MessageType.PUBLISH && options.acknowledge !== true) this.router.stats.droppedPublishes++;
        else this.send(errorMessage(t, request, {}, ErrorUri.INVALID_URI, [v.message]));
        return;
      }
    }
    this.violate(v.message);
  }

  /** B.4: ABORT `wamp.error.protocol_violation` saying what was wrong, clean up, drop the link. */
  violate(text: string): void {
    this.router.stats.protocolViolations++;
    this.abort(ErrorUri.PROTOCOL_VIOLATION, text, CLOSE_PROTOCOL_ERROR);
  }

  /** Sends ABORT, cleans up, closes the link; nothing from this link is processed afterwards. */
  abort(reason: string, text: string, code: number = CLOSE_NORMAL): void {
    const was = this.state;
    this.state = SessionState.CLOSED;
    this.held = undefined;
    this.clearGoodbyeTimer();
    this.sendRaw(abortMessage(reason, text));
    if (was === SessionState.ESTABLISHED) this.leaveRealm(true);
    else if (was === SessionState.AUTHENTICATING || was === SessionState.CHALLENGING) this.releaseId();
    this.link.close(code, reason);
  }

  // ---- handshake ----

  /** Before WELCOME: HELLO, AUTHENTICATE or ABORT, each only in its state (B.1 #7-#13). */
  private handshake(m: WampMessage): void {
    const state = this.state;
    const t = m[0];
    if (t === MessageType.ABORT) {
      // A client may give up the handshake with ABORT; no reply is due (B.5).
      if (state !== SessionState.AWAIT_HELLO) this.releaseId();
      this.state = SessionState.CLOSED;
      this.link.close(CLOSE_NORMAL, 'ABORT received');
      return;
    }
    if (state === SessionState.AWAIT_HELLO && t === MessageType.HELLO) {
      onHello(this, m);
      return;
    }
    if (state === SessionState.CHALLENGING && t === MessageType.AUTHENTICATE) {
      onAuthenticate(this, m);
      return;
    }
    const expected =
      state === SessionState.AWAIT_HELLO
        ? 'HELLO'
        : state === SessionState.CHALLENGING
          ? 'AUTHENTICATE'
          : 'nothing until WELCOME';
    this.violate(
      `${messageTypeName(t) ?? t} received before the session is established; expected ${expected}`,
    );
  }

  /** Joins the realm once WELCOME is out (called by the handshake). */
  joined(principal: Principal): void {
    this.principal = principal;
    this.authid = principal.authid;
    this.authrole = principal.authrole;
    (this.realm as Realm).join(this);
  }

  // ---- closing ----

  /** SHUTTING_DOWN: wait for the GOODBYE reply and ignore everything else (B.1 #14). */
  private shuttingDown(m: WampMessage): void {
    if (m[0] === MessageType.GOODBYE || m[0] === MessageType.ABORT) this.finishShutdown('GOODBYE received');
    else this.router.stats.ignoredMessages++;
  }

  /**
   * Router-initiated end (kill, realm close, shutdown): GOODBYE now, clean up at once so nothing
   * more is routed to the session, close the link on the reply or after a timeout.
   */
  goodbye(reason: string, message: string | undefined, announce: boolean): boolean {
    if (this.state !== SessionState.ESTABLISHED) return false;
    this.sendRaw(goodbyeMessage(reason, message));
    this.state = SessionState.SHUTTING_DOWN;
    // Values held for a pending authorization are moot now; the GOODBYE reply must get through.
    this.held = undefined;
    if (!announce) this.announceLeave = false;
    this.leaveRealm(true);
    this.goodbyeTimer = setTimeout(onGoodbyeTimeout, this.router.goodbyeTimeoutMs, this);
    return true;
  }

  /** Closes the link of a session that was sent GOODBYE. */
  finishShutdown(why: string): void {
    if (this.state !== SessionState.SHUTTING_DOWN) return;
    this.clearGoodbyeTimer();
    this.state = SessionState.CLOSED;
    this.link.close(why === 'GOODBYE received' ? CLOSE_NORMAL : CLOSE_GOING_AWAY, why);
  }

  /** Ends a session that never finished its handshake (router shutdown). */
  shutdownHandshake(): void {
    const s = this.state;
    if (s === SessionState.AUTHENTICATING || s === SessionState.CHALLENGING) {
      this.abort(CloseUri.SYSTEM_SHUTDOWN, 'the router is shutting down', CLOSE_GOING_AWAY);
    } else if (s === SessionState.AWAIT_HELLO) {
      this.state = SessionState.CLOSED;
      this.link.close(CLOSE_GOING_AWAY, CloseUri.SYSTEM_SHUTDOWN);
    }
  }

  /** B.3 cleanup in the realm, then the session id is free again. */
  private leaveRealm(announce: boolean): void {
    const realm = this.realm;
    if (realm === undefined || this.id === 0) return;
    realm.leave(this, announce && this.announceLeave);
    this.releaseId();
  }

  private releaseId(): void {
    if (this.id !== 0) this.router.releaseSessionId(this.id, this);
  }

  private clearGoodbyeTimer(): void {
    if (this.goodbyeTimer !== undefined) {
      clearTimeout(this.goodbyeTimer);
      this.goodbyeTimer = undefined;
    }
  }

  /** After a client GOODBYE the link may carry a new HELLO (B.3): start from scratch. */
  private reset(): void {
    this.id = 0;
    this.authid = '';
    this.authrole = '';
    this.features = 0;
    this.realm = undefined;
    this.principal = undefined;
    this.calls.clear();
    this.invocations.clear();
    this.invocationSeq = 0;
    this.registrations.clear();
    this.subscriptions.clear();
    this.testaments = undefined;
    this.announceLeave = true;
    this.lastRequest = 0;
    this.helloDetails = undefined;
  }

  // ---- meta API ----

  /** `SessionDetails` as `wamp.session.get` and `on_join` report them. */
  metaDetails(): Dict {
    const p = this.principal;
    const details: Dict = {
      session: this.id,
      authid: this.authid,
      authrole: this.authrole,
      authmethod: p?.authmethod ?? '',
      authprovider: p?.authprovider ?? '',
      transport: this.link.transportDetails,
    };
    if (p?.authextra !== undefined) details.authextra = p.authextra;
    const agent = this.helloDetails?.agent;
    if (typeof agent === 'string') details.agent = agent;
    return details;
  }
}
