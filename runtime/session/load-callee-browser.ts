/**
 * The browser build's `load-callee.ts` (mapped by the package's `browser` field): the callee role is
 * a chunk of its own that a bundler with code splitting fetches on the first `register()`, so a page
 * that only calls and subscribes does not load it.
 */
import type { Callee } from './callee.js';

/** The callee class, once its chunk is loaded. */
export function loadCallee(): typeof Callee | Promise<typeof Callee> {
  return import('./callee.js').then((module) => module.Callee);
}
