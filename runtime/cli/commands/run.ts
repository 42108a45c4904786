/**
 * `wamp-contracts run module#Class`: runs a callee class as a long-lived service. It reconnects on
 * its own (re-registering everything), and on SIGINT/SIGTERM unregisters, lets calls in flight
 * finish (up to `--drain-timeout`), sends GOODBYE and exits 0. Exit codes: see `run/run-exit-code.ts`.
 */
import { RunError, RunExitCode } from '../run/run-exit-code.js';
import { parseRunOptions } from '../run/run-options.js';
import { type RunIo, runService } from '../run/run-service.js';

const HELP = `Usage: wamp-contracts run <module>[#Export]... [options]

Runs a class that extends a generated <Service>Callee base as a long-lived service: connects,
registers every procedure, reconnects (and re-registers) on its own. SIGINT/SIGTERM unregisters,
waits for calls in flight, sends GOODBYE and exits 0. A second signal stops waiting. Several
targets run in one process on one session. Each class is constructed with a ServiceContext
(its session, a stop signal, a log function) as its only argument.

<module> is a .js/.mjs file, or a .ts file when the CLI runs under a TypeScript loader
(node --import tsx ...). Without #Export: the default export, else the only callee class exported.

Options:
  --url URL              router URL (env WAMP_URL; default ws://127.0.0.1:8080/ws)
  --realm REALM          realm to join (env WAMP_REALM; default realm1)
  --auth METHOD          anonymous, ticket, wampcra or cryptosign (env WAMP_AUTH; default anonymous)
  --authid ID            authid (env WAMP_AUTHID); required for ticket and wampcra
  --authrole ROLE        authrole to ask for
  --secret-file FILE     ticket, wampcra secret or cryptosign seed (hex) read from FILE
  --secret SECRET        the same inline (env WAMP_SECRET is safer: flags show in ps)
  --serializer NAME      json, msgpack or cbor (env WAMP_SERIALIZER; default json)
  --prefix PREFIX        mount the service under PREFIX instead of the contract's prefix (one target)
  --invoke POLICY        shared registration: single, roundrobin, random, first or last
                         (default single: a second copy of the service is refused)
  --disclose-caller      ask the router to disclose callers (context.caller, callerAuthid, callerAuthrole)
  --serve-contract       also serve each class's live contract as <prefix>._contract
  --drain-timeout MS     how long shutdown waits for calls in flight (default 10000)
  --max-retries N        reconnect attempts per outage before giving up (default: unlimited)
  --max-retry-delay MS   upper bound of one reconnect delay (default 10000)
  --restore-retry-period MS
                         after a reconnect, how long a refused registration is retried
                         before exit 5 (default 30000; 0: exit at the first refusal)
  -h, --help             show this help

Exit codes: 0 stopped by a signal, 1 usage, 2 module could not be loaded, 3 not a usable callee
class, 4 could not connect or join, 5 registration refused, 6 session lost for good.`;

/** Runs `run` with `argv` (the arguments after `run`) and resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  const io: RunIo = {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    onStop(listener) {
      const onInt = (): void => listener('SIGINT');
      const onTerm = (): void => listener('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
  const code = await runWith(argv, io, process.env);
  // A service may hold timers or sockets of its own; once we are done they must not keep us alive.
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}

/** `run` with explicit I/O and environment, for tests and embedding. */
export async function runWith(argv: string[], io: RunIo, env: NodeJS.ProcessEnv): Promise<number> {
  let parsed: ReturnType<typeof parseRunOptions>;
  try {
    parsed = parseRunOptions(argv, env);
  } catch (error) {
    if (!(error instanceof RunError)) throw error;
    io.err(`wamp-contracts run: error ${error.code}: ${error.message}\n\n${HELP}`);
    return RunExitCode.USAGE;
  }
  if (parsed.help) {
    io.out(HELP);
    return RunExitCode.OK;
  }
  return runService(parsed.options, io);
}
