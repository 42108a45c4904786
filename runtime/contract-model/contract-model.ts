/**
 * The ContractModel: plain, JSON-serialisable data extracted from schema files.
 *
 * It is the boundary between `codegen/extract` (the only code that touches ts-morph) and
 * `codegen/emit` (pure), the snapshot that `diff` compares between two contract versions, and what
 * a running service can serve as its live contract. It lives in the runtime (imports nothing) so
 * that the runtime and the router can read contracts without the generator.
 * Every path is POSIX and relative to the project root, so the model is stable across machines.
 */

/** Where something was declared (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** JSDoc carried over to generated code. */
export interface Docs {
  /** The free text of the comment, without tags. */
  readonly description?: string;
  /** `@deprecated` text (empty string when the tag has no text). */
  readonly deprecated?: string;
}

/** JSDoc constraint tags that become validator refinements. */
export interface Constraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** A regular expression source, without slashes. */
  readonly pattern?: string;
  /** e.g. `date-time`, `email`, `uuid`, `uri`. */
  readonly format?: string;
  /** `@int`: the number must be an integer. */
  readonly int?: boolean;
  /** `@default`, parsed as JSON. */
  readonly default?: unknown;
}

/** A property of an object type. */
export interface PropertyModel {
  readonly name: string;
  readonly type: TypeNode;
  /** Declared with `?` (may be absent). `| undefined` in the type is separate and explicit. */
  readonly optional: boolean;
  readonly readonly?: boolean;
  readonly docs?: Docs;
  readonly constraints?: Constraints;
}

/** An element of a tuple type. */
export interface TupleElement {
  readonly type: TypeNode;
  readonly optional: boolean;
  readonly rest: boolean;
  readonly name?: string;
}

