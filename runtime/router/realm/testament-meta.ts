/** `wamp.session.add_testament` and `wamp.session.flush_testaments` (D.20). */
import { checkPublishOptions, isDict } from '../../protocol/check-options.js';
import type { Dict, PublishMessageOptions } from '../../protocol/messages.js';
import { isLooseUri } from '../../protocol/uri.js';
import { ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import { createTestamentStore, parseScope, type TestamentScope } from '../core/testament.js';
import type { MetaCall, MetaProcedure } from './meta-procedure.js';
import { invalidArgument } from './meta-procedure.js';
import type { RealmMember } from './realm.js';

/** The calling session, which must be a joined session of this realm (not the router). */
function callerSession(c: MetaCall): RealmMember {
  const s = c.realm.sessions.get(c.caller.id);
  if (s === undefined) invalidArgument('only a session can hold testaments');
  return s;
}

/** The `scope` kwarg, or `wamp.error.invalid_argument`. */
function scopeOf(kwargs: Dict): TestamentScope {
  const scope = parseScope(kwargs.scope);
  if (scope === undefined) invalidArgument('scope must be "detached" or "destroyed"');
  return scope;
}

/** The testament procedures, announced as dealer feature `testament_meta_api`. */
export const testamentMetaProcedures: Readonly<Record<string, MetaProcedure>> = {
  'wamp.session.add_testament': (c): undefined => {
    const [topic, args = [], kwargs = {}] = c.args;
    if (typeof topic !== 'string' || !isLooseUri(topic)) {
      throw new WampError(ErrorUri.INVALID_URI, ['the testament topic must be a valid URI']);
    }
    if (!Array.isArray(args)) invalidArgument('testament args must be a list');
    if (!isDict(kwargs)) invalidArgument('testament kwargs must be a dictionary');
    const options = c.kwargs.publish_options ?? {};
    if (!isDict(options)) invalidArgument('publish_options must be a dictionary');
    // Checked now, with the decoder's rules, so a bad testament fails here and not at leave time.
    const bad = checkPublishOptions(options);
    if (bad !== undefined) invalidArgument(bad);
    const scope = scopeOf(c.kwargs);
    const session = callerSession(c);
    const store = (session.testaments ??= createTestamentStore());
    const max = c.realm.quotas.maxTestamentsPerSession;
    if (store.detached.length + store.destroyed.length >= max) {
      throw new WampError(ErrorUri.QUOTA_EXCEEDED, [`a session may hold at most ${max} testaments`]);
    }
    store[scope].push({ topic, args, kwargs, options: options as PublishMessageOptions });
    return undefined;
  },
  'wamp.session.flush_testaments': (c): undefined => {
    const scope = scopeOf(c.kwargs);
    const store = callerSession(c).testaments;
    if (store !== undefined) store[scope].length = 0;
    return undefined;
  },
};
