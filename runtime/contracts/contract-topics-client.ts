import type { Args, Id, Kwargs } from '../protocol/messages.js';
import type {
  EventContext,
  EventHandler,
  PublishOptions,
  SessionApi,
  SubscribeOptions,
} from '../session/types.js';
import type { TopicContract, TopicsContract, ValidationOptions } from './contract-types.js';
import { remapUri } from './contract-types.js';
import {
  chainInterceptors,
  type EventInterceptor,
  type EventNext,
  type PublishInterceptor,
  type TopicEvent,
  type TopicPublication,
} from './interceptors.js';
import { ContractErrorUri } from './validation-error.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** Why an event did not reach user code normally: its payload failed validation, or the handler threw. */
export type EventErrorKind = 'invalid' | 'handler';

/** Receives events that failed validation (never passed to the handler) and handler failures. */
export type EventErrorHook = (error: unknown, context: EventContext, kind: EventErrorKind) => void;

/** Options of a generated topics client. */
export interface TopicsClientOptions extends ValidationOptions {
  /** Publish and subscribe under this prefix instead of the contract's. */
  readonly prefix?: string;
  /** Receives invalid events (they never reach the handler) and handler errors; both are always counted. */
  readonly onEventError?: EventErrorHook;
  /** Wrap every publication (the first is the outermost); see docs/generated-api.md, "Interceptors". */
  readonly publishInterceptors?: readonly PublishInterceptor[];
  /** Wrap every delivery of a valid event to a handler (the first is the outermost). */
  readonly eventInterceptors?: readonly EventInterceptor[];
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
export abstract class ContractTopicsClient<Publish, Subscribe> {
  readonly publish: Publish;
  readonly subscribe: Subscribe;
  readonly session: SessionApi;
  /** Dropped and failed events, by cause. */
  readonly stats: TopicsClientStats = { invalidEvents: 0, handlerErrors: 0 };

  constructor(session: SessionApi, contract: TopicsContract, options: TopicsClientOptions = {}) {
    this.session = session;
    const publish: Record<string, unknown> = {};
    const subscribe: Record<string, unknown> = {};
    const validateArgs = options.validateArgs ?? true;
    const publishInterceptors = options.publishInterceptors ?? [];
    for (const topic of contract.topics) {
      const uri = remapUri(topic.uri, contract.prefix, options.prefix);
      // Messages name the URI actually published to or subscribed to, not the contract's default.
      const where = `payload of ${uri}`;
      const send = (
        payload: unknown,
        publishOptions: PublishOptions | undefined,
      ): Promise<Id | undefined> => {
        const wire = encodeValue(
          topic.payload,
          payload,
          validateArgs,
          topic.codec,
          ContractErrorUri.INVALID_ARGUMENT,
          where,
        );
        return topic.kwargs
          ? session.publish(uri, undefined, wire as Kwargs, publishOptions)
          : session.publish(uri, [wire], undefined, publishOptions);
      };
      if (publishInterceptors.length === 0) publish[topic.name] = send;
      else {
        const chain = chainInterceptors<TopicPublication, Id | undefined>(publishInterceptors, (p) => {
          try {
            return send(p.payload, p.options);
          } catch (error) {
            return Promise.reject(error);
          }
        });
        const base = { service: contract.name, topic: topic.name, uri };
        publish[topic.name] = (payload: unknown, publishOptions?: PublishOptions) => {
          try {
            return chain({ ...base, payload, options: publishOptions ?? {} });
          } catch (error) {
            return Promise.reject(error);
          }
        };
      }
      subscribe[topic.name] = (
        handler: (payload: unknown, context: EventContext) => unknown,
        so?: SubscribeOptions,
      ) => session.subscribe(uri, this.#eventHandler(contract, topic, uri, where, handler, options), so);
    }
    this.publish = publish as Publish;
    this.subscribe = subscribe as Subscribe;
  }

  #eventHandler(
    contract: TopicsContract,
    topic: TopicContract,
    uri: string,
    where: string,
    handler: (payload: unknown, context: EventContext) => unknown,
    options: TopicsClientOptions,
  ): EventHandler {
    const validate = options.validateResults ?? true;
    const interceptors = options.eventInterceptors ?? [];
    const deliver: EventNext | undefined =
      interceptors.length === 0
        ? undefined
        : chainInterceptors(interceptors, async (event: TopicEvent) => {
            await handler(event.payload, event.context);
          });
    const base = { service: contract.name, topic: topic.name, uri };
    return async (args: Args, kwargs: Kwargs, context: EventContext): Promise<void> => {
      let payload: unknown;
      try {
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
        if (deliver === undefined) await handler(payload, context);
        else await deliver({ ...base, payload, context });
      } catch (error) {
        // A failing handler (or interceptor) must not take the session down; it is counted and reported.
        this.stats.handlerErrors++;
        options.onEventError?.(error, context, 'handler');
      }
    };
  }
}
