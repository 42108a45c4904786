/**
 * Testaments (D.20): events a session asks the router to publish when it goes away.
 * Without session resumption a session is detached and destroyed at the same moment, so both
 * scopes are published on leave: detached ones first, then destroyed ones, each in insertion order.
 */
import type { Args, Kwargs, PublishMessageOptions } from '../../protocol/messages.js';

/** One testament as stored by `wamp.session.add_testament`. */
export interface Testament {
  readonly topic: string;
  readonly args: Args;
  readonly kwargs: Kwargs;
  readonly options: PublishMessageOptions;
}

/** A session's testaments, by scope. */
export interface TestamentStore {
  readonly detached: Testament[];
  readonly destroyed: Testament[];
}

/** Testament scopes; `detatched` is accepted as crossbar spells it. */
export type TestamentScope = 'detached' | 'destroyed';

/** Parses a `scope` kwarg (default `destroyed`), or returns undefined when it is not a scope. */
export function parseScope(value: unknown): TestamentScope | undefined {
  if (value === undefined || value === 'destroyed') return 'destroyed';
  if (value === 'detached' || value === 'detatched') return 'detached';
  return undefined;
}

/** An empty store. */
export function createTestamentStore(): TestamentStore {
  return { detached: [], destroyed: [] };
}
