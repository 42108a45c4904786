/**
 * `wamp-contracts router`: runs the embedded router until SIGINT/SIGTERM.
 *
 * Prints exactly one line once every listener accepts connections, e.g.
 * `wamp-contracts router listening on ws://127.0.0.1:8080/ws (realm realm1)`. On a signal every
 * session gets GOODBYE `wamp.close.system_shutdown`, then the command resolves with 0. A bad
 * config or flag prints its issues (code, path, message) to stderr and resolves with 1.
 */
import { parseArgs } from 'node:util';
import { errorText } from '../../protocol/index.js';
import {
  type ConfigResult,
  formatConfigIssues,
  loadRouterConfig,
  parseRouterConfig,
  ROUTER_DEFAULTS,
  type RouterConfig,
  serve,
} from '../../router/index.js';

const USAGE = `Usage: wamp-contracts router [options]

Runs the embedded WAMP router until SIGINT or SIGTERM.

Options:
  --host <host>    listen address of the WebSocket transport (default ${ROUTER_DEFAULTS.host})
  --port <port>    port of the WebSocket transport; 0 picks a free one (default ${ROUTER_DEFAULTS.port})
  --realm <uri>    the realm to serve, replacing the config's realms (default ${ROUTER_DEFAULTS.realm})
  --config <file>  a router.json (see node_modules/wamp-contracts/docs/router-config.md); flags override it
  -h, --help       show this help`;

/** Runs the command; resolves with the exit code once the router has shut down. */
export async function run(argv: string[]): Promise<number> {
  let values: { host?: string; port?: string; realm?: string; config?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        realm: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`wamp-contracts router: ${errorText(error)}\n\n${USAGE}`);
    return 1;
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  // Flags are applied to the loaded config and the result validated again, so errors name a path.
  const loaded: ConfigResult =
    values.config === undefined ? parseRouterConfig({}) : await loadRouterConfig(values.config);
  if (!loaded.ok) return fail(formatConfigIssues(loaded.issues));
  const overridden = parseRouterConfig(applyFlags(loaded.config, values));
  if (!overridden.ok) return fail(formatConfigIssues(overridden.issues));
  const config = overridden.config;

  let running: Awaited<ReturnType<typeof serve>>;
  try {
    running = await serve(config);
  } catch (error) {
    console.error(`wamp-contracts router: router.listen_failed: ${errorText(error)}`);
    return 1;
  }
  // Resolves only on a signal: the listeners keep the process alive until then. They are in place
  // before the router says it listens, since a supervisor (or a test) may signal as soon as it reads that.
  const stopped = new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`router.close_failed: ${errorText(error)}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log(
    `wamp-contracts router listening on ${running.urls.join(', ')} (realm ${config.realms.join(', ')})`,
  );
  return stopped;
}

/** Applies --host/--port to the first WebSocket transport (else the first one) and --realm to the realms. */
function applyFlags(config: RouterConfig, flags: { host?: string; port?: string; realm?: string }): unknown {
  const transports: unknown[] = [...config.transports];
  // The first WebSocket transport, or the first transport when there is none.
  const index = Math.max(
    0,
    config.transports.findIndex((t) => t.type === 'websocket'),
  );
  if (flags.host !== undefined || flags.port !== undefined) {
    const t = { ...config.transports[index] } as Record<string, unknown>;
    if (flags.host !== undefined) t.host = flags.host;
    // A non-numeric port stays a string so the schema reports it with its path.
    if (flags.port !== undefined) t.port = /^\d+$/.test(flags.port) ? Number(flags.port) : flags.port;
    transports[index] = t;
  }
  const realms = flags.realm === undefined ? config.realms : [flags.realm];
  return { ...config, transports, realms };
}

/** Prints config issues to stderr; the exit code is 1. */
function fail(text: string): number {
  console.error(`wamp-contracts router: invalid configuration\n${text}`);
  return 1;
}
