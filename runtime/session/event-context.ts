/** The context handed to subscriber handlers with each EVENT. */
import type { Dict, Id } from '../protocol/messages.js';
import type { EventContext } from './types.js';

/** Builds the {@link EventContext} of one EVENT; the concrete topic comes from Details when present. */
export function eventContext(topic: string, publication: Id, details: Dict): EventContext {
  const context: {
    topic: string;
    publication: Id;
    retained: boolean;
    details: Dict;
    publisher?: Id;
    publisherAuthid?: string;
    publisherAuthrole?: string;
  } = {
    topic: typeof details.topic === 'string' ? details.topic : topic,
    publication,
    retained: details.retained === true,
    details,
  };
  // Optional keys are only set when present (exactOptionalPropertyTypes).
  if (details.publisher !== undefined) context.publisher = details.publisher as Id;
  if (details.publisher_authid !== undefined) context.publisherAuthid = details.publisher_authid as string;
  if (details.publisher_authrole !== undefined)
    context.publisherAuthrole = details.publisher_authrole as string;
  return context;
}
