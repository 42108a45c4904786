/**
 * The checks `call` and `publish` make against a contract before anything is sent: the payload's
 * shape (positional or kwargs, the parameter count) and each value's top-level kind. Deeper checks
 * are the callee's (a generated callee validates every call and answers `wamp.error.invalid_argument`).
 */
import type { ContractModel, ProcedureModel, TopicModel, TypeNode } from 'wamp-contracts/contract-model';

/** Looks up the type a non-generic `ref` names; undefined leaves the value to the peer. */
export type RefResolver = (ref: Extract<TypeNode, { kind: 'ref' }>) => TypeNode | undefined;

/** The resolver of `model`'s named types (generic ones are not resolved). */
export function refResolver(model: ContractModel | undefined): RefResolver {
  return (ref) => {
    if (model === undefined || ref.typeArgs.length > 0) return undefined;
    const named = model.files.find((f) => f.path === ref.file)?.types.find((t) => t.name === ref.name);
    return named === undefined || named.typeParams.length > 0 ? undefined : named.type;
  };
}

/** What is wrong with `value` as a value of `type` at the top level, or undefined when nothing is. */
export function topLevelMismatch(
  type: TypeNode,
  value: unknown,
  resolve: RefResolver,
  depth = 0,
): string | undefined {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const want = (expected: string): string | undefined =>
    got === expected ? undefined : `expected ${expected}, got ${got}`;
  switch (type.kind) {
    case 'string':
    case 'date':
    case 'template':
      return want('string');
    case 'number':
      return want('number');
    case 'boolean':
      return want('boolean');
    case 'null':
      return want('null');
    case 'literal':
      return value === type.value
        ? undefined
        : `expected ${JSON.stringify(type.value)}, got ${JSON.stringify(value)}`;
    case 'array':
    case 'tuple':
      return want('array');
    case 'object':
    case 'record':
      return want('object');
    case 'brand':
      return topLevelMismatch(type.base, value, resolve, depth);
    case 'ref': {
      // Bounded: a recursive alias is followed a few steps, then left to the peer.
      const target = depth < 8 ? resolve(type) : undefined;
      return target === undefined ? undefined : topLevelMismatch(target, value, resolve, depth + 1);
    }
    case 'enum':
      return type.members.some((m) => m.value === value)
        ? undefined
        : `expected one of ${type.members.map((m) => JSON.stringify(m.value)).join(', ')}, got ${JSON.stringify(value)}`;
    default:
      // Unions, references, binary and the rest are left to the callee's validation.
      return undefined;
  }
}

/** Problems of `value` (the command line's JSON) as the arguments of `procedure`; empty when it fits. */
export function callMismatches(procedure: ProcedureModel, value: unknown, resolve: RefResolver): string[] {
  if (procedure.input !== undefined)
    return [`${procedure.uri} takes a streamed input, which call cannot send`];
  if (procedure.kwargs) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return [`${procedure.uri} takes its arguments as one kwargs object, e.g. '{"name": …}'`];
    const param = procedure.params[0];
    return param === undefined ? [] : checkObject(param.type, value as Record<string, unknown>, resolve);
  }
  const args = Array.isArray(value) ? value : [value];
  const required = procedure.params.reduce((n, p, i) => (p.optional ? n : i + 1), 0);
  if (args.length < required || args.length > procedure.params.length)
    return [
      `${procedure.uri} takes ${required === procedure.params.length ? required : `${required} to ${procedure.params.length}`} argument(s) (${procedure.params.map((p) => p.name + (p.optional ? '?' : '')).join(', ')}), got ${args.length}`,
    ];
  return args.flatMap((arg, i) => {
    const param = procedure.params[i]!;
    if (arg === null && param.optional) return [];
    const why = topLevelMismatch(param.type, arg, resolve);
    return why === undefined ? [] : [`argument ${i} (${param.name}): ${why}`];
  });
}

/** Problems of `value` as the payload of `topic`. */
export function publishMismatches(topic: TopicModel, value: unknown, resolve: RefResolver): string[] {
  if (topic.kwargs) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return [`${topic.uri} carries its payload as one kwargs object`];
    return checkObject(topic.payload, value as Record<string, unknown>, resolve);
  }
  const why = topLevelMismatch(topic.payload, value, resolve);
  if (why === undefined) {
    const target = topic.payload.kind === 'ref' ? resolve(topic.payload) : topic.payload;
    if (target !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value))
      return checkObject(target, value as Record<string, unknown>, resolve);
  }
  return why === undefined ? [] : [`payload: ${why}`];
}

/** Missing required and mistyped properties of an inline object type (a reference is left to the peer). */
function checkObject(type: TypeNode, value: Record<string, unknown>, resolve: RefResolver): string[] {
  if (type.kind === 'ref') {
    const target = resolve(type);
    return target === undefined || target.kind === 'ref' ? [] : checkObject(target, value, resolve);
  }
  if (type.kind !== 'object') return [];
  const out: string[] = [];
  for (const p of type.properties) {
    if (!(p.name in value)) {
      if (!p.optional) out.push(`missing property ${p.name}`);
      continue;
    }
    const why = topLevelMismatch(p.type, value[p.name], resolve);
    if (why !== undefined) out.push(`property ${p.name}: ${why}`);
  }
  return out;
}
