/**
 * The generator's commands, which the `wamp-contracts` command line (in the runtime package) loads
 * from here when one of them runs: `wamp-contracts gen` works wherever this package is installed
 * beside the runtime. Each module exports `run(argv: string[]): Promise<number>` (the exit code).
 */
export const commands = {
  gen: () => import('./commands/gen.js'),
  diff: () => import('./commands/diff.js'),
  export: () => import('./commands/export.js'),
  init: () => import('./commands/init.js'),
  inspect: () => import('./commands/inspect.js'),
  call: () => import('./commands/call.js'),
  subscribe: () => import('./commands/subscribe.js'),
  publish: () => import('./commands/publish.js'),
} satisfies Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>>;
