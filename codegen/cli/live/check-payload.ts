/**
 * The checks `call`, `publish` and `subscribe` make against a contract: the whole payload, with the
 * validators a generated peer would build for it (model-schema.ts) and the rules a generated peer
 * applies beyond zod: a `null` in a positional gap is an absent optional parameter, a value nested
 * deeper than 128 levels is refused, and a callee refuses properties its contract does not declare
 * (a subscriber ignores them).
 */
import type { ProcedureModel, TopicModel, TypeNode } from 'wamp-contracts/contract-model';
import {
  exceedsDepth,
  isNullAbsent,
  MAX_VALIDATE_DEPTH,
  readGaps,
  toValidationIssues,
  unknownKeyIssues,
  type ValidationIssue,
} from 'wamp-contracts/runtime/contracts';
import { errorText } from 'wamp-contracts/protocol';
import * as z from 'wamp-contracts/validators';
import { jitless, ModelSchemaError, type ModelSchemas, type Schema } from './model-schema.js';

/** At most this many issues are printed for one payload (the first ones found). */
export const MAX_LISTED_ISSUES = 20;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/**
 * The issues of `value` against `schema`, as a generated peer finds them; `strictKeys` adds an
 * `unrecognized_keys` issue for each undeclared property, as a generated callee refuses them.
 * A validator that throws (a contract zod cannot use) is a `ModelSchemaError`.
 */
export function schemaIssues(schema: Schema, value: unknown, strictKeys: boolean): ValidationIssue[] {
  const tooDeep: ValidationIssue[] = [
    { code: 'too_deep', path: [], message: `nested deeper than ${MAX_VALIDATE_DEPTH} levels` },
  ];
  if (exceedsDepth(value, MAX_VALIDATE_DEPTH)) return tooDeep;
  let result: ReturnType<typeof z.safeParse>;
  try {
    result = jitless(() => z.safeParse(schema, value));
  } catch (error) {
    if (error instanceof RangeError) return tooDeep;
    if (error instanceof ModelSchemaError) throw error;
    throw new ModelSchemaError(`its validator failed: ${errorText(error)}`);
  }
  if (!result.success) return toValidationIssues(result.error.issues);
  return strictKeys ? unknownKeyIssues(value, result.data) : [];
}

/** `path: message` for one issue; a leading argument index is shown as the parameter's name. */
export function issueLine(issue: ValidationIssue, names?: readonly string[]): string {
  let text = '';
  issue.path.forEach((segment, i) => {
    if (i === 0 && names !== undefined && typeof segment === 'number')
      text = names[segment] ?? `[${segment}]`;
    else if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  });
  return `${text === '' ? '(root)' : text}: ${issue.message}`;
}

/** The first `MAX_LISTED_ISSUES` lines, and how many more there are. */
function lines(issues: readonly ValidationIssue[], names?: readonly string[]): string[] {
  const out = issues.slice(0, MAX_LISTED_ISSUES).map((i) => issueLine(i, names));
  if (issues.length > MAX_LISTED_ISSUES) out.push(`… and ${issues.length - MAX_LISTED_ISSUES} more`);
  return out;
}

/** The positional arguments a command-line value stands for: an array is the list, anything else one argument. */
export function positionalArgs(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Problems of `value` (the command line's JSON) as the arguments of `procedure`, checked as its
 * generated callee checks them; empty when it fits.
 */
export function callMismatches(procedure: ProcedureModel, value: unknown, schemas: ModelSchemas): string[] {
  if (procedure.input !== undefined)
    return [`${procedure.uri} takes a streamed input, which call cannot send`];
  const schema = schemas.arguments(procedure);
  if (procedure.kwargs === true) {
    if (!isObject(value))
      return [`${procedure.uri} takes its arguments as one kwargs object, e.g. '{"name": …}'`];
    return lines(schemaIssues(schema, value, true));
  }
  // Read like the builder reads them: a peer's model may leave `params` out.
  const params = (Array.isArray(procedure.params) ? procedure.params : []).filter(
    (p): p is ProcedureModel['params'][number] => typeof p === 'object' && p !== null,
  );
  const args = positionalArgs(value);
  const required = params.reduce((n, p, i) => (p.optional ? n : i + 1), 0);
  if (args.length < required || args.length > params.length) {
    const count = required === params.length ? `${required}` : `${required} to ${params.length}`;
    const names = params.map((p) => p.name + (p.optional ? '?' : '')).join(', ');
    return [`${procedure.uri} takes ${count} argument(s) (${names}), got ${args.length}`];
  }
  // A null in a gap is an absent optional parameter to the callee (runtime/contracts/absent-values.ts).
  const read = readGaps(schema as z.core.$ZodType, args);
  return lines(
    schemaIssues(schema, read, true),
    params.map((p) => p.name),
  );
}

/**
 * Problems of `value` as the payload of `topic`, checked as a generated subscriber checks an event
 * (undeclared properties are not refused: a subscriber ignores them); empty when it fits.
 */
export function publishMismatches(topic: TopicModel, value: unknown, schemas: ModelSchemas): string[] {
  if (topic.kwargs && !isObject(value)) return [`${topic.uri} carries its payload as one kwargs object`];
  return lines(schemaIssues(schemas.type(topic.payload), value, false));
}

/** The properties of `value` that a generated subscriber of `topic` would not see (it strips them). */
export function ignoredKeys(topic: TopicModel, value: unknown, schemas: ModelSchemas): string[] {
  const schema = schemas.type(topic.payload);
  const result = jitless(() => z.safeParse(schema, value));
  return result.success ? lines(unknownKeyIssues(value, result.data)) : [];
}

/**
 * Problems of a result or progressive chunk received for a call (its `Arguments`), checked as a
 * generated caller checks it: `Arguments[0]` against `type`, no Arguments or a `null` read as
 * absent where the type takes `undefined` but not `null`; unknown properties pass. Empty for `void`.
 */
export function receivedMismatches(
  type: TypeNode,
  args: readonly unknown[],
  schemas: ModelSchemas,
): string[] {
  if (type.kind === 'void') return [];
  const schema = schemas.type(type);
  let value = args[0];
  if (value === null && isNullAbsent(schema as z.core.$ZodType)) value = undefined;
  return lines(schemaIssues(schema, value, false));
}
