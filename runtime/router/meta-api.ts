/** Installs the router-served meta procedures (D.20) into a realm's dealer. */
import type { Realm } from './realm.js';
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
];

/** Adds the session, testament, registration and subscription meta procedures to `realm`. */
export function installMetaApi(realm: Realm): void {
  const procedures = realm.dealer.procedures;
  for (const table of [
    sessionMetaProcedures,
    testamentMetaProcedures,
    registrationMetaProcedures,
    subscriptionMetaProcedures,
  ]) {
    for (const [uri, fn] of Object.entries(table)) procedures.set(uri, fn);
  }
}
