import type { Args, Kwargs } from '../protocol/messages.js';
import type { EventContext, PublishOptions, SessionApi, SubscribeOptions } from '../session/types.js';
import type { TopicContract, TopicsContract, ValidationOptions } from './contract-types.js';
import { remapUri } from './contract-types.js';
import { ContractErrorUri } from './validation-error.js';
import { componentRecord, createUriTemplate, type UriTemplate } from './uri-template.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** Why an event did not reach user code normally: its payload failed validation, or the handler threw. */
export type EventErrorKind = 'invalid' | 'handler';

/** Receives events that failed validation (never passed to the handler) and handler failures. */
export type EventErrorHook = (error: unknown, context: EventContext, kind: EventErrorKind) => void;

type TemplateEventHandler = (payload: unknown, components: unknown, context: EventContext) => unknown;

/** Options of a generated topics client. */
export interface TopicsClientOptions extends ValidationOptions {
  /** Publish and subscribe under this prefix instead of the contract's. */
  readonly prefix?: string;
  /** Receives invalid events (they never reach the handler) and handler errors; both are always counted. */
  readonly onEventError?: EventErrorHook;
}

/** Counters a topics client keeps, so that no dropped event goes unnoticed. */
export interface TopicsClientStats {
  /** Events dropped because their payload failed validation. */
  invalidEvents: number;
  /** Handlers that threw or rejected. */
  handlerErrors: number;
}

/**
 * Base class of generated topics clients: `publish.<topic>(payload, options)` validates before sending,
 * `subscribe.<topic>(handler, options)` validates on receipt and drops invalid events into a hook.
 */
export abstract class ContractTopicsClient<Publish, Subscribe, SubscribeAll = Record<never, never>> {
  readonly publish: Publish;
  readonly subscribe: Subscribe;
  /** For topics with URI components: one wildcard subscription to every instance (e.g. every room). */
  readonly subscribeAll: SubscribeAll;
  readonly session: SessionApi;
  /** Dropped and failed events, by cause. */
  readonly stats: TopicsClientStats = { invalidEvents: 0, handlerErrors: 0 };

  constructor(session: SessionApi, contract: TopicsContract, options: TopicsClientOptions = {}) {
    this.session = session;
    const publish: Record<string, unknown> = {};
    const subscribe: Record<string, unknown> = {};
    const subscribeAll: Record<string, unknown> = {};
    for (const topic of contract.topics) {
      const uri = remapUri(topic.uri, contract.prefix, options.prefix);
      if (topic.components !== undefined) {
        const template = createUriTemplate(uri, topic.components);
        this.#templateTopic(topic, template, options, publish, subscribe, subscribeAll);
        continue;
      }
      publish[topic.name] = (payload: unknown, publishOptions?: PublishOptions) => {
        const wire = encodeValue(
          topic.payload,
          payload,
          options.validateArgs ?? true,
          topic.codec,
          ContractErrorUri.INVALID_ARGUMENT,
          `payload of ${topic.uri}`,
        );
        return topic.kwargs
          ? session.publish(uri, undefined, wire as Kwargs, publishOptions)
          : session.publish(uri, [wire], undefined, publishOptions);
      };
      subscribe[topic.name] = (
        handler: (payload: unknown, context: EventContext) => unknown,
        so?: SubscribeOptions,
      ) => session.subscribe(uri, this.#eventHandler(topic, handler, options), so);
    }
    this.publish = publish as Publish;
    this.subscribe = subscribe as Subscribe;
    this.subscribeAll = subscribeAll as SubscribeAll;
  }

  // A topic family: `publish(...components, payload)`, `subscribe(...components, handler)` (exact) and
  // `subscribeAll(handler)` (wildcard); handlers get the components parsed from the event's topic.
  #templateTopic(
    topic: TopicContract,
    template: UriTemplate,
    options: TopicsClientOptions,
    publish: Record<string, unknown>,
    subscribe: Record<string, unknown>,
    subscribeAll: Record<string, unknown>,
  ): void {
    const count = template.components.length;
    publish[topic.name] = (...input: unknown[]) => {
      const uri = template.format(input);
      const wire = encodeValue(
        topic.payload,
        input[count],
        options.validateArgs ?? true,
        topic.codec,
        ContractErrorUri.INVALID_ARGUMENT,
        `payload of ${topic.uri}`,
      );
      const publishOptions = input[count + 1] as PublishOptions | undefined;
      return topic.kwargs
        ? this.session.publish(uri, undefined, wire as Kwargs, publishOptions)
        : this.session.publish(uri, [wire], undefined, publishOptions);
    };
    type Handler = TemplateEventHandler;
    const wrap = (handler: Handler) => this.#eventHandler(topic, handler, options, template);
    subscribe[topic.name] = async (...input: unknown[]) => {
      const uri = template.format(input);
      return this.session.subscribe(uri, wrap(input[count] as Handler), input[count + 1] as SubscribeOptions);
    };
    subscribeAll[topic.name] = (handler: Handler, so?: SubscribeOptions) =>
      this.session.subscribe(template.wildcard, wrap(handler), { ...so, match: 'wildcard' });
  }

  #eventHandler(
    topic: TopicContract,
    handler: ((payload: unknown, context: EventContext) => unknown) | TemplateEventHandler,
    options: TopicsClientOptions,
    template?: UriTemplate,
  ) {
    const validate = options.validateResults ?? true;
    const where = `payload of ${topic.uri}`;
    return async (args: Args, kwargs: Kwargs, context: EventContext): Promise<void> => {
      let payload: unknown;
      let components: unknown;
      try {
        // The concrete topic is EVENT.Details.topic for a pattern subscription, else the subscribed URI.
        if (template !== undefined) components = componentRecord(template, template.parse(context.topic));
        const raw = topic.kwargs ? kwargs : args[0];
        payload = decodeValue(
          topic.payload,
          raw,
          validate,
          topic.codec,
          ContractErrorUri.INVALID_ARGUMENT,
          where,
        );
      } catch (error) {
        this.stats.invalidEvents++;
        options.onEventError?.(error, context, 'invalid');
        return;
      }
      try {
        // A template topic's handler also gets the components, between the payload and the context.
        await (template === undefined
          ? (handler as (p: unknown, x: EventContext) => unknown)(payload, context)
          : (handler as TemplateEventHandler)(payload, components, context));
      } catch (error) {
        // A failing handler must not take the session down; it is counted and reported.
        this.stats.handlerErrors++;
        options.onEventError?.(error, context, 'handler');
      }
    };
  }
}
