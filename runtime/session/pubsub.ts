/**
 * The publisher and subscriber roles: PUBLISH (acknowledged or not), SUBSCRIBE/UNSUBSCRIBE, and
 * EVENT delivery. It owns the subscriptions (by router id, and in creation order for the restore
 * after a reconnect); several handlers on one topic share one router subscription.
 */
import { publishMessage, subscribeMessage, unsubscribeMessage } from '../protocol/encode.js';
import { MessageType } from '../protocol/message-type.js';
import type { Args, Dict, EventMessage, Id, Kwargs } from '../protocol/messages.js';
import { createWampError } from '../protocol/predefined-errors.js';
import { isConnectionError } from '../transport/connection-error.js';
import { eventContext } from './event-context.js';
import { noop, PendingRequest } from './pending.js';
import { toPublishOptions } from './publish-options.js';
import type { SessionReporter } from './reporter.js';
import { RestoreRetrier, type RestoreRetryPolicy } from './restore-retry.js';
import type { RoleHost, SessionLink } from './session-link.js';
import { SubscriptionEntry, SubscriptionSlot } from './subscription-entry.js';
import type { EventContext, EventHandler, PublishOptions, SubscribeOptions, Subscription } from './types.js';

/** Publications and subscriptions. */
export class PubSub {
  private readonly subscriptionsById = new Map<Id, SubscriptionEntry>();
  /** Everything to restore after a reconnect, in creation order. */
  private readonly entries = new Set<SubscriptionEntry>();
  private readonly retrier: RestoreRetrier;

  constructor(
    private readonly link: SessionLink,
    private readonly report: SessionReporter,
    private readonly host: RoleHost,
    restoreRetry: RestoreRetryPolicy,
  ) {
    this.retrier = new RestoreRetrier(restoreRetry, link, report);
  }

  /** The link died: router ids are forgotten (the entries stay, to be restored). */
  linkLost(): void {
    this.retrier.cancel();
    // Router ids die with the link: an UNSUBSCRIBE must never carry an old one.
    for (const entry of this.subscriptionsById.values()) entry.id = 0;
    this.subscriptionsById.clear();
  }

  /**
   * Re-subscribes every entry with the same handlers after a reconnect; adds the work to `work`.
   * A lost link keeps the entry for the next reconnect; a refusal is retried (`restore-retry.ts`).
   */
  restore(work: Promise<unknown>[]): void {
    for (const entry of [...this.entries]) {
      work.push(
        this.retrier.restore({
          kind: 'subscription',
          uri: entry.topic,
          send: () => this.sendSubscribe(entry, undefined),
          wanted: () => entry.slots.length > 0,
          keep: () => this.entries.add(entry),
          drop: () => this.entries.delete(entry),
        }),
      );
    }
  }

  /** True when there is something to restore after a reconnect. */
  get hasEntries(): boolean {
    return this.entries.size > 0;
  }

  // ---------------------------------------------------------------- publisher

  /** `Session.publish`: with `acknowledge`, resolves with the publication id. */
  publish(topic: string, args?: Args, kwargs?: Kwargs, options?: PublishOptions): Promise<Id | undefined> {
    const transport = this.link.transport;
    if (this.link.state !== 'joined' || transport === undefined) return Promise.reject(this.host.notJoined());
    const id = this.link.nextRequestId();
    const message = publishMessage(id, toPublishOptions(options), topic, args, kwargs);
    if (options?.acknowledge !== true) {
      try {
        this.link.sendRaw(transport, message);
      } catch (error) {
        this.link.giveBackRequestId(id);
        return Promise.reject(error);
      }
      return Promise.resolve(undefined);
    }
    return this.link.request(transport, message, new PublishRequest());
  }

  // ---------------------------------------------------------------- subscriber

  /** `Session.subscribe`: handlers on the same topic share one router subscription. */
  subscribe(topic: string, handler: EventHandler, options?: SubscribeOptions): Promise<Subscription> {
    if (this.link.state !== 'joined') return Promise.reject(this.host.notJoined());
    const wire: Dict = {};
    if (options?.match !== undefined && options.match !== 'exact') wire.match = options.match;
    if (options?.getRetained === true) wire.get_retained = true;
    if (options?.options !== undefined) Object.assign(wire, options.options);
    return this.sendSubscribe(new SubscriptionEntry(topic, wire), handler);
  }

  /** Sends SUBSCRIBE for `entry`; `handler` is undefined when restoring. */
  private sendSubscribe(entry: SubscriptionEntry, handler: EventHandler | undefined): Promise<Subscription> {
    const transport = this.link.transport;
    if (transport === undefined) return Promise.reject(this.host.notJoined());
    const message = subscribeMessage(this.link.nextRequestId(), entry.options, entry.topic);
    return this.link.request(transport, message, new SubscribeRequest(this, entry, handler));
  }

  /** Detaches one handler; the last one sends UNSUBSCRIBE. */
  private releaseSlot(slot: SubscriptionSlot): Promise<void> {
    if (!slot.active) return Promise.resolve();
    slot.active = false;
    const entry = slot.entry;
    const i = entry.slots.indexOf(slot);
    if (i >= 0) entry.slots.splice(i, 1);
    if (entry.slots.length > 0) return Promise.resolve();
    this.entries.delete(entry);
    return this.sendUnsubscribe(entry);
  }

  /** Sends UNSUBSCRIBE for a bound entry (nothing to do while unbound or not joined). */
  private sendUnsubscribe(entry: SubscriptionEntry): Promise<void> {
    const transport = this.link.transport;
    if (this.link.state !== 'joined' || transport === undefined || entry.id === 0) return Promise.resolve();
    const message = unsubscribeMessage(this.link.nextRequestId(), entry.id);
    return this.link.request(transport, message, new UnsubscribeRequest(this, entry));
  }

