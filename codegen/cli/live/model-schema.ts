/**
 * Validators built at run time from a ContractModel: each TypeNode becomes the `zod/mini` schema
 * that `gen` emits for it (codegen/emit/zod-expr.ts and emit-named-type.ts, rule for rule), so the
 * live commands check a hand-typed payload exactly as a generated peer would.
 *
 * A live contract comes from a peer, so nothing in it is trusted: every node's shape is checked
 * (a malformed one is a `ModelSchemaError`, never a TypeError), the nesting of one type expression
 * and the number of nodes built are bounded, regular expressions are length-limited and compiled
 * before use, generic instantiations are bounded, and recursion through named types goes through
 * `z.lazy` so a self-referencing contract terminates. Schemas are built with zod's JIT off.
 */
import type {
  Constraints,
  ContractModel,
  NamedTypeModel,
  ParamModel,
  ProcedureModel,
  PropertyModel,
  TupleElement,
  TypeNode,
  UriComponentModel,
} from 'wamp-contracts/contract-model';
import { binary, isoDate } from 'wamp-contracts/runtime/contracts';
import * as z from 'wamp-contracts/validators';

/** The bounds on what a contract may make this module build (docs/cli.md, "How payloads are checked"). */
export const MODEL_SCHEMA_LIMITS = {
  /** Nesting of one type expression, references followed eagerly included. */
  depth: 64,
  /** Type nodes built for one contract (each named type once, each generic instantiation once). */
  nodes: 20_000,
  /**
   * Type nodes one validator stands for with every named type written out where it is used: what
   * checking a value may visit. Bounds chains such as `T0 = T1 | T1; T1 = T2 | T2; ...`, which build
   * in a few nodes (each named type once) but check in exponential time.
   */
  expandedNodes: 100_000,
  /** Characters of one `@pattern`. */
  patternLength: 1_000,
  /** Characters of one generic instantiation's arguments (as JSON). */
  instantiationKey: 4_096,
} as const;

/** A contract that cannot be turned into validators: malformed, too large, or beyond what `gen` emits. */
export class ModelSchemaError extends Error {
  override readonly name = 'ModelSchemaError';
}

/** A built validator. */
export type Schema = z.ZodMiniType;

/** `@format` values and their validators, as the generator maps them. */
const STRING_FORMATS: Record<string, () => Schema> = {
  'date-time': () => z.iso.datetime({ offset: true }),
  date: () => z.iso.date(),
  time: () => z.iso.time(),
  duration: () => z.iso.duration(),
  email: () => z.email(),
  uuid: () => z.uuid(),
  uri: () => z.url(),
  url: () => z.url(),
  ipv4: () => z.ipv4(),
  ipv6: () => z.ipv6(),
  hostname: () => z.hostname(),
  base64: () => z.base64(),
  ulid: () => z.ulid(),
  cuid: () => z.cuid(),
  nanoid: () => z.nanoid(),
};

type Scope = ReadonlyMap<string, { readonly node: TypeNode; readonly schema: Schema }>;
const NO_SCOPE: Scope = new Map();

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs `build` with zod's JIT off: code is never generated from a peer's names and literals. */
export function jitless<T>(build: () => T): T {
  const before = z.config().jitless;
  z.config({ jitless: true });
  try {
    return build();
  } finally {
    z.config({ jitless: before });
  }
}

/** Builds (and caches) the validators of one contract model. */
export class ModelSchemas {
  readonly #named = new Map<string, NamedTypeModel>();
  readonly #built = new Map<string, Schema>();
  readonly #building = new Set<string>();
  // Per node object (and constraints object): a payload checked again (each event) is not built again.
  readonly #roots = new WeakMap<object, Map<unknown, Schema>>();
  #nodes = 0;
  // Expanded nodes of the validator being built, and of each named type (or instantiation) built so far.
  #expanded = 0;
  readonly #expandedOf = new Map<string, number>();

