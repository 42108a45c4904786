/**
 * WAMP reflection (`wamp.reflection.{procedure,topic}.{list,describe}`, a sketch-level feature),
 * backed by the contracts callees serve at `<prefix>._contract` (served-contracts.ts). A procedure
 * is listed while its service's contract procedure is registered and declares it.
 */
import { ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import type { InternalResult } from '../routing/internal-procedure.js';
import type { MetaCall, MetaProcedure } from './meta-procedure.js';
import { stringArg } from './meta-procedure.js';
import { type ServedContract, type ServedEntry, servedContracts } from './served-contracts.js';

type Kind = 'procedures' | 'topics';

/** Every URI of `kind` the served contracts declare, sorted and without duplicates. */
async function list(c: MetaCall, kind: Kind): Promise<InternalResult> {
  const uris = new Set<string>();
  for (const contract of await servedContracts(c.realm)) for (const e of contract[kind]) uris.add(e.uri);
  return { args: [[...uris].sort()] };
}

/** The description of one URI: its contract entry, the service, fingerprint and contract procedure. */
async function describe(c: MetaCall, kind: Kind, missing: string): Promise<InternalResult> {
  const uri = stringArg(c.args, 0, kind === 'procedures' ? 'procedure' : 'topic');
  let found: [ServedContract, ServedEntry] | undefined;
  for (const contract of await servedContracts(c.realm)) {
    const e = contract[kind].find((x) => x.uri === uri);
    if (e !== undefined) {
      found = [contract, e];
      break;
    }
  }
  if (found === undefined) throw new WampError(missing, [`no served contract declares ${uri}`]);
  const [contract, e] = found;
  return {
    args: [
      {
        uri,
        name: e.name,
        service: contract.service,
        prefix: contract.prefix,
        fingerprint: contract.fingerprint,
        contract: contract.contractUri,
        model: e.model,
      },
    ],
  };
}

/** The reflection procedures, announced as `roles.dealer.reflection` and `roles.broker.reflection`. */
export const reflectionMetaProcedures: Readonly<Record<string, MetaProcedure>> = {
  'wamp.reflection.procedure.list': (c) => list(c, 'procedures'),
  'wamp.reflection.procedure.describe': (c) => describe(c, 'procedures', ErrorUri.NO_SUCH_PROCEDURE),
  'wamp.reflection.topic.list': (c) => list(c, 'topics'),
  'wamp.reflection.topic.describe': (c) => describe(c, 'topics', 'wamp.error.no_such_topic'),
};
