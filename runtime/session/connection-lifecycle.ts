/**
 * The connection lifecycle: opening the first link, reconnecting with backoff after an outage,
 * `leave()` (GOODBYE and its reply) and `close()`, and every other way a link ends: the transport
 * closes, the router says GOODBYE or ABORT, or the router violates the protocol. With several
 * transports (`url: [a, b, c]`) each attempt tries them in order from the current one, and a lost
 * link moves the start to the next one (failover). Every opened transport gets the keep-alive.
 */
import { abortMessage, goodbyeMessage } from '../protocol/encode.js';
import { errorText } from '../protocol/error-text.js';
import type { Dict } from '../protocol/messages.js';
import { CloseUri, ErrorUri } from '../protocol/uris.js';
import { ConnectionError, isConnectionError } from '../transport/connection-error.js';
import { type KeepAlive, startKeepAlive } from '../transport/keep-alive.js';
import type { CloseInfo, PingOptions, Transport, TransportFactory } from '../transport/types.js';
import { backoffDelay, type ReconnectPolicy } from './backoff.js';
import type { Join } from './join.js';
import type { SessionReporter } from './reporter.js';
import type { SessionLink } from './session-link.js';

/** The part of `SessionConfig` the lifecycle reads. */
export interface LifecycleConfig {
  /** Tried in order, rotating on failure and after a lost link; at least one. */
  readonly factories: readonly TransportFactory[];
  /** Keep-alive for every transport that can ping; undefined: none. */
  readonly ping: PingOptions | undefined;
  readonly reconnect: ReconnectPolicy | undefined;
  readonly connectTimeout: number;
  readonly goodbyeTimeout: number;
}

/** What the lifecycle needs from the session around it. */
export interface LifecycleHost {
  /** Wires a freshly opened transport to the session and sends HELLO. */
  attach(transport: Transport, reconnected: boolean): void;
  /** Rejects everything pending, ends running invocations, forgets router ids. */
  failAll(error: Error): void;
}

/** Opens, reconnects and ends links; resolves `closed` once the session is closed for good. */
export class ConnectionLifecycle {
  /** Resolves once the session is closed for good (left, or gave up reconnecting). */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private goodbyeWaiter: ((reason: string) => void) | undefined;
  private closeWaiter: (() => void) | undefined;
  private userClosing = false;
  private noReconnect = false;
  private reconnecting = false;
  private reconnectSleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  /** The factory the next attempt starts with (the one that joined last, or the next after it failed). */
  private current = 0;
  private keepAlive: KeepAlive | undefined;

  constructor(
    private readonly config: LifecycleConfig,
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
    private readonly join: Join,
    private readonly host: LifecycleHost,
  ) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  // ---------------------------------------------------------------- open, leave, close

