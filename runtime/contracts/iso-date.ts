import * as z from 'zod/mini';
import './zod-messages.js';

/**
 * The validator generated for `Date`: an ISO 8601 string on the wire, a `Date` in user code.
 * `parse` decodes what arrives; `z.encode` turns a `Date` back into its string before sending.
 *
 * @example
 * const At = z.object({ at: isoDate() });
 * At.parse({ at: '2024-05-01T12:00:00Z' }).at instanceof Date; // true
 * z.encode(At, { at: new Date(0) }); // { at: '1970-01-01T00:00:00.000Z' }
 */
export function isoDate() {
  return z.codec(z.iso.datetime({ offset: true }), z.date({ error: invalidDateMessage }), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  });
}

/** zod says "expected date, received Date" for `new Date('x')`; say what is wrong instead. */
function invalidDateMessage(issue: { input?: unknown }): string | undefined {
  return issue.input instanceof Date
    ? 'expected a valid Date, received an Invalid Date (its time is NaN)'
    : undefined;
}
