/**
 * The schema language: type-only declarations that schema files import from `wamp-contracts/schema`.
 *
 * Nothing here exists at run time. Each declaration carries a `~wampContracts` marker property whose
 * `kind` literal lets the extractor recognise it through the type checker (by symbol and structure),
 * so `import type { Service as S }` or a re-export still works, and a user's own `Service` does not match.
 *
 * @example
 * ```ts
 * import type { Service, WampError } from 'wamp-contracts/schema';
 * export type NotFound = WampError<'com.example.not_found', { id: string }>;
 * export interface Users extends Service<'com.example.users'> {
 *   /** @throws NotFound *\/
 *   get(id: string): { id: string; name: string };
 * }
 * ```
 */

/** The marker every schema-language declaration carries; its `kind` says which one it is. */
export interface SchemaMarker<Kind extends string> {
  readonly kind: Kind;
}

/**
 * A service: every method of an interface extending `Service<'prefix'>` is a procedure whose URI is
 * `<prefix>.<method name>` (or its `@uri` tag).
 */
export interface Service<Prefix extends string> {
  /** Marker read by the extractor; never present on real values. */
  readonly '~wampContracts'?: SchemaMarker<'service'> & { readonly prefix: Prefix };
}

/**
 * A set of topics: every property of an interface extending `Topics<'prefix'>` is a topic whose URI is
 * `<prefix>.<property name>` (or its `@uri` tag) and whose type is the event payload.
 */
export interface Topics<Prefix extends string> {
  /** Marker read by the extractor; never present on real values. */
  readonly '~wampContracts'?: SchemaMarker<'topics'> & { readonly prefix: Prefix };
}

/**
 * The return type of a procedure with progressive results: `Chunk` is sent as each progressive
 * RESULT's `Arguments[0]`, `Result` as the final one (`void` for none).
 */
export interface Progress<Chunk, Result> {
  /** Marker read by the extractor; never present on real values. */
  readonly '~wampContracts': SchemaMarker<'progress'> & { readonly chunk: Chunk; readonly result: Result };
}

/**
 * The type of a procedure parameter that receives a stream of chunks (progressive call invocations):
 * the caller passes an `AsyncIterable<Chunk>` (or an `Iterable<Chunk>`), the callee's method reads an
 * `AsyncIterable<Chunk>`. It must be the procedure's last parameter; each chunk travels as the
 * `Arguments[0]` of one CALL, validated and encoded like an ordinary argument.
 */
export interface Stream<Chunk> {
  /** Marker read by the extractor; never present on real values. */
  readonly '~wampContracts': SchemaMarker<'stream'> & { readonly chunk: Chunk };
}

/**
 * A typed application error: declare it as `type NotFound = WampError<'uri', Payload>` and attach it to
 * procedures with `@throws NotFound`. An object payload travels as ArgumentsKw, any other as Arguments[0].
 */
export interface WampError<Uri extends string, Payload = undefined> {
  /** Marker read by the extractor; never present on real values. */
  readonly '~wampContracts': SchemaMarker<'error'> & { readonly uri: Uri; readonly payload: Payload };
}
