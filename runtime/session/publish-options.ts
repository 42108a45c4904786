/** PUBLISH.Options from the camelCase `PublishOptions`. */
import type { Dict } from '../protocol/messages.js';
import type { PublishOptions } from './types.js';

/** PUBLISH.Options from the camelCase publish options. */
export function toPublishOptions(options: PublishOptions | undefined): Dict {
  const o: Dict = {};
  if (options === undefined) return o;
  if (options.acknowledge === true) o.acknowledge = true;
  if (options.excludeMe === false) o.exclude_me = false;
  if (options.discloseMe === true) o.disclose_me = true;
  if (options.retain === true) o.retain = true;
  if (options.eligible !== undefined) o.eligible = options.eligible;
  if (options.exclude !== undefined) o.exclude = options.exclude;
  if (options.eligibleAuthid !== undefined) o.eligible_authid = options.eligibleAuthid;
  if (options.excludeAuthid !== undefined) o.exclude_authid = options.excludeAuthid;
  if (options.eligibleAuthrole !== undefined) o.eligible_authrole = options.eligibleAuthrole;
  if (options.excludeAuthrole !== undefined) o.exclude_authrole = options.excludeAuthrole;
  if (options.options !== undefined) Object.assign(o, options.options);
  return o;
}
