/**
 * Builders that apply the payload rules of checklist A.1 to outbound messages.
 *
 * An empty trailing ArgumentsKw is omitted; an empty Arguments is omitted when there are no
 * kwargs; when kwargs are present, Arguments is always a list (`[]`, never null). The payload
 * objects are attached by reference, never copied.
 */
import type {
  Args,
  CallMessage,
  CallMessageOptions,
  Dict,
  ErrorMessage,
  EventDetails,
  EventMessage,
  InvocationDetails,
  InvocationMessage,
  Kwargs,
  PublishMessage,
  PublishMessageOptions,
  ResultDetails,
  ResultMessage,
  YieldMessage,
  YieldMessageOptions,
} from './messages.js';

/** True when `o` has at least one own enumerable key (stops at the first, unlike `Object.keys`). */
export function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/**
 * Appends `args`/`kwargs` to `head` by the payload rules and returns `head` itself (mutated).
 *
 * @example
 * withPayload<CallMessage>([48, id, {}, 'com.example.add'], [1, 2], undefined); // [48, id, {}, uri, [1, 2]]
 */
export function withPayload<M extends unknown[]>(
  head: M,
  args: Args | undefined,
  kwargs: Kwargs | undefined,
): M {
  if (kwargs !== undefined && hasKeys(kwargs)) {
    head.push(args ?? [], kwargs);
  } else if (args !== undefined && args.length > 0) {
    head.push(args);
  }
  return head;
}

/** `[8, RequestType, Request, Details, Error, args?, kwargs?]`. */
export function errorMessage(
  requestType: number,
  request: number,
  details: Dict,
  error: string,
  args?: Args,
  kwargs?: Kwargs,
): ErrorMessage {
  return withPayload<ErrorMessage>([8, requestType, request, details, error], args, kwargs);
}

/** `[16, Request, Options, Topic, args?, kwargs?]`. */
export function publishMessage(
  request: number,
  options: PublishMessageOptions,
  topic: string,
  args?: Args,
  kwargs?: Kwargs,
): PublishMessage {
  return withPayload<PublishMessage>([16, request, options, topic], args, kwargs);
}

/** `[36, Subscription, Publication, Details, args?, kwargs?]`. */
export function eventMessage(
  subscription: number,
  publication: number,
  details: EventDetails,
  args?: Args,
  kwargs?: Kwargs,
): EventMessage {
  return withPayload<EventMessage>([36, subscription, publication, details], args, kwargs);
}

/** `[48, Request, Options, Procedure, args?, kwargs?]`. */
export function callMessage(
  request: number,
  options: CallMessageOptions,
  procedure: string,
  args?: Args,
  kwargs?: Kwargs,
): CallMessage {
  return withPayload<CallMessage>([48, request, options, procedure], args, kwargs);
}

/** `[50, Request, Details, args?, kwargs?]`. */
export function resultMessage(
  request: number,
  details: ResultDetails,
  args?: Args,
  kwargs?: Kwargs,
): ResultMessage {
  return withPayload<ResultMessage>([50, request, details], args, kwargs);
}

/** `[68, Request, Registration, Details, args?, kwargs?]`. */
export function invocationMessage(
  request: number,
  registration: number,
  details: InvocationDetails,
  args?: Args,
  kwargs?: Kwargs,
): InvocationMessage {
  return withPayload<InvocationMessage>([68, request, registration, details], args, kwargs);
}

/** `[70, Request, Options, args?, kwargs?]`. */
export function yieldMessage(
  request: number,
  options: YieldMessageOptions,
  args?: Args,
  kwargs?: Kwargs,
): YieldMessage {
  return withPayload<YieldMessage>([70, request, options], args, kwargs);
}
