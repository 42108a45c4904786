import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Map each export of the two workspace packages (`wamp-contracts/...` from runtime/,
// `@wamp-contracts/codegen/...` from codegen/) to its TypeScript source, as the source condition
// does for Node and tsc, so tests never need a build.
/** The export condition of this repository's TypeScript sources (not `source`: see docs/architecture.md). */
const SOURCE = 'wamp-contracts-source';

function sourceAliases(dir: string): { find: RegExp; replacement: string }[] {
  const pkg = JSON.parse(readFileSync(new URL(`./${dir}/package.json`, import.meta.url), 'utf8')) as {
    name: string;
    exports: Record<string, string | Record<string, string>>;
  };
  return Object.entries(pkg.exports)
    .filter((entry): entry is [string, Record<string, string>] => typeof entry[1] === 'object')
    .map(([subpath, target]) => ({
      find: new RegExp(`^${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}$`),
      replacement: fileURLToPath(new URL(`./${dir}/${(target[SOURCE] as string).slice(2)}`, import.meta.url)),
    }));
}
const alias = [...sourceAliases('runtime'), ...sourceAliases('codegen')];

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
