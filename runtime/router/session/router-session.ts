/**
 * One connection's session as the transport sees it (implements {@link PeerHandle}): decodes each
 * inbound value and dispatches it by state; once joined, enforces request-id discipline (B.6),
 * asks the authorizer (possibly asynchronously, holding later messages to keep B.7 order) and hands
 * requests to the realm's dealer and broker; every violation is ABORT
 * `wamp.error.protocol_violation` (B.4). State, sending and closing live in {@link SessionLifecycle}.
 */
import { decodeMessage } from '../../protocol/decode.js';
import { errorMessage, goodbyeMessage, publishedMessage } from '../../protocol/encode.js';
import { errorText } from '../../protocol/error-text.js';
import { MAX_ID } from '../../protocol/ids.js';
import { MessageType, messageTypeName } from '../../protocol/message-type.js';
import type {
  CallMessage,
  Dict,
  MatchPolicy,
  PublishMessage,
  RegisterMessage,
  SubscribeMessage,
  WampMessage,
} from '../../protocol/messages.js';
import { CloseUri, ErrorUri } from '../../protocol/uris.js';
import type { ProtocolViolation } from '../../protocol/violation.js';
import type { PeerHandle } from '../../transport/peer-link.js';
import type { Realm } from '../realm/realm.js';
import type { Action, AuthorizeRequest, Principal } from './auth-types.js';
import { EXACT_REQUEST, PREFIX_REQUEST, WILDCARD_REQUEST } from './auth-types.js';
import { unannouncedPassthru } from './passthru-announced.js';
import { claimsReserved, RESERVED_NAMESPACE } from './reserved-namespace.js';
import { CLOSE_NORMAL, SessionLifecycle, SessionState } from './session-lifecycle.js';

// Outcomes of the request-id check.
const NEW = 0;
const CONTINUATION = 1;
const REFUSED = -1;

/** The shared request details for a SUBSCRIBE or REGISTER `match` option (no allocation). */
function requestOf(match: MatchPolicy | undefined): AuthorizeRequest {
  return match === 'prefix' ? PREFIX_REQUEST : match === 'wildcard' ? WILDCARD_REQUEST : EXACT_REQUEST;
}

/** A client session as the router sees it (one per attached link). */
export class RouterSession extends SessionLifecycle implements PeerHandle {
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
    const unannounced = unannouncedPassthru(m, this.features);
    if (unannounced !== undefined) {
      this.violate(unannounced);
      return;
    }
    switch (m[0]) {
      case MessageType.CALL:
        this.onCall(m);
        return;
      case MessageType.YIELD:
        if (!realm.dealer.yield(this, m)) this.violate(`YIELD for unknown INVOCATION request ${m[1]}`);
        return;
      case MessageType.PUBLISH:
        if (this.checkRequest(m[1], false) === NEW) this.authorize('publish', m[3], m, EXACT_REQUEST);
        return;
      case MessageType.ERROR:
        if (m[1] !== MessageType.INVOCATION)
          this.violate(`ERROR from a client must answer an INVOCATION (68), not ${m[1]}`);
        else if (!realm.dealer.error(this, m)) this.violate(`ERROR for unknown INVOCATION request ${m[2]}`);
        return;
      case MessageType.SUBSCRIBE:
        if (this.checkRequest(m[1], false) !== NEW) return;
        if (this.subscriptions.size >= this.router.quotas.maxSubscriptionsPerSession)
          this.overQuota(m, 'subscriptions', this.router.quotas.maxSubscriptionsPerSession);
        else this.authorize('subscribe', m[3], m, requestOf(m[2].match));
        return;
      case MessageType.UNSUBSCRIBE:
        if (this.checkRequest(m[1], false) === NEW) realm.broker.unsubscribe(this, m[1], m[2]);
        return;
      case MessageType.REGISTER:
        if (this.checkRequest(m[1], false) !== NEW) return;
        if (this.registrations.size >= this.router.quotas.maxRegistrationsPerSession)
          this.overQuota(m, 'registrations', this.router.quotas.maxRegistrationsPerSession);
        else this.authorize('register', m[3], m, requestOf(m[2].match));
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
        // Back to waiting for HELLO: the transport's opening-handshake timer runs again.
        this.link.awaitHello?.();
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
    if (this.calls.size >= this.router.quotas.maxCallsPerSession)
      this.overQuota(m, 'calls in flight', this.router.quotas.maxCallsPerSession);
    else this.authorize('call', m[3], m, EXACT_REQUEST);
  }

  /** A request over a per-session quota: ERROR `wamp.error.quota_exceeded`; the session goes on. */
  private overQuota(m: CallMessage | SubscribeMessage | RegisterMessage, what: string, max: number): void {
    this.send(
      errorMessage(m[0], m[1], {}, ErrorUri.QUOTA_EXCEEDED, [`a session may have at most ${max} ${what}`]),
    );
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

  /**
   * Asks the authorizer (with the request's match policy); a boolean answer is acted on at once, a
   * promise pauses the session. A claim on the reserved `wamp.` namespace is refused first,
   * whatever the authorizer would say.
   */
  private authorize(action: Action, uri: string, m: WampMessage, request: AuthorizeRequest): void {
    const realm = this.realm as Realm;
    if (action !== 'call' && action !== 'subscribe' && claimsReserved(action, uri, request.match)) {
      this.deny(m, ErrorUri.NOT_AUTHORIZED, `the ${RESERVED_NAMESPACE} namespace is reserved for the router`);
      return;
    }
    let verdict: boolean | Promise<boolean>;
    try {
      verdict = this.router.authorizer.authorize(
        this.principal as Principal,
        realm.name,
        action,
        uri,
        request,
      );
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

  /**
   * PUBLISH, then PUBLISHED when acknowledged; ERROR instead when some subscriber could not be
   * sent the event (its serializer refused the payload, or it was over that subscriber's limit).
   */
  private publish(m: PublishMessage): void {
    const broker = (this.realm as Realm).broker;
    const publication = broker.publish(this, m[2], m[3], m[4], m[5]);
    if (m[2].acknowledge !== true) return;
    const refused = broker.lastRefused;
    if (refused === undefined) this.send(publishedMessage(m[1], publication));
    else {
      const uri = refused.kind === 'too_large' ? ErrorUri.PAYLOAD_SIZE_EXCEEDED : ErrorUri.INVALID_ARGUMENT;
      const text = `the event could not be delivered to every subscriber: ${refused.message}`;
      this.send(errorMessage(MessageType.PUBLISH, m[1], {}, uri, [text]));
    }
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
}
