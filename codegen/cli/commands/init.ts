/**
 * `wamp-contracts init [--dir DIR]`: adds an example contract under `schemas/`, a
 * `wamp-contracts.config.json` and an `npm run gen` script to an existing package, then prints
 * the next steps. Existing files and an existing `gen` script are left alone.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InitError, initProject } from '../init/init-project.js';
import { nextSteps } from '../init/init-templates.js';
import { installedPackagePath } from '../init/installed-package.js';

const HELP = `Usage: wamp-contracts init [--dir DIR]

Adds contract-first WAMP to an existing package (a directory with package.json):
  schemas/greeter.ts           an example contract (a service, a typed error, a topic)
  wamp-contracts.config.json   the gen configuration (schemas/*.ts -> schemas/generated)
  package.json                 a "gen" script running wamp-contracts gen
Nothing is overwritten: what exists is skipped with a message.

Options:
  --dir DIR    the package directory (default: the working directory)
  -h, --help   show this help

Exit codes: 0 done (also when everything was already there), 1 bad flags or no usable package.json.`;

/** Runs `init` with `argv` (the arguments after `init`) and resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  return runInit(
    argv,
    process.cwd(),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}

/** `init` with explicit working directory and output, for tests. */
export function runInit(
  argv: string[],
  cwd: string,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  let values: { dir?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    err(`wamp-contracts init: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.help === true) {
    out(HELP);
    return 0;
  }
  const dir = resolve(cwd, values.dir ?? '.');
  let result: ReturnType<typeof initProject>;
  try {
    result = initProject(dir);
  } catch (error) {
    if (!(error instanceof InitError)) throw error;
    err(`wamp-contracts init: error ${error.code}: ${error.message}`);
    return 1;
  }
  for (const step of result.steps) out(`  ${step.action.padEnd(8)} ${step.path}: ${step.detail}`);
  const changed = result.steps.some((s) => s.action !== 'skipped');
  out(changed ? `wamp-contracts init: done in ${dir}` : 'wamp-contracts init: nothing to do, already set up');
  out('');
  out(nextSteps({ ...result, packagePath: installedPackagePath(dir) }));
  return 0;
}