  /** Opens the first connection; retries transport failures when reconnect is on. Used by `connect()`. */
  async open(): Promise<void> {
    const policy = this.config.reconnect;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.connectRound(false);
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
  async leave(reason: string, message: string | undefined): Promise<void> {
    this.userClosing = true;
    this.wakeReconnectSleep();
    const transport = this.link.transport;
    if (this.link.state !== 'joined' || transport === undefined) {
      if (transport) await this.closeTransport(transport, 1000, 'leave');
      this.finalClose();
      return;
    }
    const reply = new Promise<string>((resolve) => {
      this.goodbyeWaiter = resolve;
    });
    try {
      this.link.sendRaw(transport, goodbyeMessage(reason, message));
    } catch (error) {
      // The link is already going away: there is no one to say goodbye to.
      this.report.log('goodbye not sent', { error: errorText(error) });
      this.goodbyeWaiter?.('');
    }
    this.link.state = 'leaving';
    // Nothing may be sent after GOODBYE, so nothing pending can complete any more (B.5).
    this.host.failAll(new ConnectionError('session_closed', 'the session left'));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const replyReason = await Promise.race([
      reply,
      new Promise<string>((resolve) => {
        timer = setTimeout(resolve, this.config.goodbyeTimeout, '');
      }),
    ]);
    clearTimeout(timer);
    this.goodbyeWaiter = undefined;
    this.report.log('leave', { reason, reply: replyReason || '(timeout)' });
    this.report.emit('leave', reason, message ?? '');
    await this.closeTransport(transport, 1000, 'goodbye');
    this.finalClose();
  }

  /** The router's GOODBYE answering ours (state `leaving`). */
  goodbyeReplied(reason: string): void {
    this.goodbyeWaiter?.(reason);
  }

  /** Closes the transport without GOODBYE and stops reconnecting. */
  async close(): Promise<void> {
    this.userClosing = true;
    this.wakeReconnectSleep();
    const transport = this.link.transport;
    if (transport) await this.closeTransport(transport, 1000, 'closed by client');
    this.finalClose();
  }

  /** The error for a request made while not joined. */
  notJoined(): ConnectionError {
    const state = this.link.state;
    if (state === 'closed' || state === 'leaving' || this.userClosing) {
      return new ConnectionError('session_closed', 'the session is closed');
    }
    return new ConnectionError('not_joined', `the session is not joined (state ${state})`);
  }

  // ---------------------------------------------------------------- connecting

  /**
   * One attempt: tries each transport once, in order from the current one, until one joins.
   * An ABORT (or the user closing) ends the round at once; otherwise the last failure is thrown.
   */
  private async connectRound(reconnected: boolean): Promise<void> {
    const factories = this.config.factories;
    let lastError: unknown;
    for (let tried = 0; tried < factories.length; tried++) {
      const index = this.current;
      try {
        await this.connectOnce(factories[index] as TransportFactory, reconnected);
        return;
      } catch (error) {
        lastError = error;
        if (!isRetryable(error) || this.userClosing) throw error;
        this.current = (index + 1) % factories.length;
        if (factories.length > 1) {
          this.report.log('transport failed', { transport: index, error: errorText(error) });
        }
      }
    }
    throw lastError;
  }

  /** Opens one transport and joins; settles on WELCOME (after restoring), ABORT, close or timeout. */
  private connectOnce(factory: TransportFactory, reconnected: boolean): Promise<void> {
    this.link.state = 'connecting';
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.join.end(finish);
        if (error !== undefined) opening.abort(error);
        if (error === undefined) {
          resolve();
          return;
        }
        const transport = this.link.transport;
        if (transport && this.link.state !== 'joined')
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
      this.join.begin(finish, () => clearTimeout(timer));
      const opening = new AbortController();
      factory(opening.signal).then(
        (transport) => {
          if (settled || this.userClosing) {
            transport.close(1000, 'connect abandoned');
            finish(new ConnectionError('session_closed', 'the session was closed while connecting'));
            return;
          }
          const ping = this.config.ping;
          // One keep-alive at a time: a link that failed to join may not have reported its close yet.
          this.stopKeepAlive();
          if (ping !== undefined) this.keepAlive = startKeepAlive(transport, ping);
          this.host.attach(transport, reconnected);
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

  /** The transport closed: fail pending work, report it, and reconnect or close for good. */
  handleClose(transport: Transport, info: CloseInfo): void {
    if (this.keepAlive?.transport === transport) this.stopKeepAlive();
    const waiter = this.closeWaiter;
    if (waiter) {
      this.closeWaiter = undefined;
      waiter();
    }
    if (transport !== this.link.transport) return;
    this.link.transport = undefined;
    this.goodbyeWaiter?.('');
    const wasJoined = this.join.wasJoined;
    const previous = this.link.state;
    this.join.wasJoined = false;
    this.link.state = 'disconnected';
    const lost = new ConnectionError(
      this.userClosing ? 'session_closed' : 'connection_lost',
      `connection lost (${info.code}${info.reason ? ` ${info.reason}` : ''})`,
    );
    this.host.failAll(lost);
    if (previous === 'joined') this.report.emit('leave', ErrorUri.NETWORK_FAILURE, lost.message);
    const willReconnect =
      wasJoined &&
      this.config.reconnect !== undefined &&
      !this.userClosing &&
      !this.noReconnect &&
      !this.reconnecting;
    // Failover: the node that dropped us is the last one to try again.
    if (wasJoined) this.current = (this.current + 1) % this.config.factories.length;
    this.report.log('disconnect', { code: info.code, reason: info.reason, willReconnect });
    this.report.emit('disconnect', { ...info, willReconnect });
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
          await this.connectRound(true);
          return;
        } catch (error) {
          lastError = error;
          this.report.log('reconnect failed', { attempt, error: errorText(error) });
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
    this.link.state = 'disconnected';
    this.report.emit('reconnecting', attempt, delay);
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

  // ---------------------------------------------------------------- ending a link

  /** The router ends the session: answer GOODBYE (B.5), fail pending work, close. */
  routerGoodbye(details: Dict, reason: string): void {
    const transport = this.link.transport as Transport;
    this.link.trySend(transport, goodbyeMessage(CloseUri.GOODBYE_AND_OUT));
    this.link.state = 'closing';
    if (reason === CloseUri.KILLED) this.noReconnect = true;
    const message = typeof details.message === 'string' ? details.message : '';
    this.report.log('goodbye', { reason, message });
    this.host.failAll(new ConnectionError('session_closed', `the router ended the session (${reason})`));
    this.report.emit('leave', reason, message);
    void this.closeTransport(transport, 1000, 'goodbye');
  }

  /** ABORT after WELCOME: never answered; fail everything and close. */
  routerAbort(details: Dict, reason: string): void {
    const transport = this.link.transport as Transport;
    this.link.state = 'closing';
    const message = typeof details.message === 'string' ? details.message : '';
    this.report.log('abort', { reason, message });
    this.host.failAll(new ConnectionError('connection_lost', `the router aborted the session (${reason})`));
    this.report.emit('leave', reason, message);
    void this.closeTransport(transport, 1000, 'aborted');
  }

  /** Protocol violation (B.4): ABORT, fail everything, drop the transport. */
  violate(text: string): void {
    const transport = this.link.transport;
    if (!transport) return;
    this.report.log('protocol violation', { message: text });
    this.link.trySend(transport, abortMessage(ErrorUri.PROTOCOL_VIOLATION, text));
    const wasJoined = this.link.state === 'joined';
    this.link.state = 'closing';
    this.host.failAll(new ConnectionError('protocol_violation', `protocol violation: ${text}`));
    if (wasJoined) this.report.emit('leave', ErrorUri.PROTOCOL_VIOLATION, text);
    void this.closeTransport(transport, 1002, 'protocol violation');
  }

  /** Closes `transport` and resolves when it reported its close (or after 1 s). */
  closeTransport(transport: Transport, code: number, reason: string): Promise<void> {
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
        this.report.log('close failed', { error: errorText(error) });
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private stopKeepAlive(): void {
    this.keepAlive?.stop();
    this.keepAlive = undefined;
  }

  /** Marks the session closed for good (idempotent) and resolves `closed`. */
  private finalClose(error?: unknown): void {
    this.stopKeepAlive();
    if (this.link.state === 'closed') return;
    this.link.state = 'closed';
    this.report.log('close', error === undefined ? {} : { error: errorText(error) });
    this.report.emit('close', error instanceof Error ? error : undefined);
    this.resolveClosed();
  }
}

/** Transport-level failures are worth retrying; an ABORT from the router (bad credentials) is not. */
function isRetryable(error: unknown): boolean {
  return isConnectionError(error) && error.code !== 'session_closed';
}
