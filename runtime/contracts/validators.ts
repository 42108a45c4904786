/**
 * `wamp-contracts/validators`: the validator functions generated code builds its schemas with,
 * zod's functional `zod/mini` API with English messages. Generated modules import it as a
 * namespace (`import * as z from 'wamp-contracts/validators'`), which bundlers tree-shake to the
 * functions a contract uses; the runtime's validation takes these schemas and classic `zod` ones alike.
 *
 * @example
 * import * as z from 'wamp-contracts/validators';
 * const City = z.string().check(z.minLength(1));
 * z.safeParse(City, '').success; // false
 */
import './zod-messages.js';

export * from 'zod/mini';
