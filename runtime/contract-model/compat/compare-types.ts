import type { Constraints, PropertyModel, TupleElement, TypeNode } from '../contract-model.js';
import { CompatRules, type CompatRuleValue } from './compat-rules.js';
import { constraintProblems, writerConstraints } from './compare-constraints.js';
import { canonicalJson, describeType, type NamedTypes, resolveRef } from './named-types.js';

/** A wire problem: some value the writer may send that the reader rejects (or drops, for a warning). */
export interface TypeProblem {
  readonly rule: CompatRuleValue;
  /** Where inside the value: `.prop`, `[0]` (tuple element), `[]` (array element), `{}` (record value). */
  readonly path: string;
  readonly detail: string;
  /** The value is accepted, but part of it is dropped. */
  readonly warning?: boolean;
}

/** The two versions of one comparison: who writes the value and who reads it. */
export interface WireSides {
  readonly writer: NamedTypes;
  readonly reader: NamedTypes;
  /** The writer is the old version: properties it sends that the reader no longer declares are reported. */
  readonly writerIsOld: boolean;
  /** The reader refuses unknown keys (a callee reading its arguments): an undeclared property breaks. */
  readonly strictReader?: boolean;
}

/** A place a value sits: its type and the constraints declared there (property, parameter). */
export interface TypeSite {
  readonly type: TypeNode;
  readonly constraints?: Constraints | undefined;
}

// Deeper than any real schema; a generic that grows on each recursion ends here instead of looping.
const MAX_DEPTH = 64;

// Steps of one comparison: a live contract comes from a remote peer, and nested unions multiply trials.
const MAX_STEPS = 200_000;

interface Ctx {
  readonly sides: WireSides;
  /** Steps left, shared by every trial of one comparison. */
  readonly budget: { left: number };
  seen: Set<string>;
  problems: TypeProblem[];
}

/**
 * Checks that every wire value of `writer` is accepted by `reader` (the writer's value set is a
 * subset of the reader's) and returns what breaks. Named types are compared by structure;
 * recursion is assumed compatible on its second visit (cycle-safe). Undecidable cases give a
 * conservative `WCD290` problem rather than silence.
 */
export function wireProblems(writer: TypeSite, reader: TypeSite, sides: WireSides): TypeProblem[] {
  const ctx: Ctx = { sides, budget: { left: MAX_STEPS }, seen: new Set(), problems: [] };
  check(writer.type, writer.constraints, reader.type, reader.constraints, '', ctx, 0);
  if (ctx.budget.left < 0)
    return [
      {
        rule: CompatRules.UNDECIDABLE,
        path: '',
        detail: `types too complex to compare in ${MAX_STEPS} steps`,
      },
    ];
  return ctx.problems;
}

/** True when a property may be absent: declared with `?` or with `undefined` in its type. */
export function mayBeAbsent(property: { readonly optional: boolean; readonly type: TypeNode }): boolean {
  return property.optional || hasUndefined(property.type);
}

function hasUndefined(type: TypeNode): boolean {
  return type.kind === 'undefined' || (type.kind === 'union' && type.members.some(hasUndefined));
}

/** The type without its `undefined` members (absence is judged apart). */
export function withoutUndefined(type: TypeNode): TypeNode {
  if (type.kind !== 'union') return type;
  const members = type.members.filter((m) => m.kind !== 'undefined');
  if (members.length === type.members.length) return type;
  return members.length === 1 ? (members[0] as TypeNode) : { ...type, members };
}

function push(ctx: Ctx, rule: CompatRuleValue, path: string, detail: string, warning = false): void {
  ctx.problems.push(warning ? { rule, path, detail, warning } : { rule, path, detail });
}

/** The properties of a type that is (or names) an object, or undefined for anything else. */
export function objectProperties(type: TypeNode, types: NamedTypes): readonly PropertyModel[] | undefined {
  const u = unwrap(type, undefined, types);
  return 'missing' in u || u.type.kind !== 'object' ? undefined : u.type.properties;
}

type Unwrapped = { type: TypeNode; constraints: Constraints | undefined } | { missing: string };

// Follows refs (with type arguments) and brands down to a structural node; brands are SOURCE only.
function unwrap(type: TypeNode, constraints: Constraints | undefined, types: NamedTypes): Unwrapped {
  let node = type;
  let cons = constraints;
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (node.kind === 'brand') node = node.base;
    else if (node.kind === 'ref') {
      const resolved = resolveRef(node, types);
      if (resolved === undefined) return { missing: `${node.name} (${node.file})` };
      cons = resolved.constraints === undefined ? cons : { ...resolved.constraints, ...cons };
      node = resolved.type;
    } else return { type: node, constraints: cons };
  }
  return { missing: describeType(type) };
}

