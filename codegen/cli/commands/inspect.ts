/**
 * `wamp-contracts inspect <url>`: lists the services on a router with their procedures, topics and
 * fingerprints, from the contracts callees serve at `<prefix>._contract`. The contract procedures
 * are found with the registration meta API (any router that has it) or, failing that, with the
 * router's reflection; registered procedures without a contract are listed apart.
 */
import type { ContractModel } from 'wamp-contracts/contract-model';
import { contractProcedureUri, fetchLiveContract, type LiveContract } from 'wamp-contracts/live';
import type { Session } from 'wamp-contracts';
import { errorText } from 'wamp-contracts/protocol';
import {
  COMMON_USAGE,
  connectLive,
  LiveCommandError,
  LiveExitCode,
  type LiveIo,
  processIo,
  runLive,
  str,
  timeoutOf,
  usage,
} from '../live/live-command.js';

const HELP = `Usage: wamp-contracts inspect <url> [options]

Lists the services on the router (their prefix, fingerprint, procedures and topics) from the
contracts their callees serve at <prefix>._contract, then the procedures registered without one.
The contract procedures are found with the registration meta API or router reflection; on a router
with neither (fox-wamp), name the prefixes to read with --prefix.

Options:
  --format text|json     output format (default text)
  --prefix P             read the contract served at P._contract (repeatable); no discovery
${COMMON_USAGE}`;

/** One service as `inspect --format json` prints it. */
export interface InspectedService {
  readonly service: string;
  readonly prefix: string;
  readonly fingerprint: string;
  readonly procedures: readonly string[];
  readonly topics: readonly string[];
}

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runInspect(argv, processIo());
}

/** `inspect` with explicit I/O. */
export function runInspect(argv: string[], io: LiveIo): Promise<number> {
  return runLive(
    {
      name: 'inspect',
      help: HELP,
      options: {
        format: { type: 'string' },
        prefix: { type: 'string', multiple: true },
      },
    },
    argv,
    io,
    async (values, positionals) => {
      if (positionals.length !== 1) throw usage(`expected <url>\n\n${HELP}`);
      const format = str(values, 'format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw usage(`--format must be text or json, not ${format}`);
      const timeout = timeoutOf(values);
      const session = await connectLive(positionals[0]!, values, io.env);
      try {
        const named = Array.isArray(values.prefix) ? values.prefix : undefined;
        // Named prefixes are read as given; otherwise the router lists what is registered.
        const registered = named === undefined ? await registeredProcedures(session) : [];
        const contractUris =
          named === undefined
            ? registered.filter((u) => u.endsWith('._contract'))
            : named.map((p) => contractProcedureUri(p));
        const services: InspectedService[] = [];
        let failed = false;
        for (const uri of contractUris) {
          const prefix = uri.slice(0, -'._contract'.length);
          const live = await fetchLiveContract(session, prefix, { timeout }).catch((error: unknown) => {
            io.err(`wamp-contracts inspect: ${uri}: ${errorText(error)}`);
            failed = true;
            return undefined;
          });
          if (live !== undefined) services.push(summary(live));
        }
        const declared = new Set([...services.flatMap((s) => s.procedures), ...contractUris]);
        const others = registered.filter((u) => !declared.has(u));
        if (format === 'json') io.out(JSON.stringify({ services, procedures: others }, null, 2));
        else print(io, services, others);
        // A prefix named on the command line that serves nothing is a failure; a discovered one is a note.
        return failed && named !== undefined ? LiveExitCode.REMOTE_ERROR : LiveExitCode.OK;
      } finally {
        await session.leave().catch(() => undefined);
      }
    },
  );
}

function summary(live: LiveContract): InspectedService {
  const model = live.model as ContractModel;
  return {
    service: live.service,
    prefix: live.prefix,
    fingerprint: live.fingerprint,
    procedures: model.files.flatMap((f) => f.services.flatMap((s) => s.procedures.map((p) => p.uri))).sort(),
    topics: model.files.flatMap((f) => f.topics.flatMap((t) => t.topics.map((x) => x.uri))).sort(),
  };
}

function print(io: LiveIo, services: readonly InspectedService[], others: readonly string[]): void {
  for (const s of services) {
    io.out(`${s.service}  ${s.prefix}  ${s.fingerprint}`);
    for (const p of s.procedures) io.out(`  procedure  ${p}`);
    for (const t of s.topics) io.out(`  topic      ${t}`);
  }
  if (services.length === 0) io.out('(no service serves its contract)');
  if (others.length > 0) {
    io.out('registered without a contract:');
    for (const p of others) io.out(`  procedure  ${p}`);
  }
}

/**
 * The exact URIs registered on the router, sorted: by the registration meta API, or when the router
 * refuses it, by reflection (which lists only procedures that served contracts declare).
 */
async function registeredProcedures(session: Session): Promise<string[]> {
  let metaError: unknown;
  try {
    const list = (await session.call('wamp.registration.list')).args[0] as { exact?: unknown };
    const ids = Array.isArray(list?.exact) ? list.exact : [];
    const uris = await Promise.all(
      ids.map(async (id) => {
        const details = (await session.call('wamp.registration.get', [id])).args[0] as { uri?: unknown };
        return typeof details?.uri === 'string' ? details.uri : undefined;
      }),
    );
    return uris.filter((u): u is string => u !== undefined).sort();
  } catch (error) {
    metaError = error;
  }
  // No registration meta API: reflection names the contract procedures through `describe`.
  let listed: unknown;
  try {
    listed = (await session.call('wamp.reflection.procedure.list')).args[0];
  } catch (error) {
    throw new LiveCommandError(
      'live.no_discovery',
      LiveExitCode.REMOTE_ERROR,
      `the router lists no registrations: wamp.registration.list failed (${errorText(metaError)}) and wamp.reflection.procedure.list failed (${errorText(error)}); name the services to read with --prefix <prefix>`,
    );
  }
  const procedures = Array.isArray(listed) ? listed.filter((u): u is string => typeof u === 'string') : [];
  const contracts = new Set<string>();
  for (const uri of procedures) {
    const d = (await session.call('wamp.reflection.procedure.describe', [uri])).args[0] as {
      contract?: unknown;
    };
    if (typeof d?.contract === 'string') contracts.add(d.contract);
  }
  return [...procedures, ...contracts].sort();
}
