/**
 * `npm run demo`: starts the embedded router, the weather service and the weather client in this
 * process, and narrates every feature of the contract. Exits 0 when done, 1 with the failed step
 * otherwise; the router listens on an ephemeral port and nothing outlives the process.
 */
import { connect, type Session } from 'wamp-contracts';
import { type RunningRouter, serve } from 'wamp-contracts/router';
import { WeatherContract } from '../schemas/generated/weather.js';
import { WeatherImpl } from './weather/service.js';
import { runWeatherTour } from './weather/tour.js';

const REALM = 'realm1';
/** The whole demo takes about a second; past this something is stuck. */
const WATCHDOG_MS = 20_000;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** The step running now, named in the failure message. */
let step = 'start';
let router: RunningRouter | undefined;
const sessions: Session[] = [];

async function main(): Promise<void> {
  const started = performance.now();
  say('wamp-contracts demo: the weather contract (schemas/weather.ts) end to end');

  step = 'router';
  // Port 0: the OS picks a free port, so the demo never collides with a running router.
  router = await serve({ transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }], realms: [REALM] });
  say(`\n[router]   embedded WAMP router listening on ${router.url} (realm ${REALM})`);

  step = 'service';
  // Service and client get separate sessions, as separate processes would, so every call is routed.
  const serviceSession = await join();
  const service = new WeatherImpl({ readingsPerWatch: 5, readingIntervalMs: 80 });
  await service.register(serviceSession);
  say(
    `[service]  WeatherImpl registered ${WeatherContract.procedures.map((p) => p.name).join(', ')} under ${WeatherContract.prefix}`,
  );
  const clientSession = await join();
  say('[client]   joined; every call below goes through the router');

  await runWeatherTour(clientSession, say, (name) => {
    step = name;
  });

  step = 'shutdown';
  await shutdown();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(`\ndemo complete in ${seconds} s: sessions left, router closed.`);
}

/** Joins the demo realm and remembers the session for shutdown. */
async function join(): Promise<Session> {
  if (router === undefined) throw new Error('router not started');
  const session = await connect({ url: router.url, realm: REALM });
  // A handler that throws is answered on the wire; say so here too rather than only counting it.
  session.on('error', (error, where) => {
    process.stderr.write(`demo: ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
  });
  sessions.push(session);
  return session;
}

/** Leaves every session, then closes the router; safe to call twice. */
async function shutdown(): Promise<void> {
  const open = sessions.splice(0);
  const left = await Promise.allSettled(open.map((session) => session.leave()));
  for (const result of left) {
    if (result.status === 'rejected')
      process.stderr.write(`demo: leaving a session failed: ${String(result.reason)}\n`);
  }
  const running = router;
  router = undefined;
  await running?.close();
}

let failure: Promise<void> | undefined;

/** Reports the first failure (later ones are its consequences), cleans up and sets exit code 1. */
function fail(error: unknown): Promise<void> {
  failure ??= (async () => {
    const text = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\ndemo failed during '${step}': ${text}\n`);
    await shutdown().catch((closeError: unknown) => {
      process.stderr.write(`demo: cleanup failed too: ${String(closeError)}\n`);
    });
    process.exitCode = 1;
  })();
  return failure;
}

/** Exits with `code` even if cleanup hangs; unref'd so that it never keeps the process alive itself. */
function exitSoon(code: number, ms: number, why: string): void {
  setTimeout(() => {
    process.stderr.write(`demo: ${why}; exiting\n`);
    process.exit(code);
  }, ms).unref();
}

const watchdog = setTimeout(() => {
  exitSoon(1, 5_000, 'cleanup did not finish');
  void fail(new Error(`did not finish within ${WATCHDOG_MS / 1000} s`)).finally(() => process.exit(1));
}, WATCHDOG_MS);

// Exit codes as a shell reports a process killed by the signal (128 + its number).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    exitSoon(code, 5_000, 'cleanup did not finish');
    void fail(new Error(`interrupted by ${signal}`)).finally(() => process.exit(code));
  });
}

main().then(
  () => {
    clearTimeout(watchdog);
    process.exitCode = 0;
    // Everything is closed, so the process ends by itself; a leaked handle is a bug worth seeing.
    exitSoon(1, 5_000, 'finished, but an open handle kept the process alive');
  },
  async (error: unknown) => {
    clearTimeout(watchdog);
    await fail(error);
  },
);
