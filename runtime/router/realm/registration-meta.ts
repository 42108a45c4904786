/** The registration meta API (D.20): `wamp.registration.*` procedures served by the router. */
import { isDict } from '../../protocol/check-options.js';
import type { MatchPolicy } from '../../protocol/messages.js';
import { ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import type { InternalResult } from '../routing/internal-procedure.js';
import type { PeerRegistration } from '../core/peer.js';
import type { MetaCall, MetaProcedure } from './meta-procedure.js';
import { idArg, invalidArgument, stringArg } from './meta-procedure.js';

/** Reads the `match` of a lookup's optional options dict. */
export function matchOption(value: unknown): MatchPolicy {
  if (value === undefined || value === null) return 'exact';
  if (!isDict(value)) invalidArgument('options must be a dictionary');
  const m = value.match ?? 'exact';
  if (m !== 'exact' && m !== 'prefix' && m !== 'wildcard') {
    invalidArgument('options.match must be "exact", "prefix" or "wildcard"');
  }
  return m;
}

/** The registration named by `args[0]`, or `wamp.error.no_such_registration`. */
function registration(c: MetaCall): PeerRegistration {
  const id = idArg(c.args, 0, 'registration');
  const reg = c.realm.dealer.byId.get(id);
  if (reg === undefined) {
    throw new WampError(ErrorUri.NO_SUCH_REGISTRATION, [`no registration ${id}`]);
  }
  return reg;
}

/** The `wamp.registration.*` procedures, announced as dealer feature `registration_meta_api`. */
export const registrationMetaProcedures: Readonly<Record<string, MetaProcedure>> = {
  'wamp.registration.list': (c): InternalResult => ({
    args: [c.realm.dealer.registrations.listIds((r) => r.id)],
  }),
  'wamp.registration.lookup': (c): InternalResult => {
    const uri = stringArg(c.args, 0, 'procedure');
    const reg = c.realm.dealer.registrations.get(uri, matchOption(c.args[1]));
    return { args: [reg === undefined ? null : reg.id] };
  },
  'wamp.registration.match': (c): InternalResult => {
    const reg = c.realm.dealer.registrations.best(stringArg(c.args, 0, 'procedure'));
    return { args: [reg === undefined ? null : reg.id] };
  },
  'wamp.registration.get': (c): InternalResult => ({ args: [registration(c).details()] }),
  'wamp.registration.list_callees': (c): InternalResult => ({
    args: [registration(c).callees.map((e) => e.callee.id)],
  }),
  'wamp.registration.count_callees': (c): InternalResult => ({
    args: [registration(c).callees.length],
  }),
};
