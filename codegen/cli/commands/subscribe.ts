/**
 * `wamp-contracts subscribe <url> <topic>`: prints each event as one JSON line until SIGINT/SIGTERM
 * or `--count N` events; events that do not fit the topic's contract are reported on stderr.
 */
import type { TopicModel } from 'wamp-contracts/contract-model';
import { publishMismatches, refResolver } from '../live/check-payload.js';
import {
  COMMON_USAGE,
  connectLive,
  contractOf,
  LiveExitCode,
  type LiveIo,
  parseLive,
  payloadLine,
  processIo,
  runLive,
  str,
  timeoutOf,
  usage,
} from '../live/live-command.js';

const HELP = `Usage: wamp-contracts subscribe <url> <topic> [options]

Prints each event as one JSON line until SIGINT/SIGTERM, or until --count events arrived. An event
that does not fit the topic's contract (live or --schemas) is still printed, with a line on stderr.

Options:
  --count N              exit 0 after N events
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runSubscribe(argv, processIo());
}

/** `subscribe` with explicit I/O; resolves when `io.stop` aborts or `--count` events arrived. */
export function runSubscribe(argv: string[], io: LiveIo): Promise<number> {
  return runLive('subscribe', io, async () => {
    const { values, positionals } = parseLive(argv, { count: { type: 'string' } });
    if (values.help === true) {
      io.out(HELP);
      return LiveExitCode.OK;
    }
    if (positionals.length !== 2) throw usage(`expected <url> <topic>\n\n${HELP}`);
    const [url, topic] = positionals as [string, string];
    const countText = str(values, 'count');
    if (countText !== undefined && !/^[1-9]\d*$/.test(countText))
      throw usage(`--count must be a positive integer, not ${countText}`);
    const count = countText === undefined ? Infinity : Number(countText);
    const session = await connectLive(url, values, io.env);
    try {
      const found = await contractOf(session, topic, 'topic', str(values, 'schemas'), timeoutOf(values));
      const contract = found?.entry as TopicModel | undefined;
      const resolve = refResolver(found?.model);
      let seen = 0;
      const done = new Promise<void>((finish, reject) => {
        io.stop?.addEventListener('abort', () => finish(), { once: true });
        void session
          .subscribe(topic, (args, kwargs) => {
            if (seen >= count) return;
            seen++;
            io.out(payloadLine(args, kwargs));
            if (contract !== undefined) {
              const problems = publishMismatches(contract, contract.kwargs ? kwargs : args[0], resolve);
              if (problems.length > 0)
                io.err(`wamp-contracts subscribe: event does not fit the contract: ${problems.join('; ')}`);
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
  });
}
