import Handlebars from 'handlebars';
import {
  ERROR_TEMPLATE,
  FILE_TEMPLATE,
  NAMED_TYPE_TEMPLATE,
  SERVICE_TEMPLATE,
  TOPICS_TEMPLATE,
} from './templates.js';

// An isolated environment: helpers or partials registered by user code elsewhere cannot change the output.
const hbs = Handlebars.create();
// `{@link {{name}}}` would end in a triple-stash close, so links go through a helper.
hbs.registerHelper('link', (name: unknown) => `{@link ${String(name)}}`);
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
