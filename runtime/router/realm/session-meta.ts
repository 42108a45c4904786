/** The session meta API (D.20): `wamp.session.*` procedures served by the router. */
import type { Dict } from '../../protocol/messages.js';
import { isLooseUri } from '../../protocol/uri.js';
import { CloseUri, ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import type { InternalResult } from '../routing/internal-procedure.js';
import type { MetaCall, MetaProcedure } from './meta-procedure.js';
import { idArg, optionalStringList, stringArg } from './meta-procedure.js';
import type { Realm, RealmMember } from './realm.js';

function noSuchSession(id: unknown): never {
  throw new WampError(ErrorUri.NO_SUCH_SESSION, [`no session ${String(id)} in this realm`]);
}

/** Reads the `reason`/`message` kwargs of the kill procedures (B.5 defaults). */
function killOptions(kwargs: Dict): { reason: string; message: string | undefined } {
  const reason = kwargs.reason ?? CloseUri.KILLED;
  if (typeof reason !== 'string' || !isLooseUri(reason)) {
    throw new WampError(ErrorUri.INVALID_URI, ['reason must be a valid URI']);
  }
  const message = kwargs.message;
  return { reason, message: typeof message === 'string' ? message : undefined };
}

/** The realm's sessions, optionally only those with one of `roles` (the `filter_authroles` arg). */
function filtered(realm: Realm, roles: string[] | undefined): RealmMember[] {
  const all = Array.from(realm.sessions.values());
  return roles === undefined ? all : all.filter((s) => roles.includes(s.authrole));
}

/** Kills every session of `realm` picked by `pick`, except the caller; returns their ids. */
function killWhere(c: MetaCall, pick: (s: RealmMember) => boolean, announce: boolean): number[] {
  const { reason, message } = killOptions(c.kwargs);
  const killed: number[] = [];
  // A copy: every kill removes a session from the map being walked.
  for (const s of Array.from(c.realm.sessions.values())) {
    if (s.id === c.caller.id || !pick(s)) continue;
    if (s.goodbye(reason, message, announce)) killed.push(s.id);
  }
  return killed;
}

/** The `wamp.session.*` procedures other than the testament ones. */
export const sessionMetaProcedures: Readonly<Record<string, MetaProcedure>> = {
  'wamp.session.count': (c): InternalResult => ({
    args: [filtered(c.realm, optionalStringList(c.args, 0, 'filter_authroles')).length],
  }),
  'wamp.session.list': (c): InternalResult => ({
    args: [filtered(c.realm, optionalStringList(c.args, 0, 'filter_authroles')).map((s) => s.id)],
  }),
  'wamp.session.get': (c): InternalResult => {
    const id = idArg(c.args, 0, 'session');
    const s = c.realm.sessions.get(id);
    if (s === undefined) noSuchSession(id);
    return { args: [s.metaDetails()] };
  },
  'wamp.session.kill': (c): undefined => {
    const id = idArg(c.args, 0, 'session');
    const s = c.realm.sessions.get(id);
    // The caller cannot kill itself this way (D.20); it should leave with GOODBYE.
    if (s === undefined || id === c.caller.id) noSuchSession(id);
    const { reason, message } = killOptions(c.kwargs);
    s.goodbye(reason, message, true);
    return undefined;
  },
  'wamp.session.kill_by_authid': (c): InternalResult => {
    const authid = stringArg(c.args, 0, 'authid');
    return { args: [killWhere(c, (s) => s.authid === authid, true)] };
  },
  'wamp.session.kill_by_authrole': (c): InternalResult => {
    const authrole = stringArg(c.args, 0, 'authrole');
    return { args: [killWhere(c, (s) => s.authrole === authrole, true).length] };
  },
  'wamp.session.kill_all': (c): InternalResult => ({
    // D.20: kill_all sends no meta or testament events for the killed sessions.
    args: [killWhere(c, () => true, false).length],
  }),
};
