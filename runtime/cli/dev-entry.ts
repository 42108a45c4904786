/**
 * Runs the CLI from the TypeScript sources (no build): `node --conditions=wamp-contracts-source --import tsx
 * runtime/cli/dev-entry.ts router --port 0`. Tests spawn this; users run `wamp-contracts` (bin/wamp-contracts.js).
 */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
