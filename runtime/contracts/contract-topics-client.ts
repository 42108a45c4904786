import type { Args, Id, Kwargs } from '../protocol/messages.js';
import type {
  EventContext,
  EventHandler,
  PublishOptions,
  SessionApi,
  SubscribeOptions,
} from '../session/types.js';
import type { TopicContract, TopicsContract, UriTemplate, ValidationOptions } from './contract-types.js';
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
import type { CheckTopicsContractOptions } from './live/check-contract.js';
import { type CheckContractMode, type ContractCheck, checkGate } from './live/contract-check.js';
import { componentRecord, contractTemplate } from './uri-template.js';
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
  /** Wrap every publication (the first is the outermost); see docs/generated-api.md, "Interceptors". */
  readonly publishInterceptors?: readonly PublishInterceptor[];
  /** Wrap every delivery of a valid event to a handler (the first is the outermost). */
  readonly eventInterceptors?: readonly EventInterceptor[];
  /**
   * Check the live contract before the first subscription (as `subscriber`) and before the first
   * publication (as `publisher`), once each (docs/live-contracts.md): `'throw'` fails them with a
   * `ContractSkewError` while the contract is incompatible; a function receives each
   * {@link ContractCheck} and they go on. Off by default.
   */
  readonly checkContract?: CheckContractMode;
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

  readonly #contract: TopicsContract;
  readonly #prefix: string | undefined;

  constructor(session: SessionApi, contract: TopicsContract, options: TopicsClientOptions = {}) {
    this.session = session;
    this.#contract = contract;
    this.#prefix = options.prefix;
    const publish: Record<string, unknown> = {};
    const subscribe: Record<string, unknown> = {};
    const subscribeAll: Record<string, unknown> = {};
    const checked = options.checkContract;
    const asPublisher =
      checked === undefined ? undefined : checkGate(() => this.checkContract({ role: 'publisher' }), checked);
    for (const topic of contract.topics) {
      const uri = remapUri(topic.uri, contract.prefix, options.prefix);
      const send = this.#publisher(contract, topic, uri, options, asPublisher);
      if (topic.components !== undefined) {
        const template = contractTemplate(contract, topic, uri);
        this.#templateTopic(contract, topic, template, send, options, publish, subscribe, subscribeAll);
        continue;
      }
      publish[topic.name] = (payload: unknown, publishOptions?: PublishOptions) =>
        send(uri, payload, publishOptions);
      subscribe[topic.name] = (
        handler: (payload: unknown, context: EventContext) => unknown,
        so?: SubscribeOptions,
      ) => session.subscribe(uri, this.#eventHandler(contract, topic, uri, handler, options), so);
    }
    if (checked !== undefined) {
      // Publications wait for the publisher check in #publisher, after their payload is checked.
      const asSubscriber = checkGate(() => this.checkContract({ role: 'subscriber' }), checked);
      gate(subscribe, asSubscriber);
      gate(subscribeAll, asSubscriber);
    }
    this.publish = publish as Publish;
    this.subscribe = subscribe as Subscribe;
    this.subscribeAll = subscribeAll as SubscribeAll;
  }

  /**
   * Fetches the live contract that carries these topics (`<prefix>._contract`, served by the
   * service with the same prefix in the same schema file) and compares this client's topics with
   * it by the wire rules of `wamp-contracts diff`, as their `subscriber` (default) or `publisher`.
   *
   * @example
   * const check = await new ChatEventsClient(session).checkContract();
   * if (check.status === 'incompatible') for (const f of check.findings) console.warn(f.rule, f.message);
   */
  async checkContract(options: CheckTopicsContractOptions = {}): Promise<ContractCheck> {
    // Loaded on demand: the compatibility rules stay out of clients that never check.
    const { checkTopicsContract } = await import('./live/check-contract.js');
    return checkTopicsContract(this.session, this.#contract, this.#prefix ?? this.#contract.prefix, options);
  }

  /** Validates, encodes and publishes a payload to a concrete URI, through the publish interceptors if any. */
  #publisher(
    contract: TopicsContract,
    topic: TopicContract,
    uri: string,
    options: TopicsClientOptions,
    checked: (() => Promise<void>) | undefined,
  ): (uri: string, payload: unknown, publishOptions: PublishOptions | undefined) => Promise<Id | undefined> {
    const validateArgs = options.validateArgs ?? true;
    // Messages name the URI actually published to, not the contract's default (a template's text for a family).
    const where = `payload of ${uri}`;
    const send = (
      target: string,
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
      const publish = () =>
        topic.kwargs
          ? this.session.publish(target, undefined, wire as Kwargs, publishOptions)
          : this.session.publish(target, [wire], undefined, publishOptions);
      // The payload is checked and encoded now (an invalid one throws at once, and a later change
      // to the object is not what is sent); with `checkContract` it goes out once the check allows.
      return checked === undefined ? publish() : checked().then(publish);
    };
    const interceptors = options.publishInterceptors ?? [];
    const chain =
      interceptors.length === 0
        ? undefined
        : chainInterceptors<TopicPublication, Id | undefined>(interceptors, (p) =>
            send(p.uri, p.payload, p.options),
          );
    // Without interceptors an invalid payload throws at once, as before; through a chain it rejects.
    if (chain === undefined) return send;
    return (target, payload, publishOptions) => {
      try {
        return chain({
          service: contract.name,
          topic: topic.name,
          uri: target,
          payload,
          options: publishOptions ?? {},
        });
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  // A topic family: `publish(...components, payload)`, `subscribe(...components, handler)` (exact) and
  // `subscribeAll(handler)` (wildcard); handlers get the components parsed from the event's topic.
  #templateTopic(
    contract: TopicsContract,
    topic: TopicContract,
    template: UriTemplate,
    send: (
      uri: string,
      payload: unknown,
      publishOptions: PublishOptions | undefined,
    ) => Promise<Id | undefined>,
    options: TopicsClientOptions,
    publish: Record<string, unknown>,
    subscribe: Record<string, unknown>,
    subscribeAll: Record<string, unknown>,
  ): void {
    const count = template.components.length;
    // A bad component throws at once, like a bad payload: nothing is sent.
    publish[topic.name] = (...input: unknown[]) =>
      send(template.format(input), input[count], input[count + 1] as PublishOptions | undefined);
    type Handler = TemplateEventHandler;
    const wrap = (uri: string, handler: Handler) =>
      this.#eventHandler(contract, topic, uri, handler, options, template);
    subscribe[topic.name] = async (...input: unknown[]) => {
      const uri = template.format(input);
      return this.session.subscribe(
        uri,
        wrap(uri, input[count] as Handler),
        input[count + 1] as SubscribeOptions,
      );
    };
    subscribeAll[topic.name] = (handler: Handler, so?: SubscribeOptions) =>
      this.session.subscribe(template.wildcard, wrap(template.wildcard, handler), {
        ...so,
        match: 'wildcard',
      });
  }

  #eventHandler(
    contract: TopicsContract,
    topic: TopicContract,
    uri: string,
    handler: ((payload: unknown, context: EventContext) => unknown) | TemplateEventHandler,
    options: TopicsClientOptions,
    template?: UriTemplate,
  ): EventHandler {
    const validate = options.validateResults ?? true;
    // Messages name the URI actually subscribed to, not the contract's default.
    const where = `payload of ${uri}`;
    // A template topic's handler also gets the components, between the payload and the context.
    const call = (payload: unknown, components: unknown, context: EventContext): unknown =>
      template === undefined
        ? (handler as (p: unknown, x: EventContext) => unknown)(payload, context)
        : (handler as TemplateEventHandler)(payload, components, context);
    const interceptors = options.eventInterceptors ?? [];
    const deliver: EventNext | undefined =
      interceptors.length === 0
        ? undefined
        : chainInterceptors(interceptors, async (event: TopicEvent) => {
            await call(event.payload, event.components, event.context);
          });
    const base = { service: contract.name, topic: topic.name, uri };
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
        if (deliver === undefined) await call(payload, components, context);
        else await deliver({ ...base, payload, components, context });
      } catch (error) {
        // A failing handler (or interceptor) must not take the session down; it is counted and reported.
        this.stats.handlerErrors++;
        options.onEventError?.(error, context, 'handler');
      }
    };
  }
}

/** Makes every method of `methods` wait for `check` first (a check that throws fails the operation). */
function gate(methods: Record<string, unknown>, check: () => Promise<void>): void {
  for (const [name, method] of Object.entries(methods)) {
    const run = method as (...input: unknown[]) => unknown;
    methods[name] = (...input: unknown[]) => check().then(() => run(...input));
  }
}
