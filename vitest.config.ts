import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Vite does not resolve a package importing itself by name, so map each `wamp-contracts/...`
// export to its TypeScript source, as the `source` condition does for Node and tsc.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | { source?: string }>;
};
const alias = Object.entries(pkg.exports)
  .filter((entry): entry is [string, { source: string }] => typeof entry[1] === 'object' && !!entry[1].source)
  .map(([subpath, target]) => ({
    find: new RegExp(`^wamp-contracts${subpath === '.' ? '' : subpath.slice(1)}$`),
    replacement: fileURLToPath(new URL(target.source, import.meta.url)),
  }));

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['test/setup/ensure-chromium.ts'],
    setupFiles: ['test/setup/console-guard.ts'],
    include: ['test/**/*.test.ts', 'runtime/**/*.test.ts', 'codegen/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
