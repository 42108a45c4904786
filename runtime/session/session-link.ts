/**
 * The link: the transport the session talks over right now, and what is in flight on it.
 *
 * It holds the current transport and the session state every module checks before sending, hands
 * out request ids (and takes back one that never reached the wire), sends messages and shows them
 * to the user's hook, and keeps the pending SUBSCRIBE/UNSUBSCRIBE/REGISTER/UNREGISTER/PUBLISH
 * requests until their answer; each pending request completes itself. Calls are the caller's.
 */
import { errorText } from '../protocol/error-text.js';
import { nextRequestId as idAfter } from '../protocol/ids.js';
import type { Id, WampMessage } from '../protocol/messages.js';
import { ConnectionError } from '../transport/connection-error.js';
import type { Transport } from '../transport/types.js';
import type { MessageHook } from './connect-options.js';
import { ACK_OF, type PendingRequest } from './pending.js';
import type { SessionReporter } from './reporter.js';

/** Where the session is in its life. */
export type SessionState =
  | 'connecting'
  | 'joining'
  | 'joined'
  | 'leaving'
  | 'closing'
  | 'disconnected'
  | 'closed';

/** What a role module (caller, callee, publisher/subscriber) needs from the session beyond the link. */
export interface RoleHost {
  /** Protocol violation (B.4): ABORT, fail everything, drop the transport. */
  violate(text: string): void;
  /** The error for a request made while not joined. */
  notJoined(): ConnectionError;
}

/** The current transport, its state, request ids, sending, and the pending requests. */
export class SessionLink {
  /** The transport of the current connection; undefined between connections. */
  transport: Transport | undefined = undefined;
  /** Where the session is in its life (`Session.state`). */
  state: SessionState = 'connecting';
  private requestId = 1;
  /** Pending requests of any result type, by request id. */
  private readonly requests = new Map<Id, PendingRequest<never>>();

  constructor(
    /** The user's message hook; undefined (the usual case) costs one comparison per message. */
    readonly hook: MessageHook | undefined,
    private readonly report: SessionReporter,
  ) {}

  /** Takes over a freshly opened transport; request ids are per session, a new join starts at 1 (B.6). */
  attach(transport: Transport): void {
    this.transport = transport;
    this.state = 'joining';
    this.requestId = 1;
  }

  /** Session-scoped request ids: 1, 2, 3 … wrapping after 2^53, one counter for all (B.6). */
  nextRequestId(): Id {
    const id = this.requestId;
    this.requestId = idAfter(id);
    return id;
  }

  /**
   * Undoes the last {@link nextRequestId} when a new request carrying `id` was never sent: a gap in
   * the ids is a protocol violation for a strict router (B.6).
   */
  giveBackRequestId(id: Id): void {
    if (this.requestId === idAfter(id)) this.requestId = id;
  }

  /**
   * Registers `pending` under the request id of `message` (before sending: in-memory links may
   * answer at once) and sends it; the promise settles when `pending` completes.
   */
  request<T>(transport: Transport, message: WampMessage, pending: PendingRequest<T>): Promise<T> {
    const id = message[1] as Id;
    return new Promise<T>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
      this.requests.set(id, pending);
      try {
        this.sendRaw(transport, message);
      } catch (error) {
        this.requests.delete(id);
        this.giveBackRequestId(id);
        reject(error);
      }
    });
  }

  /** Takes out the request that acknowledgement `type` answers; undefined when none (a violation). */
  takeAcknowledged(type: number, id: Id): PendingRequest<never> | undefined {
    const request = this.requests.get(id);
    if (request === undefined || ACK_OF[request.kind] !== type) return undefined;
    this.requests.delete(id);
    return request;
  }

  /** Takes out the request an ERROR for `requestType` answers; undefined when none (a violation). */
  takeRefused(requestType: number, id: Id): PendingRequest<never> | undefined {
    const request = this.requests.get(id);
    if (request === undefined || request.kind !== requestType) return undefined;
    this.requests.delete(id);
    return request;
  }

  /** Rejects every pending request with `error` (the link is gone or going). */
  failRequests(error: Error): void {
    if (this.requests.size === 0) return;
    const requests = [...this.requests.values()];
    this.requests.clear();
    for (const request of requests) request.reject(error);
  }

  /**
   * Sends one message, then shows it to the hook (so that anything the hook sends comes after it).
   * Throws when the transport refuses it (e.g. a payload that cannot be serialized).
   */
  sendRaw(transport: Transport, message: WampMessage): void {
    transport.send(message);
    if (this.hook !== undefined) this.callHook('out', message);
  }

  /**
   * Sends a protocol message whose loss is tolerable (ABORT, GOODBYE, CANCEL, a fallback ERROR):
   * it may run in a callback where a throw would be an uncaught error, and the link is usually
   * going away when it fails. Failures are logged.
   */
  trySend(transport: Transport | undefined, message: WampMessage): boolean {
    try {
      if (transport === undefined) throw new ConnectionError('connection_lost', 'no transport');
      this.sendRaw(transport, message);
      return true;
    } catch (error) {
      this.report.log('send failed', { type: message[0], error: errorText(error) });
      return false;
    }
  }

  /** Shows a message to the user's hook; a throwing hook is reported, never breaks the session. */
  callHook(direction: 'in' | 'out', message: WampMessage): void {
    try {
      (this.hook as MessageHook)(direction, message);
    } catch (error) {
      this.report.handlerError(error, 'onMessage hook');
    }
  }
}
