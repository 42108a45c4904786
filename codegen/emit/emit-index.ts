import type { GeneratedFile } from '../model/contract-model.js';
import { EmitError, EmitErrorCode } from './emit-error.js';
import { type EmitOptions, generatedHeader } from './emit-options.js';
import type { EmittedModule } from './emitted.js';
import { moduleSpecifier } from './paths.js';

/** What `index.ts` needs of one module: its output path and the names it exports. */
export type IndexEntry = Pick<EmittedModule, 'path' | 'exports'>;

/**
 * Builds `index.ts` from the exports each emitter reported, module by module in output order: one
 * `export { values }` and one `export type { types }` line per module that exports anything.
 * Throws a coded {@link EmitError} when two modules export one name.
 */
export function emitIndex(modules: readonly IndexEntry[], options: EmitOptions): GeneratedFile {
  const owner = new Map<string, string>();
  const lines: string[] = [];
  for (const module of modules) {
    for (const { name } of module.exports) {
      const previous = owner.get(name);
      if (previous !== undefined && previous !== module.path) {
        throw new EmitError(
          EmitErrorCode.INDEX_NAME_CLASH,
          `${name} is exported by both ${previous} and ${module.path}; rename one or set index: false`,
        );
      }
      owner.set(name, module.path);
    }
    lines.push(...exportLines(module));
  }
  const text = `${generatedHeader(options)}\n${lines.join('\n')}\n`;
  return { path: 'index.ts', text };
}

// A module's lines in index.ts: its values, then its types, each sorted (empty when it exports nothing).
function exportLines(module: IndexEntry): string[] {
  const values = new Set<string>();
  const types = new Set<string>();
  for (const { name, kind } of module.exports) (kind === 'value' ? values : types).add(name);
  // A name that is both a value and a type is re-exported once, as a value (which carries both).
  for (const name of values) types.delete(name);
  const from = moduleSpecifier('index.ts', module.path);
  const lines: string[] = [];
  if (values.size > 0) lines.push(exportLine('export', [...values].sort(), from));
  if (types.size > 0) lines.push(exportLine('export type', [...types].sort(), from));
  return lines;
}

// One name per line once the statement gets long, as a formatter would print it.
function exportLine(head: string, names: readonly string[], from: string): string {
  const line = `${head} { ${names.join(', ')} } from '${from}';`;
  return line.length <= 110 ? line : `${head} {\n${names.map((n) => `  ${n},\n`).join('')}} from '${from}';`;
}
