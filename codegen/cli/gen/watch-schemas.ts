import { type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../config.js';
import type { GenIo } from './gen-io.js';

// Editors save in bursts (write, rename, chmod); one rebuild per burst.
const DEBOUNCE_MS = 40;

/**
 * Watches the directories of the schema files and calls `rebuild` with the changed paths (relative to
 * the root) after each burst of changes. Resolves with 0 when `io.signal` aborts.
 */
export function watchSchemas(
  config: ResolvedConfig,
  files: readonly string[],
  outDir: string,
  io: GenIo,
  rebuild: (changed: readonly string[]) => number,
): Promise<number> {
  const dirs = [...new Set(files.map((f) => dirname(resolve(config.root, f))))];
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    const changed = [...pending].sort();
    pending.clear();
    io.out(`wamp-contracts gen: ${changed.join(', ')} changed`);
    const code = rebuild(changed);
    io.onRebuild?.(code);
  };
  const watchers: FSWatcher[] = dirs.map((dir) =>
    watch(dir, (_event, name) => {
      if (name === null) return;
      const abs = join(dir, name.toString());
      // Our own writes into the output directory must not trigger another rebuild.
      if (abs === outDir || abs.startsWith(outDir + sep) || !/\.[mc]?tsx?$/.test(abs)) return;
      pending.add(relative(config.root, abs).split(sep).join('/'));
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, DEBOUNCE_MS);
    }),
  );
  io.out(
    `wamp-contracts gen: watching ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} (Ctrl-C to stop)`,
  );
  return new Promise((done) => {
    const close = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers) w.close();
      done(0);
    };
    if (io.signal?.aborted) close();
    else io.signal?.addEventListener('abort', close, { once: true });
  });
}