  constructor(model: ContractModel) {
    if (!isRecord(model) || !Array.isArray(model.files)) fail('the contract model has no files');
    for (const file of model.files) {
      if (!isRecord(file) || typeof file.path !== 'string') fail('a contract file has no path');
      for (const type of list(file.types, `types of ${file.path}`)) {
        if (!isRecord(type) || typeof type.name !== 'string')
          fail(`a named type of ${file.path} has no name`);
        this.#named.set(typeKey(file.path, type.name), type as unknown as NamedTypeModel);
      }
    }
  }

  /** The validator of a value of `node` with `constraints` (a parameter's, a property's, ...). */
  type(node: TypeNode, constraints?: Constraints): Schema {
    return this.#cached(node, constraints, () => this.#compile(node, NO_SCOPE, constraints, 0));
  }

  /** The arguments validator of a procedure: the tuple of its parameters, or its one kwargs object. */
  arguments(procedure: ProcedureModel): Schema {
    const params = list(procedure.params, `parameters of ${procedure.uri}`) as ParamModel[];
    return this.#cached(procedure, undefined, () => {
      if (procedure.kwargs === true && params[0] !== undefined) return this.#param(params[0], false);
      return z.tuple(params.map((p) => this.#param(p, p.optional === true)) as [Schema, ...Schema[]]);
    });
  }

  /** The validator of a URI template component (its type and constraints). */
  component(component: UriComponentModel): Schema {
    return this.type(component.type, component.constraints);
  }

