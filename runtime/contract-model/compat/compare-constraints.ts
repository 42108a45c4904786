import type { Constraints, TypeNode } from '../contract-model.js';
import { CompatRules, type CompatRuleValue } from './compat-rules.js';

/** A constraint the reader enforces that some writer value can break. */
export interface ConstraintProblem {
  readonly rule: CompatRuleValue;
  readonly detail: string;
}

/**
 * The constraints a writer's values satisfy: its declared ones, completed from the values of a
 * literal (or a union of literals) so that `'ab'` satisfies `@maxLength 2` and `5` satisfies `@int`.
 */
export function writerConstraints(type: TypeNode, declared: Constraints | undefined): Constraints {
  // A Date travels as an ISO 8601 date-time string.
  if (type.kind === 'date') return { format: 'date-time', ...declared };
  const values = literalValues(type);
  if (values === undefined || values.length === 0) return declared ?? {};
  const derived: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    derived.minimum = Math.min(...numbers);
    derived.maximum = Math.max(...numbers);
    derived.int = numbers.every(Number.isInteger);
  } else if (values.every((v) => typeof v === 'string')) {
    const lengths = (values as string[]).map((v) => v.length);
    derived.minLength = Math.min(...lengths);
    derived.maxLength = Math.max(...lengths);
  }
  return { ...derived, ...declared };
}

// The literal values of a literal, an enum or a union of them; undefined for anything else.
function literalValues(type: TypeNode): (string | number | boolean)[] | undefined {
  if (type.kind === 'literal') return [type.value];
  if (type.kind === 'enum') return type.members.map((m) => m.value);
  if (type.kind === 'union') {
    const out: (string | number | boolean)[] = [];
    for (const member of type.members) {
      const values = literalValues(member);
      if (values === undefined) return undefined;
      out.push(...values);
    }
    return out;
  }
  return undefined;
}

/**
 * What the reader's constraints reject that the writer's allow. Patterns are compared as text and
 * never run: a pattern can come from a live contract of a remote peer.
 */
export function constraintProblems(
  writer: Constraints,
  reader: Constraints | undefined,
): ConstraintProblem[] {
  if (reader === undefined) return [];
  const out: ConstraintProblem[] = [];
  const lower = (r: number | undefined, w: number | undefined) =>
    r !== undefined && (w === undefined || w < r);
  const upper = (r: number | undefined, w: number | undefined) =>
    r !== undefined && (w === undefined || w > r);
  const show = (v: unknown) => (v === undefined ? 'none' : String(v));
  if (lower(reader.minimum, writer.minimum))
    out.push(range(`@minimum ${show(writer.minimum)} → ${show(reader.minimum)}`));
  if (upper(reader.maximum, writer.maximum))
    out.push(range(`@maximum ${show(writer.maximum)} → ${show(reader.maximum)}`));
  if (reader.int === true && writer.int !== true) out.push(range('@int added'));
  if (lower(reader.minLength, writer.minLength))
    out.push(length(`@minLength ${show(writer.minLength)} → ${show(reader.minLength)}`));
  if (upper(reader.maxLength, writer.maxLength))
    out.push(length(`@maxLength ${show(writer.maxLength)} → ${show(reader.maxLength)}`));
  if (reader.pattern !== undefined && reader.pattern !== writer.pattern)
    out.push(pattern(`@pattern ${show(writer.pattern)} → ${reader.pattern}`));
  if (reader.format !== undefined && reader.format !== writer.format)
    out.push(pattern(`@format ${show(writer.format)} → ${reader.format}`));
  return out;
}

const range = (detail: string): ConstraintProblem => ({ rule: CompatRules.RANGE_NARROWED, detail });
const length = (detail: string): ConstraintProblem => ({ rule: CompatRules.LENGTH_NARROWED, detail });
const pattern = (detail: string): ConstraintProblem => ({ rule: CompatRules.PATTERN_CHANGED, detail });
