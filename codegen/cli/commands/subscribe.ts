/**
 * `wamp-contracts subscribe <url> <topic>`: prints each event as one JSON line until SIGINT/SIGTERM
 * or `--count N` events; events that do not fit the topic's contract are reported on stderr.
 */
import type { TopicModel } from 'wamp-contracts/contract-model';
import { publishMismatches } from '../live/check-payload.js';
import { contractOf, type FoundContract, unusable } from '../live/contract-lookup.js';
import { ModelSchemaError } from '../live/model-schema.js';
import {
  COMMON_USAGE,
  connectLive,
  LiveCommandError,
  LiveExitCode,
  type LiveIo,
  payloadLine,
  processIo,
  type LiveValues,
  runLive,
  str,
  timeoutOf,
  usage,
} from '../live/live-command.js';
import type { Session } from 'wamp-contracts';
import { errorText } from 'wamp-contracts/protocol';

const HELP = `Usage: wamp-contracts subscribe <url> <topic> [options]

Prints each event as one JSON line until SIGINT/SIGTERM, or until --count events arrived. Each event
is checked as a generated subscriber checks it, against the topic's contract (live or --schemas; an
@uri template is matched by shape); one that does not fit is still printed, with its problems on stderr.

Options:
  --count N              exit 0 after N events
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runSubscribe(argv, processIo());
}

/** `subscribe` with explicit I/O; resolves when `io.stop` aborts or `--count` events arrived. */
export function runSubscribe(argv: string[], io: LiveIo): Promise<number> {
  return runLive(
    { name: 'subscribe', help: HELP, options: { count: { type: 'string' } } },
    argv,
    io,
    async (values, positionals) => {
      if (positionals.length !== 2) throw usage(`expected <url> <topic>\n\n${HELP}`);
      const [url, topic] = positionals as [string, string];
      const countText = str(values, 'count');
      if (countText !== undefined && !/^[1-9]\d*$/.test(countText))
        throw usage(`--count must be a positive integer, not ${countText}`);
      const count = countText === undefined ? Infinity : Number(countText);
      const session = await connectLive(url, values, io.env);
      try {
        const found = await topicContract(session, topic, values, io);
        const contract = found?.entry;
        let seen = 0;
        const done = new Promise<void>((finish, reject) => {
          io.stop?.addEventListener('abort', () => finish(), { once: true });
          void session
            .subscribe(topic, (args, kwargs) => {
              if (seen >= count) return;
              seen++;
              io.out(payloadLine(args, kwargs));
              if (found !== undefined && contract !== undefined) {
                const problems = eventProblems(found, contract.kwargs ? kwargs : args[0]);
                if (problems.length > 0)
                  io.err(
                    `wamp-contracts subscribe: event does not fit the contract:\n${problems.map((p) => `  ${p}`).join('\n')}`,
                  );
              }
              if (seen >= count) finish();
            })
            .then(() => io.err(`wamp-contracts subscribe: subscribed to ${topic}`), reject);
        });
        await done;
        return LiveExitCode.OK;
      } finally {
        await session.leave().catch(() => undefined);
      }
    },
  );
}

/** The topic's contract, or undefined (with a note) when none declares it or it cannot be used. */
async function topicContract(
  session: Session,
  topic: string,
  values: LiveValues,
  io: LiveIo,
): Promise<FoundContract<TopicModel> | undefined> {
  if (values['no-check'] === true) return undefined;
  const schemas = str(values, 'schemas');
  const notes: string[] = [];
  let found: FoundContract<TopicModel> | undefined;
  try {
    found = await contractOf<TopicModel>(session, topic, 'topic', schemas, timeoutOf(values), notes);
    // Built once here, so a contract that cannot check events is said once, not per event.
    if (found !== undefined) {
      const { entry, schemas: built, source } = found;
      try {
        built.type(entry.payload);
      } catch (error) {
        if (error instanceof ModelSchemaError) throw unusable(source, error.message);
        throw error;
      }
    }
  } catch (error) {
    // A subscriber only watches: an unusable contract leaves the events unchecked, said once.
    if (!(error instanceof LiveCommandError) || error.code !== 'live.contract_unusable') throw error;
    io.err(`wamp-contracts subscribe: ${error.message}; events are not checked`);
    return undefined;
  }
  if (found === undefined) {
    const why = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
    io.err(`wamp-contracts subscribe: no contract declares ${topic}${why}; events are not checked`);
  } else if (found.componentIssues.length > 0)
    io.err(
      `wamp-contracts subscribe: ${topic} does not fit ${found.entry.uri}: ${found.componentIssues.join('; ')}`,
    );
  return found;
}

/** The problems of one event's payload; a contract zod cannot use is reported as a problem. */
function eventProblems(found: FoundContract<TopicModel>, payload: unknown): string[] {
  try {
    return publishMismatches(found.entry, payload, found.schemas);
  } catch (error) {
    return [`the contract cannot check it: ${errorText(error)}`];
  }
}
