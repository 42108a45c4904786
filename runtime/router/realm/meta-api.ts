/** Installs the router-served meta procedures (D.20) into a realm's dealer. */
import type { InternalProcedure } from '../routing/internal-procedure.js';
import type { MetaProcedure } from './meta-procedure.js';
import type { Realm } from './realm.js';
import { reflectionMetaProcedures } from './reflection-meta.js';
import { registrationMetaProcedures } from './registration-meta.js';
import { sessionMetaProcedures } from './session-meta.js';
import { subscriptionMetaProcedures } from './subscription-meta.js';
import { testamentMetaProcedures } from './testament-meta.js';

/** Every meta procedure URI the router serves, for docs and tests. */
export const META_PROCEDURES: readonly string[] = [
  ...Object.keys(sessionMetaProcedures),
  ...Object.keys(testamentMetaProcedures),
  ...Object.keys(registrationMetaProcedures),
  ...Object.keys(subscriptionMetaProcedures),
  ...Object.keys(reflectionMetaProcedures),
];

/** `fn` as an internal procedure of `realm`. */
function bind(realm: Realm, fn: MetaProcedure): InternalProcedure {
  return (call) => fn({ realm, caller: call.caller, args: call.args, kwargs: call.kwargs });
}

/** Adds the session, testament, registration, subscription and reflection meta procedures to `realm`; returns it. */
export function installMetaApi(realm: Realm): Realm {
  const procedures = realm.dealer.procedures;
  for (const table of [
    sessionMetaProcedures,
    testamentMetaProcedures,
    registrationMetaProcedures,
    subscriptionMetaProcedures,
    reflectionMetaProcedures,
  ]) {
    for (const [uri, fn] of Object.entries(table)) procedures.set(uri, bind(realm, fn));
  }
  return realm;
}
