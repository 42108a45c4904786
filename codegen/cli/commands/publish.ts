/**
 * `wamp-contracts publish <url> <topic> <payload as JSON>`: publishes one event (acknowledged),
 * checked against the live contract (or `--schemas`). Exit codes: docs/cli.md.
 */
import type { TopicModel } from 'wamp-contracts/contract-model';
import { ignoredKeys, publishMismatches } from '../live/check-payload.js';
import { checkedEntry } from '../live/contract-lookup.js';
import {
  COMMON_USAGE,
  connectLive,
  LiveExitCode,
  type LiveIo,
  parseJson,
  processIo,
  runLive,
  usage,
} from '../live/live-command.js';

const HELP = `Usage: wamp-contracts publish <url> <topic> <payload as JSON> [options]

Publishes one event with acknowledge and prints its publication id. Before it is sent, the URI (an
@uri template's components too) and the whole payload are checked as a generated subscriber checks
them, against the contract served under the topic's prefix (or --schemas); a refused payload exits 4.
A kwargs topic takes an object.

Options:
${COMMON_USAGE}`;

/** Runs the command with the process's streams. */
export function run(argv: string[]): Promise<number> {
  return runPublish(argv, processIo());
}

/** `publish` with explicit I/O. */
export function runPublish(argv: string[], io: LiveIo): Promise<number> {
  return runLive({ name: 'publish', help: HELP }, argv, io, async (values, positionals) => {
    if (positionals.length !== 3) throw usage(`expected <url> <topic> <payload as JSON>\n\n${HELP}`);
    const [url, topic, json] = positionals as [string, string, string];
    const value = parseJson(json, 'the payload');
    const session = await connectLive(url, values, io.env);
    try {
      const found = await checkedEntry<TopicModel>(session, topic, values, io, {
        command: 'publish',
        kind: 'topic',
        what: 'payload',
        mismatches: ({ entry, schemas }) => publishMismatches(entry, value, schemas),
      });
      if (found !== undefined)
        for (const line of ignoredKeys(found.entry, value, found.schemas))
          io.err(`wamp-contracts publish: a generated subscriber ignores ${line}`);
      const kwargs = found?.entry.kwargs === true;
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
