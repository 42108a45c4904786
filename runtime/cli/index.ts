/**
 * `wamp-contracts/cli`: the command line's entry (`main`) and the pieces the generator package's
 * commands share with `run` (auth flags), so both packages read flags the same way.
 */
export { CLI_GENERATOR_MISSING, GENERATOR_PACKAGE, main, packageVersion } from './main.js';
export { AUTH_FLAG_OPTIONS, type AuthFlags, resolveAuth } from './run/run-options.js';