  #cached(key: unknown, constraints: unknown, build: () => Schema): Schema {
    if (!isRecord(key)) return this.#root(build);
    let byConstraints = this.#roots.get(key);
    const hit = byConstraints?.get(constraints);
    if (hit !== undefined) return hit;
    const schema = this.#root(build);
    if (byConstraints === undefined) this.#roots.set(key, (byConstraints = new Map()));
    byConstraints.set(constraints, schema);
    return schema;
  }

  // One validator built from the top: the expanded count starts afresh, and whatever a peer's model
  // makes zod throw (a plain Error or a TypeError on a malformed node) is a ModelSchemaError.
  #root(build: () => Schema): Schema {
    this.#expanded = 0;
    try {
      return jitless(build);
    } catch (error) {
      if (error instanceof ModelSchemaError) throw error;
      throw new ModelSchemaError(
        `a type cannot be built: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #countExpanded(n: number): void {
    this.#expanded += n;
    if (this.#expanded > MODEL_SCHEMA_LIMITS.expandedNodes)
      fail(`a type stands for more than ${MODEL_SCHEMA_LIMITS.expandedNodes} type nodes once written out`);
  }

  #param(param: ParamModel, optional: boolean): Schema {
    if (!isRecord(param)) fail('a parameter is not an object');
    const expr = this.#compile(param.type, NO_SCOPE, constraintsOf(param.constraints), 0);
    return optional && param.constraints?.default === undefined ? z.optional(expr) : expr;
  }

  #compile(node: TypeNode, scope: Scope, c: Constraints | undefined, depth: number): Schema {
    if (depth > MODEL_SCHEMA_LIMITS.depth)
      fail(`a type is nested deeper than ${MODEL_SCHEMA_LIMITS.depth} levels`);
    if (++this.#nodes > MODEL_SCHEMA_LIMITS.nodes)
      fail(`the contract needs more than ${MODEL_SCHEMA_LIMITS.nodes} type nodes`);
    this.#countExpanded(1);
    if (!isRecord(node) || typeof node.kind !== 'string') fail('a type node has no kind');
    const expr = this.#base(node, scope, c, depth + 1);
    return c?.default !== undefined ? z._default(expr, c.default as never) : expr;
  }

  #base(node: TypeNode, scope: Scope, c: Constraints | undefined, depth: number): Schema {
    const sub = (n: TypeNode, constraints?: Constraints) => this.#compile(n, scope, constraints, depth);
    switch (node.kind) {
      case 'string': {
        let expr: Schema = z.string();
        if (c?.format !== undefined) {
          const format = STRING_FORMATS[String(c.format)];
          if (format === undefined || !Object.hasOwn(STRING_FORMATS, String(c.format)))
            fail(`no validator for @format ${JSON.stringify(c.format)}`);
          expr = format();
        }
        const checks = lengthChecks(c);
        if (c?.pattern !== undefined) checks.push(z.regex(pattern(c.pattern)));
        return withChecks(expr, checks);
      }
      case 'number': {
        const checks: z.core.$ZodCheck<never>[] = [];
        if (c?.minimum !== undefined) checks.push(z.gte(finite(c.minimum, '@minimum')));
        if (c?.maximum !== undefined) checks.push(z.lte(finite(c.maximum, '@maximum')));
        return withChecks(c?.int === true ? z.int() : z.number(), checks);
      }
      case 'boolean':
        return z.boolean();
      case 'null':
        return z.null();
      case 'undefined':
        return z.undefined();
      case 'unknown':
        return z.unknown();
      case 'void':
        return fail('void is only allowed as a procedure result');
      case 'literal':
        return z.literal(literal(node.value));
      case 'array':
        return withChecks(z.array(sub(node.element)), lengthChecks(c));
      case 'tuple': {
        const elements = list(node.elements, 'tuple elements') as TupleElement[];
        const fixed = elements.filter((e) => isRecord(e) && e.rest !== true);
        const rest = elements.find((e) => isRecord(e) && e.rest === true);
        const items = fixed.map((e) => (e.optional === true ? optionalOf(e.type, sub(e.type)) : sub(e.type)));
        const tuple = items as [Schema, ...Schema[]];
        return rest === undefined ? z.tuple(tuple) : z.tuple(tuple, sub(rest.type));
      }
      case 'object':
        return z.object(this.#shape(node.properties, scope, depth));
      case 'record':
        return z.record(
          (isRecord(node.key) && node.key.kind === 'string'
            ? z.string()
            : sub(node.key)) as z.core.$ZodRecordKey,
          sub(node.value),
        );
      case 'union': {
        const members = list(node.members, 'union members') as TypeNode[];
        if (members.length === 0) fail('a union has no members');
        if (members.every((m) => isRecord(m) && m.kind === 'literal'))
          return literalUnion(members.map((m) => (m as { value: unknown }).value));
        const schemas = members.map((m) => sub(m)) as [Schema, ...Schema[]];
        if (node.discriminant !== undefined) {
          if (typeof node.discriminant !== 'string') fail('a union discriminant is not a string');
          return z.discriminatedUnion(node.discriminant, schemas as never);
        }
        return z.union(schemas);
      }
      case 'intersection': {
        const members = list(node.members, 'intersection members') as TypeNode[];
        if (members.length === 0) fail('an intersection has no members');
        return members.map((m) => sub(m)).reduce((left, right) => z.intersection(left, right));
      }
      case 'ref':
        return this.#ref(node, scope, depth);
      case 'typeParam': {
        const bound = typeof node.name === 'string' ? scope.get(node.name) : undefined;
        if (bound === undefined) fail(`type parameter ${String(node.name)} is not in scope`);
        return bound.schema;
      }
      case 'enum':
        return literalUnion(list(node.members, 'enum members').map((m) => (m as { value: unknown }).value));
      case 'binary':
        return binary();
      case 'date':
        return isoDate();
      case 'brand':
        // `.brand()` only changes the static type: the base with the constraints is the validator.
        return sub(node.base, c);
      case 'template': {
        const parts = list(node.parts, 'template parts').map((p) =>
          typeof p === 'string' ? p : sub(p as TypeNode),
        );
        return z.templateLiteral(parts as never);
      }
      default:
        return fail(`unknown type kind ${JSON.stringify((node as { kind: unknown }).kind)}`);
    }
  }

  #shape(properties: readonly PropertyModel[], scope: Scope, depth: number): Record<string, Schema> {
    const shape: Record<string, Schema> = {};
    for (const p of list(properties, 'object properties') as PropertyModel[]) {
      if (!isRecord(p) || typeof p.name !== 'string') fail('an object property has no name');
      // defineProperty: a property named `__proto__` stays a property of the shape.
      Object.defineProperty(shape, p.name, {
        value: this.#property(p, scope, depth),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return shape;
  }

  // `a?: T` must not take an explicit undefined (exactOptionalPropertyTypes); `a?: T | undefined` may.
  #property(p: PropertyModel, scope: Scope, depth: number): Schema {
    const c = constraintsOf(p.constraints);
    if (p.optional !== true || c?.default !== undefined) return this.#compile(p.type, scope, c, depth);
    const type = p.type;
    if (isRecord(type) && type.kind === 'union' && list(type.members, 'union members').some(isUndefined)) {
      const rest = (type.members as TypeNode[]).filter((m) => !isUndefined(m));
      const inner: TypeNode = rest.length === 1 ? rest[0]! : { kind: 'union', members: rest };
      return z.optional(this.#compile(inner, scope, c, depth));
    }
    return z.exactOptional(this.#compile(type, scope, c, depth));
  }

  #ref(node: Extract<TypeNode, { kind: 'ref' }>, scope: Scope, depth: number): Schema {
    if (typeof node.name !== 'string' || typeof node.file !== 'string') fail('a type reference has no name');
    const named = this.#named.get(typeKey(node.file, node.name));
    if (named === undefined) fail(`type ${node.name} (${node.file}) is not declared in the contract`);
    const params = list(named.typeParams, `type parameters of ${named.name}`);
    const args = list(node.typeArgs, `type arguments of ${named.name}`) as TypeNode[];
    if (args.length !== params.length || params.some((p) => typeof p !== 'string'))
      fail(`${named.name} takes ${params.length} type argument(s), got ${args.length}`);
    const closed = args.map((a) => closeOver(a, scope, depth));
    let key = typeKey(node.file, node.name);
    if (closed.length > 0) {
      key += JSON.stringify(closed);
      if (key.length > MODEL_SCHEMA_LIMITS.instantiationKey)
        fail(
          `an instantiation of ${named.name} is larger than ${MODEL_SCHEMA_LIMITS.instantiationKey} characters`,
        );
    }
    const done = this.#built.get(key);
    if (done !== undefined) {
      // Built before: it costs a check what it cost when it was built.
      this.#countExpanded(this.#expandedOf.get(key) ?? 1);
      return done;
    }
    // A reference back into a type being built: read on first use, so recursion terminates.
    if (this.#building.has(key))
      return z.lazy(() => this.#built.get(key) ?? fail(`${named.name} is unusable`));
    this.#building.add(key);
    const expandedBefore = this.#expanded;
    try {
      const inner: Scope = new Map(
        (params as string[]).map((p, i) => [
          p,
          { node: closed[i]!, schema: this.#compile(args[i]!, scope, undefined, depth) },
        ]),
      );
      const body = named.type;
      let schema: Schema;
      if (isRecord(body) && body.kind === 'enum') {
        const members = list(body.members, `members of ${named.name}`) as { name: unknown; value: unknown }[];
        schema = z.enum(Object.fromEntries(members.map((m) => [String(m.name), literal(m.value)])) as never);
      } else if (isRecord(body) && body.kind === 'object') {
        schema = z.object(this.#shape(body.properties, inner, depth));
      } else schema = this.#compile(body, inner, constraintsOf(named.constraints), depth);
      this.#built.set(key, schema);
      this.#expandedOf.set(key, this.#expanded - expandedBefore);
      return schema;
    } finally {
      this.#building.delete(key);
    }
  }
}

function fail(message: string): never {
  throw new ModelSchemaError(message);
}

function typeKey(file: string, name: string): string {
  return `${file}\u0000${name}`;
}

function list(value: unknown, what: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  return value;
}

function isUndefined(node: unknown): boolean {
  return isRecord(node) && node.kind === 'undefined';
}

/** A type argument with the type parameters in scope replaced by what they stand for (a cache key). */
function closeOver(node: TypeNode, scope: Scope, depth: number): TypeNode {
  if (depth > MODEL_SCHEMA_LIMITS.depth)
    fail(`a type argument is nested deeper than ${MODEL_SCHEMA_LIMITS.depth} levels`);
  if (!isRecord(node)) return node;
  if (node.kind === 'typeParam' && typeof node.name === 'string') return scope.get(node.name)?.node ?? node;
  if (scope.size === 0) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = Array.isArray(v)
      ? v.map((x) => closeOver(x as TypeNode, scope, depth + 1))
      : isRecord(v)
        ? closeOver(v as TypeNode, scope, depth + 1)
        : v;
  }
  return out as TypeNode;
}

function constraintsOf(value: unknown): Constraints | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) fail('constraints are not an object');
  return value as Constraints;
}

function finite(value: unknown, tag: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${tag} is not a finite number`);
  return value;
}

