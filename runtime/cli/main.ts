/**
 * The `wamp-contracts` command line: dispatches to one module per subcommand.
 * Each command module exports `run(argv: string[]): Promise<number>` (the exit code).
 *
 * `run` and `router` live in this package, so a service's production install (the runtime alone)
 * can start itself. The generator's commands (`gen`, `diff`, `export`, `init` and the live tools
 * `inspect`, `call`, `subscribe`, `publish`, which can read local schema files) live in the
 * `@wamp-contracts/codegen` package, a development dependency, loaded only when one of them runs.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A command module: resolves with the exit code. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** The generator package's `cli` entry: its commands by name. */
export interface GeneratorCli {
  readonly commands: Readonly<Record<string, () => Promise<CommandModule>>>;
}

/** The package that holds the generator commands (a development dependency). */
export const GENERATOR_PACKAGE = '@wamp-contracts/codegen';

/** Printed when a generator command runs without the generator package installed. */
export const CLI_GENERATOR_MISSING = 'cli.generator_missing';

/** The installed package's version, read through its own `package.json` export. */
export function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('wamp-contracts/package.json') as { version: string };
  return pkg.version;
}

type Command = {
  readonly summary: string;
  readonly generator?: true;
  readonly load?: () => Promise<CommandModule>;
};

const commands: Record<string, Command> = {
  gen: { summary: 'generate typed code from schema files (--check, --watch)', generator: true },
  diff: {
    summary: 'report changes that break peers built from an earlier contract (--against REF|DIR|FILE)',
    generator: true,
  },
  router: { summary: 'run the embedded WAMP router', load: () => import('./commands/router.js') },
  run: {
    summary: 'run a callee class as a service (module#Class; reconnects, graceful stop)',
    load: () => import('./commands/run.js'),
  },
  export: {
    summary: 'print the contract as JSON Schema 2020-12 or AsyncAPI 3.0 (--format)',
    generator: true,
  },
  inspect: {
    summary: 'list the services on a router with their procedures, topics and contract fingerprints',
    generator: true,
  },
  call: {
    summary: 'call a procedure, checked against its live contract; streams progressive results',
    generator: true,
  },
  subscribe: { summary: 'print the events of a topic as JSON lines (--count N)', generator: true },
  publish: { summary: 'publish one event, checked against its live contract', generator: true },
  init: { summary: 'add schemas/, a gen config and an npm gen script to a package', generator: true },
};

function usage(): string {
  const lines = Object.entries(commands).map(
    ([name, c]) => `  ${name.padEnd(10)} ${c.summary}${c.generator ? ' *' : ''}`,
  );
  return `Usage: wamp-contracts <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n* needs the generator package: npm install --save-dev ${GENERATOR_PACKAGE}\n\nRun 'wamp-contracts <command> --help' for a command's options, 'wamp-contracts --version' for the version.\nGuides: node_modules/wamp-contracts/docs/README.md (shipped with the package).`;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Loads the generator's `cli` entry: first as this package sees it (installed side by side, the
 * usual case), then as the project in `cwd` sees it (layouts that do not hoist, e.g. pnpm).
 * Resolves undefined when neither finds the package; any other failure propagates.
 */
export async function loadGeneratorCli(cwd: string = process.cwd()): Promise<GeneratorCli | undefined> {
  const specifier = `${GENERATOR_PACKAGE}/cli`;
  try {
    return (await import(specifier)) as GeneratorCli;
  } catch (error) {
    if (!isModuleNotFound(error) || !String((error as Error).message).includes(GENERATOR_PACKAGE))
      throw error;
  }
  const require = createRequire(join(cwd, 'package.json'));
  let resolved: string;
  try {
    resolved = require.resolve(specifier);
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    // Installed, but its entry is missing (an unbuilt copy): not the same as not installed.
    if (installedHere(require))
      throw new Error(
        `${GENERATOR_PACKAGE} is installed but its command entry cannot be loaded (${(error as Error).message}); reinstall it`,
      );
    return undefined;
  }
  return (await import(pathToFileURL(resolved).href)) as GeneratorCli;
}

/**
 * True when a `node_modules` directory the project resolves from holds the generator package. Looked
 * up on disk rather than resolved: resolving `<package>/package.json` needs the package to export
 * it, which a copy of another version may not.
 */
function installedHere(require: NodeJS.Require): boolean {
  const dirs = require.resolve.paths(GENERATOR_PACKAGE) ?? [];
  return dirs.some((dir) => existsSync(join(dir, GENERATOR_PACKAGE, 'package.json')));
}

/** Runs the CLI with `argv` (without node and script) and resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    console.log(packageVersion());
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`wamp-contracts: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  if (command.load) return (await command.load()).run(rest);
  let generator: GeneratorCli | undefined;
  try {
    generator = await loadGeneratorCli();
  } catch (error) {
    // A generator of another version (no `./cli` export) or a broken install: say which, briefly.
    const code = (error as { code?: unknown } | null)?.code;
    const why =
      code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
        ? `the installed ${GENERATOR_PACKAGE} does not match wamp-contracts ${packageVersion()}; install that version`
        : (error as Error).message;
    console.error(`wamp-contracts ${name}: ${why}`);
    return 1;
  }
  const load = generator && Object.hasOwn(generator.commands, name) ? generator.commands[name] : undefined;
  if (generator && !load) {
    console.error(
      `wamp-contracts ${name}: the installed ${GENERATOR_PACKAGE} has no '${name}' command; install the version that matches wamp-contracts ${packageVersion()}`,
    );
    return 1;
  }
  if (!load) {
    console.error(
      `wamp-contracts ${name}: [${CLI_GENERATOR_MISSING}] this command is part of the generator package, which is not installed here.\n` +
        `  Install it as a development dependency: npm install --save-dev ${GENERATOR_PACKAGE}\n` +
        `  (a production install carries only the runtime: 'run' and 'router' work without it)`,
    );
    return 1;
  }
  return (await load()).run(rest);
}
