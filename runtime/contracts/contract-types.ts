import type * as z from 'zod/mini';
import type { ContractModel } from '../contract-model/contract-model.js';

// Validators are typed as zod's `SomeType` (any schema: `{ _zod: internals }`), not `$ZodType`: relating each
// generated schema to `$ZodType` computes its input/output types and its `~standard` props, which made
// the contract objects half of `tsc`'s check time over generated code (bench/codegen).
/** Any zod schema, as contracts hold it (cheap to check generated schemas against). */
export type ContractSchema = z.core.SomeType;
type Schema = ContractSchema;

/** A typed component of a URI template, as generated code describes it. */
export interface UriComponentContract {
  /** The name between braces in the template. */
  readonly name: string;
  /** Validates the component's value (the declared type and its constraints). */
  readonly schema: Schema;
  /** True for a number-like type: the value travels as an integer's decimal text. */
  readonly numeric?: boolean;
}

/** A URI template bound to its typed components: formats concrete URIs and parses them back. */
export interface UriTemplate {
  /** The template text, e.g. `com.example.chat.room.{roomId}.message`. */
  readonly template: string;
  /** The `match: 'wildcard'` pattern: every component empty (`com.example.chat.room..message`). */
  readonly wildcard: string;
  /** The components in template order. */
  readonly components: readonly UriComponentContract[];
  /** The concrete URI for component values in template order; throws `wamp.error.invalid_argument` for a bad value. */
  format(values: readonly unknown[]): string;
  /** The component values (validated, in template order) of a concrete URI; throws `wamp.error.invalid_argument`. */
  parse(uri: unknown): unknown[];
}

/**
 * Binds a URI template to its components: `createUriTemplate`, which generated code passes in a
 * contract's `uriTemplate` (see {@link ServiceContract.uriTemplate}).
 */
export type UriTemplateFactory = (
  template: string,
  components: readonly UriComponentContract[],
) => UriTemplate;

/** One procedure as generated code describes it to the runtime. */
export interface ProcedureContract {
  /** Method name on the client's `rpc` object and on the callee class. */
  readonly name: string;
  /** Callee method name when it differs from `name` (a procedure named like a callee base member, e.g. `register`). */
  readonly method?: string;
  /** The full URI (under the service prefix unless set with `@uri`), or a template with `components`. */
  readonly uri: string;
  /** The typed components of a URI template: the leading method parameters, not part of `args`. */
  readonly components?: readonly UriComponentContract[];
  /** Number of declared parameters: the context argument of a callee method comes after them. */
  readonly params: number;
  /** True when the single object parameter travels as `ArgumentsKw`. */
  readonly kwargs: boolean;
  /** Validates the arguments: a tuple of the parameters, or the object for `kwargs`. */
  readonly args: Schema;
  /** Validates `Arguments[0]` of the final result; absent for `void`. */
  readonly result?: Schema;
  /** Validates `Arguments[0]` of each progressive result, for `Progress<Chunk, Result>`. */
  readonly progress?: Schema;
  /**
   * Validates each chunk of a `Stream<Chunk>` parameter (the method's last parameter, after the
   * `params` ordinary ones), sent as progressive call invocations.
   */
  readonly input?: Schema;
  /** True when a validator contains a codec (e.g. Date), so values must be encoded even with validation off. */
  readonly codec: boolean;
  /** The typed error classes the procedure declares with `@throws` (referenced so they are registered). */
  readonly errors?: readonly { readonly uri: string }[];
}

/** A service (an interface extending `Service<'prefix'>`) as generated code describes it. */
export interface ServiceContract {
  readonly name: string;
  readonly prefix: string;
  /** The schema file that declares the service (generated code sets it; it picks the service out of `model`). */
  readonly file?: string;
  /**
   * Loads the whole contract model on demand (generated code: a dynamic `import()` of the output's
   * `contract-model.ts`), so only a callee serving its contract or a client checking one pays for it.
   */
  readonly model?: () => Promise<ContractModel>;
  /**
   * Builds the URI template of each procedure with `components`. Generated code sets it
   * (`createUriTemplate`) on contracts that have such procedures and only there, so a bundle whose
   * contracts use no template carries none of the template code.
   */
  readonly uriTemplate?: UriTemplateFactory;
  readonly procedures: readonly ProcedureContract[];
}

/** One topic as generated code describes it. */
export interface TopicContract {
  readonly name: string;
  /** The URI, or a template with `components`. */
  readonly uri: string;
  /** The typed components of a URI template: leading arguments of publish and subscribe. */
  readonly components?: readonly UriComponentContract[];
  /** True when the payload object travels as `ArgumentsKw` instead of `Arguments[0]`. */
  readonly kwargs: boolean;
  readonly payload: Schema;
  readonly codec: boolean;
}

/** A topics interface (extending `Topics<'prefix'>`) as generated code describes it. */
export interface TopicsContract {
  readonly name: string;
  readonly prefix: string;
  /** The schema file that declares the interface (generated code sets it; it picks the interface out of `model`). */
  readonly file?: string;
  /** Loads the whole contract model on demand, as {@link ServiceContract.model}: only `checkContract()` uses it. */
  readonly model?: () => Promise<ContractModel>;
  /** Builds the URI template of each topic with `components`, as {@link ServiceContract.uriTemplate}. */
  readonly uriTemplate?: UriTemplateFactory;
  readonly topics: readonly TopicContract[];
}

/** Which values generated code validates. Inbound arguments of a callee are always validated. */
export interface ValidationOptions {
  /** Validate arguments before a call is sent (default true). */
  readonly validateArgs?: boolean;
  /** Validate results and progressive chunks on receipt (default true). */
  readonly validateResults?: boolean;
}

/** Maps a URI under `from` to the same URI under `to` (used to mount a contract under another prefix). */
export function remapUri(uri: string, from: string, to: string | undefined): string {
  if (to === undefined || to === from) return uri;
  return uri.startsWith(`${from}.`) ? `${to}${uri.slice(from.length)}` : uri;
}
