#!/usr/bin/env node
// Entry point of the CLI: runs the compiled code in dist/ (built by `npm run build`, which `npm install` runs).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
