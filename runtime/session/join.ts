/**
 * The join on each new link (checklist B.2): HELLO, CHALLENGE/AUTHENTICATE, an ABORT before
 * WELCOME, and WELCOME, after which registrations and subscriptions are restored before the join
 * is reported. It holds the session id and join details of the current (or last) join.
 */
import { abortMessage, authenticateMessage, helloMessage } from '../protocol/encode.js';
import { errorText } from '../protocol/error-text.js';
import { MessageType, messageTypeName } from '../protocol/message-type.js';
import type { HelloDetails, Id, WampMessage, WelcomeDetails, WelcomeMessage } from '../protocol/messages.js';
import { ErrorUri } from '../protocol/uris.js';
import { AuthenticationError, createWampError } from '../protocol/predefined-errors.js';
import { isWampError } from '../protocol/wamp-error.js';
import type { Transport } from '../transport/types.js';
import type { AuthResponder } from './auth-responder.js';
import type { JoinInfo } from './connect-options.js';
import { CLIENT_AGENT, CLIENT_ROLES } from './features.js';
import type { SessionReporter } from './reporter.js';
import type { SessionLink } from './session-link.js';

/** The part of `SessionConfig` the join reads. */
export interface JoinConfig {
  readonly realm: string;
  readonly auth: AuthResponder;
  readonly agent: string | undefined;
}

/** What the join needs from the session around it. */
export interface JoinHost {
  /** Rejects everything pending (the join attempt included) with `error`. */
  failAll(error: Error): void;
  /** Closes `transport`; resolves once it reported its close. */
  closeTransport(transport: Transport, code: number, reason: string): Promise<void>;
  /** Protocol violation (B.4): ABORT, fail everything, drop the transport. */
  violate(text: string): void;
  /** WELCOME arrived: the roles learn what the router announced. */
  welcomed(details: WelcomeDetails): void;
}

/** A role whose registrations or subscriptions outlive the link and are restored after a reconnect. */
export interface Restorable {
  readonly hasEntries: boolean;
  /** Sends the restoring requests, adding each one's promise to `work`. */
  restore(work: Promise<unknown>[]): void;
}

/** One join per link, and what the last one said. */
export class Join {
  /** The session id of the current (or last) join; 0 before the first. */
  sessionId: Id = 0;
  /** Details of the current (or last) join. */
  info: JoinInfo | undefined = undefined;
  /** True once WELCOME came on the current link: losing it is an outage worth reconnecting. */
  wasJoined = false;
  /** Settles the pending join attempt (no argument: joined). */
  private waiter: ((error?: unknown) => void) | undefined;
  /** Stops the connect timeout: it covers the opening handshake, not the restore after WELCOME. */
  private stopConnectTimer: (() => void) | undefined;
  private reconnected = false;

  constructor(
    private readonly config: JoinConfig,
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
    private readonly host: JoinHost,
    /** Restored in this order after a reconnect. */
    private readonly restorables: readonly Restorable[],
  ) {}

  /** A join attempt starts: `finish` settles it, `stopTimer` ends its connect timeout at WELCOME. */
  begin(finish: (error?: unknown) => void, stopTimer: () => void): void {
    this.waiter = finish;
    this.stopConnectTimer = stopTimer;
  }

  /** The attempt `finish` started is over; forgets it if it is still the current one. */
  end(finish: (error?: unknown) => void): void {
    if (this.waiter === finish) this.waiter = undefined;
  }

  /** The link died: the pending join attempt fails with it. */
  linkLost(error: Error): void {
    const join = this.waiter;
    if (join) join(error);
  }

  /** Sends HELLO on a freshly attached transport (B.2: it must be the first message). */
  hello(transport: Transport, reconnected: boolean): void {
    this.reconnected = reconnected;
    const details: HelloDetails = { roles: CLIENT_ROLES, agent: this.config.agent ?? CLIENT_AGENT };
    Object.assign(details, this.config.auth.hello);
    this.link.trySend(transport, helloMessage(this.config.realm, details));
  }

  /** Before WELCOME only WELCOME, CHALLENGE and ABORT are legal (B.2). */
  onMessage(transport: Transport, message: WampMessage): void {
    switch (message[0]) {
      case MessageType.WELCOME:
        this.onWelcome(message);
        return;
      case MessageType.CHALLENGE: {
        const [, method, extra] = message;
        this.report.emit('challenge', method, extra);
        this.config.auth.answer(method, extra).then(
          (answer) => {
            if (this.link.transport === transport && this.link.state === 'joining') {
              this.link.trySend(transport, authenticateMessage(answer.signature, answer.extra ?? {}));
            }
          },
          (error: unknown) => this.abortJoin(transport, error),
        );
        return;
      }
      case MessageType.ABORT: {
        const [, details, reason, args, kwargs] = message;
        this.report.log('abort', { reason, details });
        this.link.state = 'closing';
        // The router's reason (Details.message, or a text in args) stays in the error's message.
        this.host.failAll(createWampError(reason, args ?? [], kwargs ?? {}, details));
        void this.host.closeTransport(transport, 1000, 'aborted');
        return;
      }
      default:
        this.host.violate(`${messageTypeName(message[0]) ?? message[0]} received before WELCOME`);
    }
  }

  /** A CHALLENGE we cannot answer: ABORT the join (B.2) and fail it with the reason. */
  private abortJoin(transport: Transport, error: unknown): void {
    if (this.link.transport !== transport || this.link.state !== 'joining') return;
    const text = `cannot answer CHALLENGE: ${errorText(error)}`;
    this.link.trySend(transport, abortMessage(ErrorUri.AUTHENTICATION_FAILED, text));
    this.link.state = 'closing';
    this.host.failAll(
      isWampError(error)
        ? error
        : new AuthenticationError(ErrorUri.AUTHENTICATION_FAILED, [text], {}, {}, { cause: error }),
    );
    void this.host.closeTransport(transport, 1000, 'authentication failed');
  }

  /** Joined: record the router's features, restore after a reconnect, then report the join. */
  private onWelcome(message: WelcomeMessage): void {
    const [, sessionId, details] = message;
    this.link.state = 'joined';
    this.wasJoined = true;
    this.sessionId = sessionId;
    this.host.welcomed(details);
    const info: JoinInfo = {
      sessionId,
      realm: this.config.realm,
      details,
      reconnected: this.reconnected,
      ...(details.authid === undefined ? {} : { authid: details.authid }),
      ...(details.authrole === undefined ? {} : { authrole: details.authrole }),
      ...(details.authmethod === undefined ? {} : { authmethod: details.authmethod }),
    };
    this.info = info;
    this.report.log('join', { session: sessionId, authid: details.authid, authrole: details.authrole });
    // Joined: restoring may take longer than the connect timeout, and must not be cut off by it.
    this.stopConnectTimer?.();
    this.stopConnectTimer = undefined;
    const done = (): void => {
      // The link may have dropped while restoring; the join waiter was failed then.
      if (this.link.state !== 'joined' || this.sessionId !== sessionId) return;
      const join = this.waiter;
      this.waiter = undefined;
      join?.();
      this.report.emit('join', info);
      if (info.reconnected) this.report.emit('reconnect', info);
    };
    if (this.restorables.some((role) => role.hasEntries)) void this.restore().then(done);
    else done();
  }

  /** Re-registers and re-subscribes every entry with the same handlers after a reconnect. */
  private async restore(): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const role of this.restorables) role.restore(work);
    await Promise.all(work);
  }
}
