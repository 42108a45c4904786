/**
 * `wamp-contracts run` over the service host of the runtime: prefixes its log lines, prints the
 * error that ended it, and turns the outcome into the exit code.
 */
import { hostService, type ModuleImporter } from '../../service/index.js';
import { exitCodeOf, RunExitCode, type RunExitCodeValue } from './run-exit-code.js';
import type { RunOptions } from './run-options.js';

/** Where `run` writes its log lines (one per lifecycle event) and errors. */
export interface RunIo {
  readonly cwd: string;
  out(line: string): void;
  err(line: string): void;
  /** Subscribes to stop requests (SIGINT/SIGTERM); returns an unsubscribe function. */
  onStop(listener: (why: string) => void): () => void;
  /** Replaces the module importer (tests). */
  readonly importer?: ModuleImporter;
}

/** Runs the service until a stop request or a fatal error; resolves with the exit code. */
export async function runService(options: RunOptions, io: RunIo): Promise<RunExitCodeValue> {
  const error = await hostService(options, {
    cwd: io.cwd,
    log: (line) => io.out(`wamp-contracts run: ${line}`),
    onStop: (listener) => io.onStop(listener),
    ...(io.importer === undefined ? {} : { importer: io.importer }),
  });
  if (error === undefined) return RunExitCode.OK;
  io.err(`wamp-contracts run: error ${error.code}: ${error.message}`);
  return exitCodeOf(error);
}