  /** SUBSCRIBED: binds the entry to the router id, sharing an entry the id already names. */
  subscribed(request: SubscribeRequest, subscriptionId: Id): void {
    const shared = this.subscriptionsById.get(subscriptionId);
    let entry = request.entry;
    if (shared !== undefined && shared !== entry) {
      // The router reused an id we hold (B.6): attach to that entry instead of a second one.
      this.entries.delete(entry);
      for (const slot of entry.slots) {
        slot.entry = shared;
        shared.slots.push(slot);
      }
      entry = shared;
    } else {
      entry.id = subscriptionId;
      this.subscriptionsById.set(subscriptionId, entry);
    }
    if (request.handler === undefined) {
      request.resolve(entry.slots[0] as SubscriptionSlot);
      // Every handler unsubscribed while this SUBSCRIBE (a restore) was in flight.
      if (entry.slots.length === 0) void this.sendUnsubscribe(entry).catch(noop);
      return;
    }
    const slot = new SubscriptionSlot(entry, request.handler, (s) => this.releaseSlot(s));
    entry.slots.push(slot);
    this.entries.add(entry);
    request.resolve(slot);
  }

  /** UNSUBSCRIBED: the entry is no longer bound; handlers that joined it meanwhile subscribe again. */
  unsubscribed(request: UnsubscribeRequest): void {
    const entry = request.entry;
    this.subscriptionsById.delete(entry.id);
    entry.id = 0;
    request.resolve();
    // A subscribe for the same topic joined this entry while the UNSUBSCRIBE was in flight:
    // the router has dropped the subscription, so take it out again for the new handlers.
    if (entry.slots.length > 0) this.resubscribe(entry);
  }

  /** ERROR for a SUBSCRIBE: the entry is not restored again. */
  refused(entry: SubscriptionEntry): void {
    this.entries.delete(entry);
  }

  /** Subscribes an entry again for the handlers it still has; a refusal is reported. */
  private resubscribe(entry: SubscriptionEntry): void {
    this.entries.add(entry);
    this.sendSubscribe(entry, undefined).catch((error: unknown) => {
      if (isConnectionError(error)) return; // restored on the next join
      this.entries.delete(entry);
      this.report.emit('error', error, `resubscribing ${entry.topic}`);
    });
  }

  /** The router revoked a subscription (`UNSUBSCRIBED` with request 0 and Details). */
  onRevoked(details: Dict): void {
    const entry = this.subscriptionsById.get(details.subscription as Id);
    if (entry === undefined) {
      this.host.violate('UNSUBSCRIBED revocation for an unknown subscription');
      return;
    }
    this.subscriptionsById.delete(entry.id);
    this.entries.delete(entry);
    for (const slot of entry.slots) slot.active = false;
    this.report.emit(
      'error',
      createWampError(String(details.reason ?? 'wamp.subscription.revoked')),
      `subscription ${entry.topic} revoked`,
    );
  }

  /** EVENT: calls every handler of the subscription; handler errors are reported, never thrown. */
  onEvent(message: EventMessage): void {
    const entry = this.subscriptionsById.get(message[1]);
    if (entry === undefined) {
      this.host.violate(`EVENT for unknown subscription ${message[1]}`);
      return;
    }
    const slots = entry.slots;
    // No handler left: UNSUBSCRIBE is on its way and events may still cross it.
    if (slots.length === 0) {
      this.report.stats.droppedEvents++;
      return;
    }
    const details = message[3];
    // One context and one payload for every handler of this event.
    const context: EventContext = eventContext(entry.topic, message[2], details);
    const args = message[4] ?? [];
    const kwargs = message[5] ?? {};
    // A handler may unsubscribe (splicing `slots`): iterate a snapshot when there are several.
    const list = slots.length === 1 ? slots : slots.slice();
    for (let i = 0; i < list.length; i++) {
      const slot = list[i] as SubscriptionSlot;
      if (!slot.active) continue;
      try {
        const result = slot.handler(args, kwargs, context);
        if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
          (result as Promise<void>).then(undefined, (error: unknown) =>
            this.report.handlerError(error, entry.topic),
          );
        }
      } catch (error) {
        this.report.handlerError(error, entry.topic);
      }
    }
  }
}

/** A PUBLISH with `acknowledge` waiting for PUBLISHED. */
class PublishRequest extends PendingRequest<Id | undefined> {
  readonly kind = MessageType.PUBLISH;

  acknowledged(publicationId: Id): void {
    this.resolve(publicationId);
  }
}

/** A SUBSCRIBE waiting for SUBSCRIBED; `handler` is undefined when restoring. */
class SubscribeRequest extends PendingRequest<Subscription> {
  readonly kind = MessageType.SUBSCRIBE;

  constructor(
    private readonly pubsub: PubSub,
    readonly entry: SubscriptionEntry,
    readonly handler: EventHandler | undefined,
  ) {
    super();
  }

  acknowledged(subscriptionId: Id): void {
    this.pubsub.subscribed(this, subscriptionId);
  }

  override refused(error: unknown): void {
    this.pubsub.refused(this.entry);
    this.reject(error);
  }
}

/** An UNSUBSCRIBE waiting for UNSUBSCRIBED. */
class UnsubscribeRequest extends PendingRequest<void> {
  readonly kind = MessageType.UNSUBSCRIBE;

  constructor(
    private readonly pubsub: PubSub,
    readonly entry: SubscriptionEntry,
  ) {
    super();
  }

  acknowledged(): void {
    this.pubsub.unsubscribed(this);
  }
}
