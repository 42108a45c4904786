import path from 'node:path';
import { createDiagnostic } from '../model/create-diagnostic.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SchemaHost } from './schema-host.js';
import { type TypeScript, ts } from './typescript.js';

// The extractor's own settings win over the tsconfig: optionality must follow exactOptionalPropertyTypes.
const FIXED: TypeScript.CompilerOptions = {
  noEmit: true,
  skipLibCheck: true,
  strict: true,
  exactOptionalPropertyTypes: true,
  types: [],
  noLib: false,
};

/** Module settings when there is no tsconfig: what a Node ESM package uses. */
const DEFAULTS: TypeScript.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/** "No inputs were found": expected, since the extractor never lists the tsconfig's files. */
const NO_INPUTS = 18003;

/**
 * Compiler options for extraction: module resolution settings (paths, conditions, moduleResolution) from
 * `tsconfig` when given, the extractor's fixed settings on top. Problems become a WC9001 diagnostic.
 */
export function readCompilerOptions(
  schemaHost: SchemaHost,
  root: string,
  tsconfig: string | undefined,
): { options: TypeScript.CompilerOptions; diagnostics: Diagnostic[] } {
  if (tsconfig === undefined) return { options: { ...DEFAULTS, ...FIXED }, diagnostics: [] };
  const fail = (reason: string) => ({
    options: { ...DEFAULTS, ...FIXED },
    diagnostics: [createDiagnostic('tsconfigError', { file: path.posix.relative(root, tsconfig), reason })],
  });
  const read = ts.readConfigFile(tsconfig, schemaHost.readFile);
  if (read.error) return fail(ts.flattenDiagnosticMessageText(read.error.messageText, ' '));
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    {
      useCaseSensitiveFileNames: true,
      readDirectory: () => [],
      fileExists: schemaHost.fileExists,
      readFile: schemaHost.readFile,
    },
    path.posix.dirname(tsconfig),
  );
  const error = parsed.errors.find((e) => e.code !== NO_INPUTS);
  if (error) return fail(ts.flattenDiagnosticMessageText(error.messageText, ' '));
  const { lib: _lib, ...options } = parsed.options;
  return { options: { ...options, ...FIXED }, diagnostics: [] };
}