function length(value: unknown, tag: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(`${tag} is not a non-negative integer`);
  return value as number;
}

function pattern(source: unknown): RegExp {
  if (typeof source !== 'string') fail('@pattern is not a string');
  if (source.length > MODEL_SCHEMA_LIMITS.patternLength)
    fail(`a @pattern is longer than ${MODEL_SCHEMA_LIMITS.patternLength} characters`);
  const risky = catastrophicBacktracking(source);
  if (risky !== undefined) fail(`@pattern ${JSON.stringify(source)} is refused: ${risky}`);
  try {
    return new RegExp(source);
  } catch (error) {
    return fail(
      `@pattern ${JSON.stringify(source)} is not a regular expression: ${(error as Error).message}`,
    );
  }
}

/**
 * Why a peer's pattern could take exponential time on a crafted string, or undefined. JavaScript
 * cannot interrupt a running regular expression, so the shapes that backtrack catastrophically are
 * refused before use: a quantified group that itself contains a quantifier (`(a+)+`, `(\w*x)*`) and
 * backreferences. Conservative: some harmless patterns are refused too (`--no-check` skips checks).
 */
export function catastrophicBacktracking(source: string): string | undefined {
  if (/\\(?:[1-9]|k<)/.test(source)) return 'a backreference';
  // Per open group: whether a quantifier occurs inside it.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') groups.push(false);
    else if (ch === ')') {
      const quantifiedInside = groups.pop() === true;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '{';
      if (quantifiedInside && quantified) return 'a repeated group that contains a repetition';
      if (quantifiedInside && groups.length > 0) groups[groups.length - 1] = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && groups.length > 0)
      groups[groups.length - 1] = true;
  }
  return undefined;
}

