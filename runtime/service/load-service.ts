/**
 * Loads a service module (`wamp-contracts run module#Export`): imports the module, picks the export,
 * checks that it is a generated callee class, and instantiates it.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorText } from '../protocol/index.js';
import { type CalleeLike, isCalleeClass, isContractCallee, missingMethods } from './is-contract-callee.js';
import type { ServiceContext } from './service-context.js';
import { ServiceError, ServiceErrorCode } from './service-error.js';

/** Which module to load and which of its exports (`path#Export` on the command line). */
export interface ServiceTarget {
  /** The module path as given. */
  readonly path: string;
  /** The export name; `undefined` means the default export (or the only callee class exported). */
  readonly exportName: string | undefined;
}

/** A loaded, instantiated service. */
export interface LoadedService {
  readonly callee: CalleeLike;
  /** The export name actually used, for log lines. */
  readonly exportName: string;
  /** The absolute module path. */
  readonly file: string;
}

/** Imports a module by file URL; replaceable in tests. */
export type ModuleImporter = (url: string) => Promise<Record<string, unknown>>;

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** Gives the context a service class is constructed with, once its export name is known. */
export type ServiceContextFactory = (exportName: string) => ServiceContext | undefined;

/**
 * Loads and instantiates the service named by `target`, resolving its path against `cwd`. A class
 * is constructed with what `contextFor` gives for its export name (the host's {@link ServiceContext}).
 */
export async function loadService(
  target: ServiceTarget,
  cwd: string,
  importer: ModuleImporter = (url) => import(url) as Promise<Record<string, unknown>>,
  contextFor: ServiceContextFactory = () => undefined,
): Promise<LoadedService> {
  const file = resolve(cwd, target.path);
  if (!existsSync(file)) {
    throw new ServiceError(
      ServiceErrorCode.MODULE_NOT_FOUND,
      `${target.path}: no such file (looked at ${file})`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = await importer(pathToFileURL(file).href);
  } catch (error) {
    throw loadError(error, target, file);
  }
  const [exportName, value] = pickExport(module, target);
  // An instance works too (`export default new WeatherImpl(db)`), for services that need arguments.
  if (isContractCallee(value)) return checked(value, exportName, file);
  if (!isCalleeClass(value)) {
    throw new ServiceError(
      ServiceErrorCode.NOT_A_CALLEE,
      `${target.path}#${exportName} is not a callee class: export a class that extends a generated <Service>Callee base (or an instance of one)`,
    );
  }
  let callee: unknown;
  try {
    callee = new value(contextFor(exportName) as ServiceContext);
  } catch (error) {
    throw new ServiceError(
      ServiceErrorCode.CONSTRUCTOR_FAILED,
      `new ${exportName}(context) threw: ${errorText(error)} (run calls the constructor with a ServiceContext as its only argument)`,
      { cause: error },
    );
  }
  if (!isContractCallee(callee)) {
    throw new ServiceError(
      ServiceErrorCode.NOT_A_CALLEE,
      `new ${exportName}() has no contract: it must extend a generated <Service>Callee base`,
    );
  }
  return checked(callee, exportName, file);
}

// Every procedure of the contract must have its method before anything is registered.
function checked(callee: CalleeLike, exportName: string, file: string): LoadedService {
  const missing = missingMethods(callee);
  if (missing.length > 0) {
    throw new ServiceError(
      ServiceErrorCode.NOT_IMPLEMENTED,
      `${exportName} does not implement ${missing.join(', ')} of ${callee.contract.prefix} (is this the generated abstract base instead of your subclass?)`,
    );
  }
  return { callee, exportName, file };
}

// The named export, else `default`, else the single callee class the module exports.
function pickExport(module: Record<string, unknown>, target: ServiceTarget): [string, unknown] {
  const classes = Object.keys(module).filter((key) => isCalleeClass(module[key]));
  if (target.exportName !== undefined) {
    if (target.exportName in module) return [target.exportName, module[target.exportName]];
    const hint = classes.length > 0 ? `; callee classes it exports: ${classes.join(', ')}` : '';
    throw new ServiceError(
      ServiceErrorCode.EXPORT_MISSING,
      `${target.path} has no export named ${target.exportName}${hint}`,
    );
  }
  if (module.default !== undefined) return ['default', module.default];
  if (classes.length === 1) return [classes[0]!, module[classes[0]!]];
  throw new ServiceError(
    ServiceErrorCode.EXPORT_MISSING,
    classes.length === 0
      ? `${target.path} exports no callee class; name one with ${target.path}#ClassName`
      : `${target.path} exports several callee classes (${classes.join(', ')}); pick one with ${target.path}#ClassName`,
  );
}

// Classifies an import failure; a `.ts` file Node cannot load gets a hint about loaders.
function loadError(error: unknown, target: ServiceTarget, file: string): ServiceError {
  const path = target.path;
  const code = (error as { code?: unknown } | null)?.code;
  const message = errorText(error);
  const isTs = TS_EXTENSIONS.has(extname(file));
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && isTs) {
    return new ServiceError(
      ServiceErrorCode.TS_LOADER_MISSING,
      `${path}: Node cannot load TypeScript here. Run the CLI under a loader, e.g. ` +
        // `npx` finds the bin wherever the package was installed (hoisted in a workspace, or local).
        `\`NODE_OPTIONS="--import tsx" npx wamp-contracts run ${path}#${target.exportName ?? 'Class'}\`, ` +
        'or compile the service and run the .js file',
      { cause: error },
    );
  }
  // Node's own type stripping loads the file but not `./x.js` imports that name `.ts` sources.
  const hint =
    code === 'ERR_MODULE_NOT_FOUND' && isTs ? ' (a .js import of a .ts file needs a loader such as tsx)' : '';
  return new ServiceError(
    ServiceErrorCode.MODULE_LOAD_FAILED,
    `${path} could not be loaded: ${message}${hint}`,
    { cause: error },
  );
}
