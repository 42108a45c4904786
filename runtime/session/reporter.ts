/**
 * How the session tells its user what happened: lifecycle events, the counters in `stats`, and
 * the debug log. Every session module reports through one of these; nothing here ever throws.
 */
import { errorText } from '../protocol/error-text.js';
import type { Dict } from '../protocol/messages.js';
import type { DebugLogger, SessionEvents } from './connect-options.js';
import { createEmitter, type TypedEmitter } from './event-emitter.js';

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

/** Events, counters and debug log of one session. */
export class SessionReporter {
  /** The session's `stats`: the same object, counted into by every module. */
  readonly stats: SessionStats = {
    lateResults: 0,
    droppedEvents: 0,
    droppedProgress: 0,
    lateYields: 0,
    ignoredWhileLeaving: 0,
    handlerErrors: 0,
  };
  /** The user's lifecycle listeners (`session.on`/`off`). */
  readonly events: TypedEmitter<SessionEvents> = createEmitter<SessionEvents>();

  constructor(private readonly logger: DebugLogger | undefined) {}

  /** Emits a lifecycle event; a throwing listener is logged, never propagated. */
  emit<K extends keyof SessionEvents>(event: K, ...args: Parameters<SessionEvents[K]>): void {
    const errors = this.events.emit(event, ...args);
    for (const error of errors) this.log('listener error', { event, error: errorText(error) });
  }

  /** Writes a debug line when the debug log is on. */
  log(event: string, data?: Dict): void {
    if (this.logger !== undefined) this.logger(event, data);
  }

  /** Counts, logs and emits a handler failure; the session keeps running. */
  handlerError(error: unknown, where: string): void {
    this.stats.handlerErrors++;
    this.log('handler error', { where, error: errorText(error) });
    this.emit('error', error, where);
  }
}
