/** A router subscription and the handlers sharing it, as the subscriber keeps them across reconnects. */
import type { Dict, Id } from '../protocol/messages.js';
import type { EventHandler, Subscription } from './types.js';

/**
 * One router subscription (topic + options) and the handlers attached to it. Several
 * `subscribe()` calls for the same topic share it when the router returns the same id (B.6).
 * It outlives reconnects: the session re-subscribes it and updates `id`.
 */
export class SubscriptionEntry {
  /** The router's subscription id on the current link (0 while not subscribed). */
  id: Id = 0;
  readonly slots: SubscriptionSlot[] = [];

  constructor(
    readonly topic: string,
    readonly options: Dict,
  ) {}
}

/** One `subscribe()` call: a handler on an entry; what the user holds as a {@link Subscription}. */
export class SubscriptionSlot implements Subscription {
  active = true;

  constructor(
    public entry: SubscriptionEntry,
    readonly handler: EventHandler,
    private readonly release: (slot: SubscriptionSlot) => Promise<void>,
  ) {}

  get id(): Id {
    return this.entry.id;
  }

  get topic(): string {
    return this.entry.topic;
  }

  unsubscribe(): Promise<void> {
    return this.release(this);
  }

  /** `await using`: unsubscribes when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.release(this);
  }
}
