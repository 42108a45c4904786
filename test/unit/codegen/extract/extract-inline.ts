import { readFileSync } from 'node:fs';
import { type ExtractResult, extractContracts } from '../../../../codegen/extract/index.js';
import type { ExtractOptions } from '../../../../codegen/extract/index.js';

const schemaSource = readFileSync(new URL('../../../../runtime/schema/index.ts', import.meta.url), 'utf8');

/** The files an in-memory project needs so that `wamp-contracts/schema` resolves. */
export const schemaPackageFiles: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'fixture', type: 'module' }),
  'node_modules/wamp-contracts/package.json': JSON.stringify({
    name: 'wamp-contracts',
    type: 'module',
    exports: { './schema': { types: './schema.d.ts' } },
  }),
  'node_modules/wamp-contracts/schema.d.ts': schemaSource,
};

/** The import line every inline schema starts with. */
export const IMPORT =
  "import type { Service, Topics, Progress, Stream, WampError } from 'wamp-contracts/schema';\n";

/** Extracts inline schema files (path -> text) from an in-memory project rooted at `/project`. */
export function extractInline(
  files: Readonly<Record<string, string>>,
  options: Partial<Pick<ExtractOptions, 'naming' | 'lint' | 'strictUris'>> = {},
): ExtractResult {
  return extractContracts({
    root: '/project',
    files: Object.keys(files),
    inMemoryFiles: { ...schemaPackageFiles, ...files },
    ...options,
  });
}
