/**
 * `wamp-contracts publish <url> <topic> <payload as JSON>`: publishes one event (acknowledged),
 * checked against the live contract (or `--schemas`). Exit codes: docs/cli.md.
 */
import type { TopicModel } from 'wamp-contracts/contract-model';
import { publishMismatches, refResolver } from '../live/check-payload.js';
import {
  checkedEntry,
  COMMON_USAGE,
  connectLive,
  LiveExitCode,
  type LiveIo,
  parseJson,
  parseLive,
  processIo,
  runLive,
  usage,
} from '../live/live-command.js';

const HELP = `Usage: wamp-contracts publish <url> <topic> <payload as JSON> [options]

Publishes one event with acknowledge and prints its publication id. The payload is checked first
against the contract served under the topic's prefix (or --schemas); a kwargs topic takes an object.

Options:
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runPublish(argv, processIo());
}

/** `publish` with explicit I/O. */
export function runPublish(argv: string[], io: LiveIo): Promise<number> {
  return runLive('publish', io, async () => {
    const { values, positionals } = parseLive(argv);
    if (values.help === true) {
      io.out(HELP);
      return LiveExitCode.OK;
    }
    if (positionals.length !== 3) throw usage(`expected <url> <topic> <payload as JSON>\n\n${HELP}`);
    const [url, topic, json] = positionals as [string, string, string];
    const value = parseJson(json, 'the payload');
    const session = await connectLive(url, values, io.env);
    try {
      const contract = await checkedEntry<TopicModel>(
        session,
        topic,
        'topic',
        values,
        io,
        'publish',
        'the payload is',
        (entry, model) => publishMismatches(entry, value, refResolver(model)),
      );
      const kwargs = contract?.kwargs === true;
      const id = await session.publish(
        topic,
        kwargs ? undefined : [value],
        kwargs ? (value as Record<string, unknown>) : undefined,
        { acknowledge: true },
      );
      io.out(JSON.stringify({ publication: id ?? null }));
      return LiveExitCode.OK;
    } finally {
      await session.leave().catch(() => undefined);
    }
  });
}
