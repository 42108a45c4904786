import Handlebars from 'handlebars';
import {
  ERROR_TEMPLATE,
  FILE_TEMPLATE,
  NAMED_TYPE_TEMPLATE,
  SERVICE_TEMPLATE,
  TOPICS_TEMPLATE,
} from './templates.js';

/** How a generated comment names a generated declaration: a code span (see the `ref` helper). */
export function docRef(name: string): string {
  return `\`${name}\``;
}

// An isolated environment: helpers or partials registered by user code elsewhere cannot change the output.
const hbs = Handlebars.create();
// Generated comments name other generated declarations as code spans, not `{@link ...}`: tsc parses
// every JSDoc comment that holds a `@link` (for its unused-name checks), which was a tenth of its
// time on generated code. `docRef` is the one place that spells such a reference.
hbs.registerHelper('ref', (name: unknown) => docRef(String(name)));
// noEscape: HTML escaping would corrupt JSDoc and literals; strict: a missing field is a bug, not ''.
const compile = (source: string) => hbs.compile(source, { noEscape: true, strict: true });

/** Compiled templates of generated code, one per construct. */
export const templates = {
  file: compile(FILE_TEMPLATE),
  namedType: compile(NAMED_TYPE_TEMPLATE),
  error: compile(ERROR_TEMPLATE),
  service: compile(SERVICE_TEMPLATE),
  topics: compile(TOPICS_TEMPLATE),
} as const;
