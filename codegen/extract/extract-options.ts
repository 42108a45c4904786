import type { UriNaming } from '../model/uri-rules.js';

/** Options of `extractContracts` and `createExtractor`. */
export interface ExtractOptions {
  /** The project root: model paths are POSIX and relative to it. */
  readonly root: string;
  /** Schema files (absolute or relative to `root`), globs already expanded by the caller. */
  readonly files: readonly string[];
  /** How member names become the last URI component when no `@uri` is given (default `as-is`). */
  readonly naming?: UriNaming;
  /**
   * A tsconfig whose module resolution settings (paths, conditions, moduleResolution) are used.
   * Defaults to `<root>/tsconfig.json` when it exists. `lib` and checks are always the extractor's own.
   */
  readonly tsconfig?: string;
  /**
   * In-memory files (path relative to `root` -> text) instead of the real file system; for tests and
   * tools. Include `node_modules/wamp-contracts/...` yourself if schemas import `wamp-contracts/schema`.
   */
  readonly inMemoryFiles?: Readonly<Record<string, string>>;
  /**
   * The library schemas compile against: `schema` (default) is a small built-in library with the
   * utility types and the built-ins schemas use; `typescript` uses TypeScript's es5 and collection libs
   * from the project's `typescript` package, for schemas importing types that need more.
   */
  readonly lib?: 'schema' | 'typescript';
  /**
   * Run the model lint rules after extraction and append their diagnostics (default `true`).
   * `generate` passes `false` and runs lint as a stage of its own.
   */
  readonly lint?: boolean;
  /** Warn about URIs that break the strict rule (`[0-9a-z_]` components; default `false`). */
  readonly strictUris?: boolean;
}
