/**
 * Fails a test that writes to the console unexpectedly: library code must report through its own
 * channels (events, the debug logger, thrown errors), and a stray line is usually a bug's only trace.
 *
 * A test that expects console output says so by replacing the method itself, e.g.
 * `const error = vi.spyOn(console, 'error').mockImplementation(() => {})`, and asserts on the spy.
 * Output of child processes is not affected: it never passes through this process's console.
 */
import { format } from 'node:util';
import { afterEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let seen: string[] = [];

for (const method of methods) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    seen.push(`console.${method}: ${format(...args)}`);
    original(...args);
  };
}

afterEach(() => {
  if (seen.length === 0) return;
  const lines = seen;
  seen = [];
  throw new Error(`unexpected console output during the test:\n${lines.join('\n')}`);
});
