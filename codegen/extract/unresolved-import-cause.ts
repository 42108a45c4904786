/**
 * Why a schema's import resolves to nothing, for the WC1037 hint: a wrong relative path, a package
 * that is not installed, or (the confusing case) an installed package whose subpath `exports` the
 * tsconfig's module resolution ignores (`node10`/`node`, or `classic`).
 */
import { type TypeScript, ts } from './typescript.js';

/** The package name of a bare specifier (`@scope/pkg/sub` -> `@scope/pkg`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** How the tsconfig chose its module resolution, as the user wrote it. */
function resolutionSetting(options: TypeScript.CompilerOptions): string {
  if (options.moduleResolution !== undefined)
    return `"moduleResolution": "${ts.ModuleResolutionKind[options.moduleResolution]}"`;
  return `"module": "${ts.ModuleKind[options.module ?? ts.ModuleKind.None]}"`;
}

/** One sentence naming the cause of an unresolved `specifier` in `containingFile`, and the fix. */
export function unresolvedImportCause(
  specifier: string,
  containingFile: string,
  options: TypeScript.CompilerOptions,
  host: TypeScript.ModuleResolutionHost,
): string {
  if (specifier.startsWith('.') || specifier.startsWith('/'))
    return `No file at '${specifier}' from this schema: fix the path (a .ts file is imported with its .js name under NodeNext).`;
  const pkg = packageName(specifier);
  // Resolution that honours package.json "exports": if it finds the module, the package is there.
  const withExports = ts.resolveModuleName(
    specifier,
    containingFile,
    { ...options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    host,
  ).resolvedModule;
  if (withExports !== undefined)
    return (
      `'${pkg}' is installed, but your tsconfig's module resolution (${resolutionSetting(options)}) ignores ` +
      `package.json "exports", which '${specifier}' needs: set "module": "NodeNext" (or "moduleResolution": "Bundler") in tsconfig.json.`
    );
  const schemaPackage = pkg === 'wamp-contracts' ? ' (the schema language needs wamp-contracts itself)' : '';
  return `'${pkg}' is not installed where this schema can see it${schemaPackage}: npm install ${pkg}.`;
}