function check(
  w: TypeNode,
  wc: Constraints | undefined,
  r: TypeNode,
  rc: Constraints | undefined,
  path: string,
  ctx: Ctx,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    push(ctx, CompatRules.UNDECIDABLE, path, `types nest deeper than ${MAX_DEPTH} levels`);
    return;
  }
  if (--ctx.budget.left < 0) {
    if (ctx.budget.left === -1)
      push(ctx, CompatRules.UNDECIDABLE, path, `types too complex to compare (${MAX_STEPS} steps)`);
    return;
  }
  if (w.kind === 'ref' && r.kind === 'ref') {
    // A pair of named types already under comparison is assumed compatible (coinduction).
    const key = `${canonicalJson(w)}|${canonicalJson(r)}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  const wu = unwrap(w, wc, ctx.sides.writer);
  const ru = unwrap(r, rc, ctx.sides.reader);
  if ('missing' in wu || 'missing' in ru) {
    const name = 'missing' in wu ? wu.missing : (ru as { missing: string }).missing;
    push(ctx, CompatRules.UNDECIDABLE, path, `named type ${name} is not declared in its contract`);
    return;
  }
  for (const p of constraintProblems(writerConstraints(wu.type, wu.constraints), ru.constraints))
    push(ctx, p.rule, path, p.detail);
  structure(wu.type, wu.constraints, ru.type, path, ctx, depth + 1);
}

function structure(
  w: TypeNode,
  wc: Constraints | undefined,
  r: TypeNode,
  path: string,
  ctx: Ctx,
  depth: number,
): void {
  if (r.kind === 'unknown') return;
  const writerMembers = w.kind === 'union' ? w.members : w.kind === 'enum' ? literals(w) : undefined;
  if (writerMembers !== undefined) {
    for (const m of writerMembers) check(m, undefined, r, undefined, path, ctx, depth);
    return;
  }
  if (w.kind === 'boolean' && (r.kind === 'union' || r.kind === 'enum')) {
    for (const value of [true, false])
      check({ kind: 'literal', value }, undefined, r, undefined, path, ctx, depth);
    return;
  }
  if (r.kind === 'union' || r.kind === 'enum') {
    readerUnion(w, wc, r.kind === 'union' ? r : { kind: 'union', members: literals(r) }, path, ctx, depth);
    return;
  }
  if (accepts(w, wc, r)) return;
  switch (r.kind) {
    case 'array':
      if (w.kind === 'array') {
        check(w.element, undefined, r.element, undefined, `${path}[]`, ctx, depth);
        return;
      }
      if (w.kind === 'tuple') {
        w.elements.forEach((e, i) => {
          check(e.type, undefined, r.element, undefined, `${path}[${i}]`, ctx, depth);
        });
        return;
      }
      break;
    case 'tuple':
      if (w.kind === 'tuple') {
        tuple(w.elements, r.elements, path, ctx, depth);
        return;
      }
      if (w.kind === 'array') {
        push(ctx, CompatRules.TUPLE_SHAPE, path, 'an array of any length is not a fixed tuple');
        return;
      }
      break;
    case 'object':
      if (w.kind === 'object') {
        object(w.properties, r.properties, path, ctx, depth);
        return;
      }
      if (w.kind === 'record') {
        push(ctx, CompatRules.UNDECIDABLE, path, 'a record is read as an object: its keys cannot be checked');
        return;
      }
      break;
    case 'record':
      if (w.kind === 'record') {
        check(w.key, undefined, r.key, undefined, `${path}{key}`, ctx, depth);
        check(w.value, undefined, r.value, undefined, `${path}{}`, ctx, depth);
        return;
      }
      if (w.kind === 'object') {
        for (const p of w.properties) {
          check(
            { kind: 'literal', value: p.name },
            undefined,
            r.key,
            undefined,
            `${path}.${p.name}`,
            ctx,
            depth,
          );
          check(withoutUndefined(p.type), p.constraints, r.value, undefined, `${path}.${p.name}`, ctx, depth);
        }
        return;
      }
      break;
    case 'literal':
      if (w.kind === 'literal' || w.kind === typeof r.value) {
        push(ctx, CompatRules.VALUE_NOT_ACCEPTED, path, `${describeType(w)} → only ${describeType(r)}`);
        return;
      }
      break;
    case 'template':
    case 'intersection':
    case 'typeParam':
      if (w.kind === r.kind || w.kind === 'literal' || w.kind === 'string') {
        push(ctx, CompatRules.UNDECIDABLE, path, `${describeType(w)} → ${describeType(r)} (${r.kind})`);
        return;
      }
      break;
    default:
      if (!KNOWN_KINDS.has(r.kind) || !KNOWN_KINDS.has(w.kind)) {
        push(ctx, CompatRules.UNDECIDABLE, path, `unknown type kind ${w.kind} → ${r.kind}`);
        return;
      }
  }
  if (w.kind === 'null' || w.kind === 'undefined' || w.kind === 'literal') {
    push(
      ctx,
      CompatRules.VALUE_NOT_ACCEPTED,
      path,
      `${describeType(w)} is no longer accepted by ${describeType(r)}`,
    );
    return;
  }
  if (w.kind === 'intersection' || !KNOWN_KINDS.has(w.kind)) {
    push(ctx, CompatRules.UNDECIDABLE, path, `${describeType(w)} → ${describeType(r)}`);
    return;
  }
  push(ctx, CompatRules.TYPE_CHANGED, path, `${describeType(w)} → ${describeType(r)}`);
}

const KNOWN_KINDS: ReadonlySet<string> = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'undefined',
  'unknown',
  'void',
  'literal',
  'array',
  'tuple',
  'object',
  'record',
  'union',
  'intersection',
  'ref',
  'typeParam',
  'enum',
  'binary',
  'date',
  'brand',
  'template',
]);

function literals(node: Extract<TypeNode, { kind: 'enum' }>): TypeNode[] {
  return node.members.map((m) => ({ kind: 'literal', value: m.value }));
}

// Leaf acceptance: true when every value of `w` is a value of `r` without looking deeper.
function accepts(w: TypeNode, wc: Constraints | undefined, r: TypeNode): boolean {
  switch (r.kind) {
    case 'string':
      return (
        w.kind === 'string' ||
        w.kind === 'template' ||
        w.kind === 'date' ||
        (w.kind === 'literal' && typeof w.value === 'string')
      );
    case 'number':
    case 'boolean':
      return w.kind === r.kind || (w.kind === 'literal' && typeof w.value === r.kind);
    case 'null':
    case 'binary':
      return w.kind === r.kind;
    case 'undefined':
    case 'void':
      return w.kind === 'undefined' || w.kind === 'void';
    case 'date':
      // A string declared `@format date-time` is what a Date is on the wire.
      return w.kind === 'date' || (w.kind === 'string' && wc?.format === 'date-time');
    case 'literal':
      return w.kind === 'literal' && w.value === r.value;
    case 'template':
    case 'intersection':
    case 'typeParam':
      return canonicalJson(w) === canonicalJson(r);
    default:
      return !KNOWN_KINDS.has(r.kind) && canonicalJson(w) === canonicalJson(r);
  }
}

// A reader union accepts a (non-union) writer when one member does; otherwise blame the likeliest member.
function readerUnion(
  w: TypeNode,
  wc: Constraints | undefined,
  r: Extract<TypeNode, { kind: 'union' }>,
  path: string,
  ctx: Ctx,
  depth: number,
): void {
  const trials = r.members.map((member) => {
    const trial: Ctx = { sides: ctx.sides, budget: ctx.budget, seen: new Set(ctx.seen), problems: [] };
    check(w, wc, member, undefined, path, trial, depth);
    return { member, problems: trial.problems };
  });
  const fit = trials.find((t) => t.problems.every((p) => p.warning === true));
  if (fit !== undefined) {
    ctx.problems.push(...fit.problems);
    return;
  }
  const variant = unmatchedVariant(w, r, ctx);
  if (variant !== undefined) {
    push(ctx, CompatRules.VALUE_NOT_ACCEPTED, path, `variant ${variant} is no longer accepted`);
    return;
  }
  const blamed = blame(
    w,
    r,
    trials.map((t) => t.member),
    ctx,
  );
  const trial = trials.find((t) => t.member === blamed);
  if (trial !== undefined) ctx.problems.push(...trial.problems);
  else if (
    w.kind === 'literal' ||
    w.kind === 'null' ||
    w.kind === 'undefined' ||
    r.members.some((m) => m.kind === 'literal' && typeof m.value === w.kind)
  )
    push(
      ctx,
      CompatRules.VALUE_NOT_ACCEPTED,
      path,
      `${describeType(w)} is no longer accepted by ${describeType(r)}`,
    );
  else push(ctx, CompatRules.TYPE_CHANGED, path, `${describeType(w)} → ${describeType(r)}`);
}

// The discriminant value (`kind="dot"`) of a writer object that no member of a discriminated reader union has.
function unmatchedVariant(
  w: TypeNode,
  r: Extract<TypeNode, { kind: 'union' }>,
  ctx: Ctx,
): string | undefined {
  const discriminant = r.discriminant;
  if (discriminant === undefined) return undefined;
  const value = tagOf(w, discriminant, ctx.sides.writer);
  if (value === undefined) return undefined;
  if (r.members.some((m) => tagOf(m, discriminant, ctx.sides.reader) === value)) return undefined;
  return `${discriminant}=${JSON.stringify(value)}`;
}

// The literal value of an object's (or named object's) discriminant property.
function tagOf(n: TypeNode, discriminant: string, types: NamedTypes): unknown {
  const u = unwrap(n, undefined, types);
  if ('missing' in u || u.type.kind !== 'object') return undefined;
  const p = u.type.properties.find((x) => x.name === discriminant);
  return p?.type.kind === 'literal' ? p.type.value : undefined;
}

// The member a writer value was meant for: by discriminant value, else the only member of its kind.
function blame(
  w: TypeNode,
  r: Extract<TypeNode, { kind: 'union' }>,
  members: readonly TypeNode[],
  ctx: Ctx,
): TypeNode | undefined {
  const kindOf = (n: TypeNode, types: NamedTypes): string => {
    const u = unwrap(n, undefined, types);
    return 'missing' in u ? 'ref' : u.type.kind;
  };
  const wKind = kindOf(w, ctx.sides.writer);
  if (r.discriminant !== undefined && wKind === 'object') {
    const discriminant = r.discriminant;
    const value = tagOf(w, discriminant, ctx.sides.writer);
    const byTag = members.find(
      (m) => value !== undefined && tagOf(m, discriminant, ctx.sides.reader) === value,
    );
    if (byTag !== undefined) return byTag;
  }
  if (wKind === 'literal') return undefined;
  const sameKind = members.filter((m) => kindOf(m, ctx.sides.reader) === wKind);
  return sameKind.length === 1 ? sameKind[0] : undefined;
}

function object(
  writer: readonly PropertyModel[],
  reader: readonly PropertyModel[],
  path: string,
  ctx: Ctx,
  depth: number,
): void {
  for (const rp of reader) {
    const wp = writer.find((p) => p.name === rp.name);
    const at = `${path}.${rp.name}`;
    if (wp === undefined) {
      if (!mayBeAbsent(rp))
        push(ctx, CompatRules.PROPERTY_REQUIRED, at, `required property ${rp.name} is not sent`);
      continue;
    }
    if (mayBeAbsent(wp) && !mayBeAbsent(rp))
      push(ctx, CompatRules.PROPERTY_REQUIRED, at, `property ${rp.name} became required`);
    check(
      withoutUndefined(wp.type),
      wp.constraints,
      withoutUndefined(rp.type),
      rp.constraints,
      at,
      ctx,
      depth,
    );
  }
  // A callee refuses argument keys it does not declare (an error either way); other readers (results,
  // progress, events) strip them: accepted but lost (a warning, reported when the writer is old).
  const strict = ctx.sides.strictReader === true;
  if (!strict && !ctx.sides.writerIsOld) return;
  for (const wp of writer)
    if (!reader.some((p) => p.name === wp.name))
      push(
        ctx,
        CompatRules.PROPERTY_DROPPED,
        `${path}.${wp.name}`,
        `property ${wp.name} is sent but ${strict ? 'refused as an unknown key' : 'no longer read'}`,
        !strict,
      );
}

function tuple(
  writer: readonly TupleElement[],
  reader: readonly TupleElement[],
  path: string,
  ctx: Ctx,
  depth: number,
): void {
  const wFixed = writer.filter((e) => !e.rest);
  const rFixed = reader.filter((e) => !e.rest);
  const wRest = writer.find((e) => e.rest);
  const rRest = reader.find((e) => e.rest);
  const n = Math.max(wFixed.length, rFixed.length);
  for (let i = 0; i < n; i++) {
    const we = wFixed[i] ?? wRest;
    const re = rFixed[i] ?? rRest;
    const at = `${path}[${i}]`;
    if (we === undefined) {
      if (re !== undefined && !re.optional && !re.rest)
        push(ctx, CompatRules.TUPLE_SHAPE, at, `element ${i} is required but not sent`);
      continue;
    }
    if (re === undefined) {
      push(
        ctx,
        CompatRules.TUPLE_SHAPE,
        at,
        `element ${i} is sent but the tuple has ${rFixed.length} elements`,
      );
      continue;
    }
    if ((we.optional || we.rest) && !re.optional && !re.rest)
      push(ctx, CompatRules.TUPLE_SHAPE, at, `element ${i} became required`);
    check(we.type, undefined, re.type, undefined, at, ctx, depth);
  }
  if (wRest !== undefined) {
    if (rRest === undefined)
      push(ctx, CompatRules.TUPLE_SHAPE, `${path}[${n}]`, 'rest elements are no longer accepted');
    else check(wRest.type, undefined, rRest.type, undefined, `${path}[${n}]`, ctx, depth);
  }
}
