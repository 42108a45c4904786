/** The subscription meta API (D.20): `wamp.subscription.*` procedures served by the router. */
import { ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import type { InternalResult } from '../routing/internal-procedure.js';
import type { PeerSubscription } from '../core/peer.js';
import type { MetaCall, MetaProcedure } from './meta-procedure.js';
import { idArg, stringArg } from './meta-procedure.js';
import { matchOption } from './registration-meta.js';

/** The subscription named by `args[0]`, or `wamp.error.no_such_subscription`. */
function subscription(c: MetaCall): PeerSubscription {
  const id = idArg(c.args, 0, 'subscription');
  const sub = c.realm.broker.byId.get(id);
  if (sub === undefined) {
    throw new WampError(ErrorUri.NO_SUCH_SUBSCRIPTION, [`no subscription ${id}`]);
  }
  return sub;
}

/** The `wamp.subscription.*` procedures, announced as broker feature `subscription_meta_api`. */
export const subscriptionMetaProcedures: Readonly<Record<string, MetaProcedure>> = {
  'wamp.subscription.list': (c): InternalResult => ({
    args: [c.realm.broker.subscriptions.listIds((s) => s.id)],
  }),
  'wamp.subscription.lookup': (c): InternalResult => {
    const uri = stringArg(c.args, 0, 'topic');
    const sub = c.realm.broker.subscriptions.get(uri, matchOption(c.args[1]));
    return { args: [sub === undefined ? null : sub.id] };
  },
  'wamp.subscription.match': (c): InternalResult => {
    // Unlike registrations, every matching subscription receives the event: return them all.
    const found: PeerSubscription[] = [];
    c.realm.broker.subscriptions.collect(stringArg(c.args, 0, 'topic'), found);
    return { args: [found.length === 0 ? null : found.map((s) => s.id)] };
  },
  'wamp.subscription.get': (c): InternalResult => ({ args: [subscription(c).details()] }),
  'wamp.subscription.list_subscribers': (c): InternalResult => ({
    args: [Array.from(subscription(c).subscribers, (s) => s.id)],
  }),
  'wamp.subscription.count_subscribers': (c): InternalResult => ({
    args: [subscription(c).subscribers.size],
  }),
};
