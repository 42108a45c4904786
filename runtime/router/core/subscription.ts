/** A subscription: one id per (topic, match) pair, shared by all its subscribers (B.6, D.15). */
import type { MatchPolicy } from '../../protocol/messages.js';
import { type Indexed, patternParts } from './uri-index.js';

/** A topic subscription and its subscribers, in subscription order. */
export class Subscription<Subscriber> implements Indexed {
  readonly parts: readonly string[] | undefined;
  /** ISO-8601 creation time, reported by the subscription meta API. */
  readonly created = new Date().toISOString();
  readonly subscribers = new Set<Subscriber>();

  constructor(
    readonly id: number,
    readonly uri: string,
    readonly match: MatchPolicy,
  ) {
    this.parts = patternParts(uri, match);
  }

  /** `SubscriptionDetails` as the meta API reports it. */
  details(): { id: number; created: string; uri: string; match: MatchPolicy } {
    return { id: this.id, created: this.created, uri: this.uri, match: this.match };
  }
}
