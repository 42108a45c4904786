/**
 * The `wamp-contracts` command line: dispatches to one module per subcommand.
 * Each command module exports `run(argv: string[]): Promise<number>` (the exit code).
 */
import { createRequire } from 'node:module';

/** The installed package's version, read through its own `package.json` export. */
export function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('wamp-contracts/package.json') as { version: string };
  return pkg.version;
}
const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }
> = {
  gen: {
    summary: 'generate typed code from schema files (--check, --watch)',
    load: () => import('./commands/gen.js'),
  },
  diff: {
    summary: 'report changes that break peers built from an earlier contract (--against REF|DIR|FILE)',
    load: () => import('./commands/diff.js'),
  },
  router: { summary: 'run the embedded WAMP router', load: () => import('./commands/router.js') },
  run: {
    summary: 'run a callee class as a service (module#Class; reconnects, graceful stop)',
    load: () => import('./commands/run.js'),
  },
  export: {
    summary: 'print the contract as JSON Schema 2020-12 or AsyncAPI 3.0 (--format)',
    load: () => import('./commands/export.js'),
  },
  init: {
    summary: 'add schemas/, a gen config and an npm gen script to a package',
    load: () => import('./commands/init.js'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: wamp-contracts <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'wamp-contracts <command> --help' for a command's options, 'wamp-contracts --version' for the version.\nGuides: node_modules/wamp-contracts/docs/README.md (shipped with the package).`;
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
  const command = commands[name];
  if (!command) {
    console.error(`wamp-contracts: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  const module = await command.load();
  return module.run(rest);
}
