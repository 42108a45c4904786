/**
 * `wamp-contracts call <url> <procedure> [args as JSON]`: calls a procedure by hand, checked against
 * the live contract (or `--schemas`), printing progressive results and the result as JSON lines and
 * an ERROR with its URI and payload. Exit codes: docs/cli.md.
 */
import type { ProcedureModel } from 'wamp-contracts/contract-model';
import { callMismatches, refResolver } from '../live/check-payload.js';
import {
  checkedEntry,
  COMMON_USAGE,
  connectLive,
  LiveExitCode,
  type LiveIo,
  parseJson,
  parseLive,
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
They are checked first against the contract the callee serves at <prefix>._contract (or --schemas).

Options:
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runCall(argv, processIo());
}

/** `call` with explicit I/O. */
export function runCall(argv: string[], io: LiveIo): Promise<number> {
  return runLive('call', io, async () => {
    const { values, positionals } = parseLive(argv);
    if (values.help === true) {
      io.out(HELP);
      return LiveExitCode.OK;
    }
    if (positionals.length < 2 || positionals.length > 3)
      throw usage(`expected <url> <procedure> [args as JSON]\n\n${HELP}`);
    const [url, procedure, json] = positionals as [string, string, string | undefined];
    const value = json === undefined ? [] : parseJson(json, 'the arguments');
    const timeout = timeoutOf(values);
    const session = await connectLive(url, values, io.env);
    try {
      const contract = await checkedEntry<ProcedureModel>(
        session,
        procedure,
        'procedure',
        values,
        io,
        'call',
        'the arguments are',
        (entry, model) => callMismatches(entry, value, refResolver(model)),
      );
      const payload = toPayload(value, contract?.kwargs ?? (Array.isArray(value) ? false : undefined));
      const result = await session.call(procedure, payload.args, payload.kwargs, {
        timeout,
        onProgress: (chunk) => io.out(payloadLine(chunk.args, chunk.kwargs)),
      });
      io.out(payloadLine(result.args, result.kwargs));
      return LiveExitCode.OK;
    } finally {
      await session.leave().catch(() => undefined);
    }
  });
}
