/**
 * `wamp-contracts call <url> <procedure> [args as JSON]`: calls a procedure by hand, checked against
 * the live contract (or `--schemas`), printing progressive results and the result as JSON lines and
 * an ERROR with its URI and payload. Exit codes: docs/cli.md.
 */
import type { ProcedureModel, TypeNode } from 'wamp-contracts/contract-model';
import { errorText } from 'wamp-contracts/protocol';
import { isWampError } from 'wamp-contracts/runtime/contracts';
import type { Session } from 'wamp-contracts';
import { callMismatches, receivedMismatches } from '../live/check-payload.js';
import { checkedEntry } from '../live/contract-lookup.js';
import {
  COMMON_USAGE,
  connectLive,
  LiveExitCode,
  type LiveIo,
  parseJson,
  payloadLine,
  processIo,
  runLive,
  timeoutOf,
  toPayload,
  usage,
} from '../live/live-command.js';

const HELP = `Usage: wamp-contracts call <url> <procedure> [args as JSON] [options]

Calls <procedure> and prints each progressive result, then the result, as one JSON line each.
Arguments: a JSON array (positional), a JSON object (kwargs), or one JSON value; none when absent.
Before anything is sent, the URI (an @uri template's components too) and the whole arguments are
checked as the generated callee checks them, against the contract served at <prefix>._contract
(or --schemas); a refused call exits 4 listing each problem with its path.

Options:
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runCall(argv, processIo());
}

/** `call` with explicit I/O. */
export function runCall(argv: string[], io: LiveIo): Promise<number> {
  return runLive({ name: 'call', help: HELP }, argv, io, async (values, positionals) => {
    if (positionals.length < 2 || positionals.length > 3)
      throw usage(`expected <url> <procedure> [args as JSON]\n\n${HELP}`);
    const [url, procedure, json] = positionals as [string, string, string | undefined];
    const value = json === undefined ? [] : parseJson(json, 'the arguments');
    const timeout = timeoutOf(values);
    const session = await connectLive(url, values, io.env);
    try {
      const found = await checkedEntry<ProcedureModel>(session, procedure, values, io, {
        command: 'call',
        kind: 'procedure',
        what: 'arguments',
        mismatches: ({ entry, schemas }) => callMismatches(entry, value, schemas),
      });
      const kwargs = found?.entry.kwargs ?? (Array.isArray(value) ? false : undefined);
      const payload = toPayload(value, kwargs);
      // What comes back is checked as a generated caller checks it, and shown either way.
      const note = (what: string, type: TypeNode | undefined, args: readonly unknown[]): void => {
        if (found === undefined || type === undefined) return;
        let problems: string[];
        try {
          problems = receivedMismatches(type, args, found.schemas);
        } catch (error) {
          problems = [`the contract cannot check it: ${errorText(error)}`];
        }
        if (problems.length > 0)
          io.err(
            `wamp-contracts call: ${what} does not fit the contract:\n${problems.map((p) => `  ${p}`).join('\n')}`,
          );
      };
      const result = await session
        .call(procedure, payload.args, payload.kwargs, {
          timeout,
          onProgress: (chunk) => {
            io.out(payloadLine(chunk.args, chunk.kwargs));
            note('a progressive result', found?.entry.progress, chunk.args);
          },
        })
        .catch((error: unknown) => {
          const why = unroutedTemplate(session, found?.entry, error);
          if (why !== undefined) io.err(`wamp-contracts call: ${why}`);
          throw error;
        });
      io.out(payloadLine(result.args, result.kwargs));
      note('the result', found?.entry.result, result.args);
      return LiveExitCode.OK;
    } finally {
      await session.leave().catch(() => undefined);
    }
  });
}

/**
 * Why a call to a procedure of a `@uri` template family found no callee when the router cannot
 * route it: its callee registers one wildcard, and a dealer that does not announce
 * `pattern_based_registration` (fox-wamp) registers the pattern's text as an exact URI instead.
 */
function unroutedTemplate(
  session: Session,
  entry: ProcedureModel | undefined,
  error: unknown,
): string | undefined {
  if (entry?.uriTemplate === undefined || !isWampError(error) || error.uri !== 'wamp.error.no_such_procedure')
    return undefined;
  const dealer = (session.joinInfo?.details.roles as { dealer?: { features?: Record<string, unknown> } })
    ?.dealer;
  if (dealer?.features?.pattern_based_registration === true) return undefined;
  return `the router does not announce pattern_based_registration: ${entry.uri} is registered as a wildcard, which this router cannot route`;
}
