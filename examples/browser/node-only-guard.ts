/**
 * An esbuild plugin that proves Node-only code stays out of the browser bundle: any import of a
 * Node builtin or of `ws` fails the build. The runtime's Node transports (`ws-node`,
 * `rawsocket-node`) never get here: package.json's `browser` field maps them to empty modules for
 * every bundler that honours it, esbuild included.
 */
import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';

/** `node:*`, bare builtins (`fs`, `net/...`) and the `ws` package. */
const FORBIDDEN = new RegExp(
  `^(node:.*|ws(/.*)?|(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(/.*)?)$`,
);

/** Fails the build on any import of a Node builtin or `ws`, naming the importer. */
export function nodeOnlyGuard(): Plugin {
  return {
    name: 'node-only-guard',
    setup(build) {
      build.onResolve({ filter: FORBIDDEN }, (args) => ({
        errors: [
          {
            text: `Node-only module "${args.path}" imported by ${args.importer}: it must not reach the browser bundle`,
          },
        ],
      }));
    },
  };
}
