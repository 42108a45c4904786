/**
 * zod's English error messages for the validators. `zod/mini` (unlike `zod`) configures no locale,
 * so its issues would all read "Invalid input"; this module sets English once, unless the
 * application configured a locale of its own first. It imports the one locale, not all of them.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

if (config().localeError === undefined) config(en());