/** A type expression, resolved through the checker into these plain shapes. */
export type TypeNode =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'null' }
  | { readonly kind: 'undefined' }
  | { readonly kind: 'unknown' }
  /** Only as a procedure result: no payload on the wire. */
  | { readonly kind: 'void' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** `readonly` is set (true) for `readonly T[]` and `ReadonlyArray<T>`. */
  | { readonly kind: 'array'; readonly element: TypeNode; readonly readonly?: boolean }
  /** `readonly` is set (true) for `readonly [A, B]`. */
  | { readonly kind: 'tuple'; readonly elements: readonly TupleElement[]; readonly readonly?: boolean }
  | { readonly kind: 'object'; readonly properties: readonly PropertyModel[] }
  /** `Record<K, V>` and string index signatures. `key` is string, a literal union, or a template. */
  | { readonly kind: 'record'; readonly key: TypeNode; readonly value: TypeNode }
  /** `discriminant` is set when every member is an object with a distinct literal on that key. */
  | { readonly kind: 'union'; readonly members: readonly TypeNode[]; readonly discriminant?: string }
  | { readonly kind: 'intersection'; readonly members: readonly TypeNode[] }
  /** A reference to a named type declared in a schema file (possibly generic). */
  | {
      readonly kind: 'ref';
      readonly name: string;
      readonly file: string;
      readonly typeArgs: readonly TypeNode[];
    }
  /** A type parameter inside a generic named type. */
  | { readonly kind: 'typeParam'; readonly name: string }
  /** A TypeScript `enum` (emitted as a union of its values). */
  | {
      readonly kind: 'enum';
      readonly name: string;
      readonly members: readonly { readonly name: string; readonly value: string | number }[];
    }
  /** `Uint8Array`: WAMP binary. */
  | { readonly kind: 'binary' }
  /** `Date`: an ISO 8601 string on the wire, a `Date` in user code. */
  | { readonly kind: 'date' }
  /** A branded primitive, e.g. `string & { __brand: 'UserId' }`. */
  | { readonly kind: 'brand'; readonly base: TypeNode; readonly brand: string }
  /** A template literal type: literal text and `string`/`number` holes, in order. */
  | { readonly kind: 'template'; readonly parts: readonly (string | TypeNode)[] };

/** A named type declared in a schema file (interface, type alias or enum). */
export interface NamedTypeModel {
  readonly name: string;
  readonly typeParams: readonly string[];
  readonly type: TypeNode;
  /** True when the type refers to itself (directly or through others): emitted with lazy getters. */
  readonly recursive: boolean;
  readonly constraints?: Constraints;
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** A parameter of a procedure. */
export interface ParamModel {
  readonly name: string;
  readonly type: TypeNode;
  readonly optional: boolean;
  readonly docs?: Docs;
  readonly constraints?: Constraints;
}

/** One dot-separated part of a URI template: fixed text, or the name of a component. */
export type UriTemplateSegment = { readonly literal: string } | { readonly component: string };

/** A named, typed component of a URI template (`{roomId}` in `com.example.chat.room.{roomId}.message`). */
export interface UriComponentModel {
  readonly name: string;
  /** The declared type: string-like (string, literal, union of literals, brand, template) or number-like. */
  readonly type: TypeNode;
  /** True for a number-like type: the component travels as the integer's decimal text. */
  readonly numeric: boolean;
  readonly constraints?: Constraints;
  readonly docs?: Docs;
}

/**
 * A URI with typed components, from `@uri` text containing `{name}` segments. Each component is a
 * whole URI component; the wildcard pattern (components empty) is what a callee registers and what
 * a subscriber to every instance subscribes to.
 */
export interface UriTemplateModel {
  /** The template as written, e.g. `com.example.chat.room.{roomId}.message`. */
  readonly template: string;
  /** The template split at dots, in order. */
  readonly segments: readonly UriTemplateSegment[];
  /** The components in template order (each appears once). */
  readonly components: readonly UriComponentModel[];
}

/** One procedure of a service. */
export interface ProcedureModel {
  /** The method name in the schema (and in generated code). */
  readonly name: string;
  /** The URI, or the template text when `uriTemplate` is set. */
  readonly uri: string;
  /** Set when `uri` has typed components; their parameters come first and are not in `params`. */
  readonly uriTemplate?: UriTemplateModel;
  readonly params: readonly ParamModel[];
  /** `@kwargs`: the single object parameter travels as ArgumentsKw. */
  readonly kwargs: boolean;
  /** The result type (`void` for none). For `Progress<C, R>` this is `R`. */
  readonly result: TypeNode;
  /** For `Progress<C, R>`: the chunk type `C`, sent as progressive results. */
  readonly progress?: TypeNode;
  /**
   * For a last parameter typed `Stream<C>`: its name, docs and constraints, with `type` the chunk type `C`
   * (`optional` is always false). Each chunk is sent as a progressive call invocation; the
   * parameter is not in `params`.
   */
  readonly input?: ParamModel;
  /** Names of the error types listed with `@throws` (keys of `ContractFile.errors` across files). */
  readonly throws: readonly { readonly name: string; readonly file: string }[];
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** An interface extending `Service<'prefix'>`. */
export interface ServiceModel {
  readonly name: string;
  readonly prefix: string;
  readonly procedures: readonly ProcedureModel[];
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** One topic of a topics interface. */
export interface TopicModel {
  readonly name: string;
  /** The URI, or the template text when `uriTemplate` is set. */
  readonly uri: string;
  /** Set when `uri` has typed components (a topic declared as `name(component: T): Payload`). */
  readonly uriTemplate?: UriTemplateModel;
  readonly payload: TypeNode;
  /** `@kwargs`: the payload object travels as ArgumentsKw instead of Arguments[0]. */
  readonly kwargs: boolean;
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** An interface extending `Topics<'prefix'>`. */
export interface TopicsModel {
  readonly name: string;
  readonly prefix: string;
  readonly topics: readonly TopicModel[];
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** A type alias of `WampError<'uri', Payload>`. */
export interface ErrorModel {
  readonly name: string;
  readonly uri: string;
  /** The payload type (travels as ArgumentsKw when it is an object, else Arguments[0]); absent for none. */
  readonly payload?: TypeNode;
  readonly docs?: Docs;
  readonly location: SourceLocation;
}

/** Everything declared in one schema file. */
export interface ContractFile {
  /** POSIX path relative to the project root, e.g. `schemas/weather.ts`. */
  readonly path: string;
  readonly services: readonly ServiceModel[];
  readonly topics: readonly TopicsModel[];
  readonly errors: readonly ErrorModel[];
  /** Named types used by the contracts of this file (in declaration order). */
  readonly types: readonly NamedTypeModel[];
}

/** The whole contract: all schema files. */
export interface ContractModel {
  /**
   * Bumped when the model's shape changes so that an older reader would misread it.
   * 2: procedures and topics may carry `uriTemplate` (their `uri` is then a template).
   */
  readonly modelVersion: 2;
  readonly files: readonly ContractFile[];
}
