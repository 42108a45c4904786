/**
 * The state and lifecycle of one connection's session (checklist B.3): its identity and routing
 * tables, sending, the handshake states before WELCOME, ABORT and GOODBYE in both directions, and
 * cleanup. What a joined session does with each message is {@link RouterSession}'s part.
 */
import { abortMessage, goodbyeMessage } from '../../protocol/encode.js';
import { errorText } from '../../protocol/error-text.js';
import { MAX_ID } from '../../protocol/ids.js';
import { MessageType, messageTypeName } from '../../protocol/message-type.js';
import type { Dict, WampMessage } from '../../protocol/messages.js';
import { CloseUri, ErrorUri } from '../../protocol/uris.js';
import type { PeerHandle, PeerLink, SendRefused } from '../../transport/peer-link.js';
import type { PeerCall, PeerRegistration, PeerSubscription } from '../core/peer.js';
import type { TestamentStore } from '../core/testament.js';
import type { Realm, RealmMember } from '../realm/realm.js';
import type { AuthStep, Principal } from './auth-types.js';
import { type HandshakeHost, HandshakeState, onAuthenticate, onHello } from './session-handshake.js';
import type { SessionHost } from './session-host.js';

/** Per-connection states (B.3); the first four are the handshake's. */
export const SessionState = {
  ...HandshakeState,
  /** The router sent GOODBYE (kill, shutdown) and waits for the reply. */
  SHUTTING_DOWN: 4,
  CLOSED: 5,
} as const;

// WebSocket close codes used on the link.
export const CLOSE_NORMAL = 1000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_PROTOCOL_ERROR = 1002;
const CLOSE_INTERNAL_ERROR = 1011;

/** Timer callback for a GOODBYE that was never answered. */
function onGoodbyeTimeout(session: SessionLifecycle): void {
  session.finishShutdown('GOODBYE not answered in time');
}

/** A client session's state and lifecycle, as its realm, routing and the handshake see it. */
export abstract class SessionLifecycle implements PeerHandle, RealmMember, HandshakeHost {
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
  readonly calls = new Map<number, PeerCall>();
  /** Invocations sent to this session as callee, by INVOCATION request id. */
  readonly invocations = new Map<number, PeerCall>();
  /** The last INVOCATION request id issued to this session (router->client counter). */
  invocationSeq = 0;
  readonly registrations = new Set<PeerRegistration>();
  readonly subscriptions = new Set<PeerSubscription>();
  /** Testaments added with `wamp.session.add_testament`, created on first use. */
  testaments: TestamentStore | undefined = undefined;
  /** False for `wamp.session.kill_all` victims: no meta or testament events on their leave. */
  announceLeave = true;
  /** The highest new request id seen from the client (B.6 watermark). */
  protected lastRequest = 0;
  /** Inbound values held while an asynchronous authorization is pending (keeps B.7 order). */
  protected held: unknown[] | undefined = undefined;
  /** The pending challenge's verify step (handshake only). */
  verify: ((signature: string, extra: Dict) => Promise<AuthStep>) | undefined = undefined;
  /** Stops the authenticator's work for this handshake when it ends without WELCOME. */
  handshakeAbort: AbortController | undefined = undefined;
  private goodbyeTimer: NodeJS.Timeout | undefined = undefined;
  /** HELLO.Details (handshake, and `agent` for the meta API). */
  helloDetails: Dict | undefined = undefined;

  constructor(
    readonly link: PeerLink,
    readonly router: SessionHost,
  ) {}

  /** One inbound value from the transport; dispatching it is {@link RouterSession}'s part. */
  abstract receive(value: unknown): void;

  /** The transport closed or was lost (the {@link PeerHandle} side). */
  closed(): void {
    const was = this.state;
    this.state = SessionState.CLOSED;
    this.held = undefined;
    this.clearGoodbyeTimer();
    if (was === SessionState.ESTABLISHED) this.leaveRealm(true);
    else if (was === SessionState.AUTHENTICATING || was === SessionState.CHALLENGING) this.endHandshake();
    this.router.detach(this);
  }

  // ---- sending ----

  /**
   * Sends a routed message; dropped (counted) unless the session is established. Returns the
   * link's refusal of a message it cannot deliver to this peer (routing answers the sender).
   */
  send(message: WampMessage): SendRefused | undefined {
    if (this.state !== SessionState.ESTABLISHED) {
      this.router.stats.ignoredMessages++;
      return undefined;
    }
    const hook = this.router.onMessage;
    if (hook !== undefined) hook('out', this.id, message);
    try {
      const refused = this.link.send(message);
      if (refused !== undefined) {
        this.router.stats.refusedDeliveries++;
        return refused;
      }
    } catch (err) {
      // A broken link must not fail the session whose message is being routed to it.
      this.router.stats.internalErrors++;
      this.link.close(CLOSE_INTERNAL_ERROR, `send failed: ${errorText(err)}`);
    }
    return undefined;
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

  // ---- ending the session ----

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
    else if (was === SessionState.AUTHENTICATING || was === SessionState.CHALLENGING) this.endHandshake();
    this.link.close(code, reason);
  }

  // ---- handshake ----

  /** Before WELCOME: HELLO, AUTHENTICATE or ABORT, each only in its state (B.1 #7-#13). */
  protected handshake(m: WampMessage): void {
    const state = this.state;
    const t = m[0];
    if (t === MessageType.ABORT) {
      // A client may give up the handshake with ABORT; no reply is due (B.5).
      if (state !== SessionState.AWAIT_HELLO) this.endHandshake();
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
  protected shuttingDown(m: WampMessage): void {
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
  protected leaveRealm(announce: boolean): void {
    const realm = this.realm;
    if (realm === undefined || this.id === 0) return;
    realm.leave(this, announce && this.announceLeave);
    this.releaseId();
  }

  /** A handshake ended without WELCOME: stop the authenticator's work, free the session id. */
  private endHandshake(): void {
    const controller = this.handshakeAbort;
    this.handshakeAbort = undefined;
    this.verify = undefined;
    controller?.abort();
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
  protected reset(): void {
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
