/**
 * The callee role's class, for the session to build on the first `register()`. Node and every build
 * that ignores the package's `browser` field import it here statically, so a REGISTER leaves in the
 * same tick as the call; browser builds map this file to `load-callee-browser.ts`, which loads the
 * role with `import()` so that a page that never registers does not carry it.
 */
import { Callee } from './callee.js';

/** The callee class, at once. */
export function loadCallee(): typeof Callee | Promise<typeof Callee> {
  return Callee;
}