function literal(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(`a literal is not a string, finite number or boolean: ${JSON.stringify(value)}`);
}

/** `z.enum([...])` for string literals, `z.literal([...])` for mixed ones (as the generator writes them). */
function literalUnion(values: readonly unknown[]): Schema {
  if (values.length === 0) fail('a literal union has no members');
  const checked = values.map(literal);
  return checked.every((v) => typeof v === 'string')
    ? z.enum(checked as [string, ...string[]])
    : z.literal(checked as [string | number | boolean]);
}

function lengthChecks(c: Constraints | undefined): z.core.$ZodCheck<never>[] {
  const checks: z.core.$ZodCheck<never>[] = [];
  if (c?.minLength !== undefined) checks.push(z.minLength(length(c.minLength, '@minLength')));
  if (c?.maxLength !== undefined) checks.push(z.maxLength(length(c.maxLength, '@maxLength')));
  return checks;
}

function withChecks(expr: Schema, checks: readonly z.core.$ZodCheck<never>[]): Schema {
  if (checks.length === 0) return expr;
  return (expr as unknown as { check(...c: readonly z.core.$ZodCheck<never>[]): Schema }).check(...checks);
}

// An optional tuple element `T?` is absent or a T (exactOptionalPropertyTypes); `(T | undefined)?` also takes undefined.
function optionalOf(type: TypeNode, expr: Schema): Schema {
  const takesUndefined =
    isUndefined(type) ||
    (isRecord(type) &&
      type.kind === 'union' &&
      Array.isArray(type.members) &&
      type.members.some(isUndefined));
  return takesUndefined ? z.optional(expr) : z.exactOptional(expr);
}
