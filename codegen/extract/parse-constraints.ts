import { type TypeScript, ts } from './typescript.js';
import type { Constraints } from '../model/contract-model.js';
import { type ExtractContext, typeText } from './extract-context.js';
import type { JsDocTag } from './read-jsdoc.js';

/** The constraint tags, in the order they are read. */
export const CONSTRAINT_TAGS: ReadonlySet<string> = new Set([
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'int',
  'default',
]);

/** `@format` values the validators know. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'uuid',
  'uri',
  'url',
  'ipv4',
  'ipv6',
  'hostname',
  'base64',
  'ulid',
  'cuid',
  'nanoid',
]);

/** The value shapes constraint tags apply to. */
type Shape = 'number' | 'string' | 'array';

/** JSON number syntax: what `@minimum` and `@maximum` accept. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const F = ts.TypeFlags;

/** The non-null, non-undefined members of a type. */
function valueMembers(type: TypeScript.Type): TypeScript.Type[] {
  const members = type.isUnion() ? type.types : [type];
  return members.filter((member) => (member.flags & (F.Null | F.Undefined | F.Void)) === 0);
}

/** True when one union member is a number, string or array (brands count as their base). */
function memberHasShape(checker: TypeScript.TypeChecker, member: TypeScript.Type, shape: Shape): boolean {
  if (member.isIntersection()) return member.types.some((part) => memberHasShape(checker, part, shape));
  if (shape === 'number') return (member.flags & F.NumberLike) !== 0;
  if (shape === 'string') return (member.flags & (F.StringLike | F.TemplateLiteral)) !== 0;
  return checker.isArrayType(member) || checker.isTupleType(member);
}

/** True when every value member of `type` has one of `shapes` (a number, a string, an array). */
function fits(checker: TypeScript.TypeChecker, type: TypeScript.Type, shapes: readonly Shape[]): boolean {
  const members = valueMembers(type);
  return (
    members.length > 0 && members.every((m) => shapes.some((shape) => memberHasShape(checker, m, shape)))
  );
}

/** Which shapes each constraint tag fits; `@default` fits any value. */
const FIT: Readonly<Record<string, readonly Shape[]>> = {
  minimum: ['number'],
  maximum: ['number'],
  int: ['number'],
  minLength: ['string', 'array'],
  maxLength: ['string', 'array'],
  pattern: ['string'],
  format: ['string'],
};

/** Parses one constraint tag's value; returns an error reason when it is invalid. */
function parseValue(tag: JsDocTag): { value: unknown } | { reason: string } {
  const text = tag.text;
  switch (tag.name) {
    case 'minimum':
    case 'maximum':
      return JSON_NUMBER.test(text) ? { value: Number(text) } : { reason: 'expected a number' };
    case 'minLength':
    case 'maxLength':
      return /^\d+$/.test(text) ? { value: Number(text) } : { reason: 'expected a non-negative integer' };
    case 'int':
      return text === '' ? { value: true } : { reason: 'takes no value' };
    case 'pattern':
      if (text === '') return { reason: 'expected a regular expression' };
      try {
        new RegExp(text);
        return { value: text };
      } catch (error) {
        return { reason: (error as Error).message };
      }
    case 'format':
      return KNOWN_FORMATS.has(text)
        ? { value: text }
        : { reason: `expected one of ${[...KNOWN_FORMATS].join(', ')}` };
    default:
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { reason: 'expected a JSON value (strings in double quotes)' };
      }
  }
}

/**
 * Reads the constraint tags among `tags` for a value of `type`, reporting invalid values and tags that do
 * not fit the type. Returns undefined when there is no constraint.
 */
export function parseConstraints(
  context: ExtractContext,
  tags: readonly JsDocTag[],
  type: TypeScript.Type,
  site: TypeScript.Node,
): Constraints | undefined {
  const constraints: Record<string, unknown> = {};
  let any = false;
  for (const tag of tags) {
    if (!CONSTRAINT_TAGS.has(tag.name)) continue;
    const parsed = parseValue(tag);
    if ('reason' in parsed) {
      context.report(
        'invalidTagValue',
        { tag: tag.name, value: tag.text, reason: parsed.reason },
        site,
        tag.pos,
      );
      continue;
    }
    const shapes = FIT[tag.name];
    if (shapes && !fits(context.checker, type, shapes)) {
      context.report('tagTypeMismatch', { tag: tag.name, type: typeText(context, type) }, site, tag.pos);
      continue;
    }
    constraints[tag.name] = parsed.value;
    any = true;
  }
  return any ? (constraints as Constraints) : undefined;
}
