import { createRequire } from 'node:module';
import path from 'node:path';
import { SCHEMA_LIB_FILE_NAME, SCHEMA_LIB_TEXT } from './schema-lib.js';
import { type TypeScript, ts } from './typescript.js';

/** Which library schemas are compiled against. */
export type SchemaLib = 'schema' | 'typescript';

/** A compiler host over the real file system or an in-memory map, caching parsed files between programs. */
export interface SchemaHost {
  readonly host: TypeScript.CompilerHost;
  /** Forgets a file's cached text and syntax tree, so the next program reads it again. */
  invalidate(fileName: string): void;
  /** Forgets every cached file (the schema library stays). */
  reset(): void;
  fileExists(fileName: string): boolean;
  readFile(fileName: string): string | undefined;
}

/** A virtual folder for the schema library, outside any real path. */
const LIB_DIR = '/__wamp_contracts__';
// Parsed once per process: the schema library never changes, and programs may share its tree.
let schemaLibFile: TypeScript.SourceFile | undefined;

function schemaLib(): TypeScript.SourceFile {
  schemaLibFile ??= ts.createSourceFile(
    `${LIB_DIR}/${SCHEMA_LIB_FILE_NAME}`,
    SCHEMA_LIB_TEXT,
    ts.ScriptTarget.ES2022,
    true,
  );
  return schemaLibFile;
}

/** TypeScript's own lib folder, resolved from the project (for `lib: 'typescript'`). */
export function typescriptLibDir(root: string): string | undefined {
  try {
    return path.dirname(createRequire(`${root}/package.json`).resolve('typescript/lib/lib.es5.d.ts'));
  } catch {
    return undefined;
  }
}

/**
 * Creates the host. `memory` maps absolute POSIX paths to file texts (in-memory mode); `libDir` is
 * TypeScript's lib folder, or undefined for the schema library.
 */
export function createSchemaHost(
  root: string,
  memory: ReadonlyMap<string, string> | undefined,
  libDir?: string,
): SchemaHost {
  const sourceFiles = new Map<string, TypeScript.SourceFile>();
  // TypeScript's lib folder is always on disk, even when the project is in memory.
  const onDisk = (fileName: string): boolean =>
    !memory || (libDir !== undefined && fileName.startsWith(`${libDir}/`));
  const readFile = (fileName: string): string | undefined =>
    onDisk(fileName) ? ts.sys.readFile(fileName) : memory?.get(fileName);
  // Module resolution probes many candidate paths: remember the answers until the next update.
  const exists = new Map<string, boolean>();
  const fileExists = (fileName: string): boolean => {
    let known = exists.get(fileName);
    if (known === undefined) {
      known = onDisk(fileName) ? ts.sys.fileExists(fileName) : (memory?.has(fileName) ?? false);
      exists.set(fileName, known);
    }
    return known;
  };
  const dirs = new Map<string, boolean>();
  const directoryExists = (dir: string): boolean => {
    if (!memory) {
      let known = dirs.get(dir);
      if (known === undefined) dirs.set(dir, (known = ts.sys.directoryExists(dir)));
      return known;
    }
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    for (const key of memory.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };
  const host: TypeScript.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      if (libDir === undefined && fileName === `${LIB_DIR}/${SCHEMA_LIB_FILE_NAME}`) return schemaLib();
      const cached = sourceFiles.get(fileName);
      if (cached) return cached;
      const text = readFile(fileName);
      if (text === undefined) return undefined;
      // No parent pointers at parse time: the binder sets them when the checker is created.
      const file = ts.createSourceFile(fileName, text, languageVersion, false);
      sourceFiles.set(fileName, file);
      return file;
    },
    getDefaultLibFileName: (options) =>
      libDir === undefined
        ? `${LIB_DIR}/${SCHEMA_LIB_FILE_NAME}`
        : `${libDir}/${ts.getDefaultLibFileName(options)}`,
    getDefaultLibLocation: () => libDir ?? LIB_DIR,
    writeFile: () => {},
    getCurrentDirectory: () => root,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) =>
      (libDir === undefined && fileName.startsWith(`${LIB_DIR}/`)) || fileExists(fileName),
    readFile,
    directoryExists,
    getDirectories: (dir) => (memory ? [] : ts.sys.getDirectories(dir)),
    realpath: (fileName) => (memory || !ts.sys.realpath ? fileName : ts.sys.realpath(fileName)),
    // JSDoc in TS files carries no types: the parser skips it, as `tsc` does (about a fifth of the parse
    // time). The extractor reads the comments it needs from the text (read-jsdoc.ts).
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeInfo,
  };
  const invalidate = (fileName: string): void => {
    sourceFiles.delete(fileName);
    // A created or deleted file can change any resolution: forget every cached answer.
    exists.clear();
    dirs.clear();
  };
  const reset = (): void => {
    sourceFiles.clear();
    exists.clear();
    dirs.clear();
  };
  return { host, invalidate, reset, fileExists, readFile };
}
