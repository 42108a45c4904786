/**
 * Restoring after a reconnect when the router refuses: on a cluster the old node may still hold a
 * registration (`wamp.error.procedure_already_exists`) for a while after the link died. A refused
 * restore is retried with backoff for `period` ms before it is given up; each retry and the give-up
 * are reported (`restore-retry`, `restore-failed`). The first attempt is part of the join; the
 * retries run after it, so the rest of the session is usable meanwhile.
 */
import { isConnectionError } from '../transport/connection-error.js';
import type { Transport } from '../transport/types.js';
import type { RestoreRetryOptions } from './connect-options.js';
import type { SessionReporter } from './reporter.js';
import type { SessionLink } from './session-link.js';

/** The `restoreRetry` option with every field filled in. */
export interface RestoreRetryPolicy {
  readonly period: number;
  readonly initialDelay: number;
  readonly maxDelay: number;
}

/** The defaults: 30 s of retries, 500 ms doubling up to 5 s between them. */
export const DEFAULT_RESTORE_RETRY: RestoreRetryPolicy = {
  period: 30_000,
  initialDelay: 500,
  maxDelay: 5_000,
};

/** Resolves the `restoreRetry` option (`false`: a refusal drops the entry at once, as before). */
export function resolveRestoreRetry(option: boolean | RestoreRetryOptions | undefined): RestoreRetryPolicy {
  if (option === undefined || option === true) return DEFAULT_RESTORE_RETRY;
  if (option === false) return { ...DEFAULT_RESTORE_RETRY, period: 0 };
  return {
    period: Math.max(0, option.period ?? DEFAULT_RESTORE_RETRY.period),
    initialDelay: Math.max(1, option.initialDelay ?? DEFAULT_RESTORE_RETRY.initialDelay),
    maxDelay: Math.max(1, option.maxDelay ?? DEFAULT_RESTORE_RETRY.maxDelay),
  };
}

/** One registration or subscription being restored. */
export interface RestoreTarget {
  readonly kind: 'registration' | 'subscription';
  /** The procedure or topic. */
  readonly uri: string;
  /** Sends the REGISTER / SUBSCRIBE again. */
  send(): Promise<unknown>;
  /** False once the user released it: no more retries. */
  wanted(): boolean;
  /** Keeps the entry for the next join while retries are pending (a refusal forgets it). */
  keep(): void;
  /** Forgets the entry for good. */
  drop(): void;
}

/** Runs the retries of one role; `cancel()` when the link is lost (the next join restores again). */
export class RestoreRetrier {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly policy: RestoreRetryPolicy,
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
  ) {}

  /** The first restoring request of `target`; resolves once it is answered (retries go on after). */
  restore(target: RestoreTarget): Promise<void> {
    const transport = this.link.transport;
    const started = Date.now();
    return target.send().then(
      () => undefined,
      (error: unknown) => this.refused(target, error, 1, started, transport),
    );
  }

  /** Forgets pending retries; the entries they keep are restored on the next join. */
  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private refused(
    target: RestoreTarget,
    error: unknown,
    attempt: number,
    started: number,
    transport: Transport | undefined,
  ): void {
    // A lost link keeps the entry for the next reconnect.
    if (isConnectionError(error) || !target.wanted()) return;
    const { policy } = this;
    const delay = Math.min(policy.maxDelay, policy.initialDelay * 2 ** (attempt - 1));
    const elapsed = Date.now() - started;
    if (elapsed + delay > policy.period) {
      target.drop();
      this.report.log('restore failed', { kind: target.kind, uri: target.uri, attempts: attempt });
      this.report.emit('restore-failed', { kind: target.kind, uri: target.uri, attempts: attempt, error });
      this.report.emit('error', error, `restoring ${target.kind} ${target.uri}`);
      return;
    }
    target.keep();
    this.report.log('restore retry', { kind: target.kind, uri: target.uri, attempt, delay });
    this.report.emit('restore-retry', { kind: target.kind, uri: target.uri, attempt, delay, error });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.link.transport !== transport || this.link.state !== 'joined' || !target.wanted()) return;
      target.send().then(
        () => undefined,
        (next: unknown) => this.refused(target, next, attempt + 1, started, transport),
      );
    }, delay);
    this.timers.add(timer);
  }
}
