// Plain string functions instead of node:path, so that emit runs anywhere (browser playgrounds included).

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function segments(dir: string): string[] {
  return dir === '' || dir === '.' ? [] : dir.split('/').filter((s) => s !== '' && s !== '.');
}

/** POSIX path of `to` relative to directory `from` (both relative to the same root). */
function relative(from: string, to: string): string {
  const a = segments(from);
  const b = segments(to);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** The deepest directory containing every path (POSIX), or '' when they share none. */
export function commonDirectory(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let parts = segments(dirname(paths[0]!));
  for (const path of paths.slice(1)) {
    const other = segments(dirname(path));
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/** The output path (relative to the out dir) of the module generated for schema file `schemaPath`. */
export function outputPath(schemaPath: string, schemaRoot: string): string {
  const rel = schemaRoot === '' ? schemaPath : relative(schemaRoot, schemaPath);
  return `${rel.replace(/(\.d)?\.[mc]?tsx?$/, '')}.ts`;
}

/** The `.js` import specifier of output module `to` as seen from output module `from`. */
export function moduleSpecifier(from: string, to: string): string {
  const rel = relative(dirname(from), to).replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
