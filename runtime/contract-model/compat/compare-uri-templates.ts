/**
 * The rules of `@uri` templates (`com.example.chat.room.{roomId}.message`). A caller or publisher
 * builds one concrete URI per call or event; a callee registers the template's wildcard and a
 * subscriber subscribes to it (or to one concrete URI), then parses each component and checks it
 * against its type. So between two versions the question is, per direction: is every URI the
 * writer can build routed to the reader (same number of components, same fixed text where the
 * reader has fixed text) and is every component value it puts there accepted by the reader's type?
 */
import type { Constraints, TypeNode, UriComponentModel, UriTemplateModel } from '../contract-model.js';
import { type CompatFinding, type FindingPlaces, finding } from './compat-finding.js';
import { CompatRules, type CompatRuleValue } from './compat-rules.js';
import { type TypeSite, wireProblems } from './compare-types.js';
import { resolveRef } from './named-types.js';
import { unknownFieldFindings } from './unknown-fields.js';
import { type VersionTypes, directions } from './wire-flow.js';

/** What a URI comparison needs of a procedure or topic. */
export interface UriSide {
  /** The URI, or the template text when `uriTemplate` is set. */
  readonly uri: string;
  readonly uriTemplate?: UriTemplateModel | undefined;
}

/** One dot-separated part of a URI: fixed text, or a typed component. */
type Segment = { readonly literal: string } | { readonly component: UriComponentModel };

// A real URI has a handful of components; a live contract from a remote peer may not.
const MAX_SEGMENTS = 64;
// Literal texts compared one by one (number ⇄ string components); beyond this, the type is open.
const MAX_TEXTS = 64;
// Integers in canonical decimal form, as a number component travels (runtime/contracts/uri-template.ts).
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;
const BRACED = /^\{(.+)\}$/;
// A component named by the template but not declared (only a malformed model): any text, unchecked.
const UNDECLARED: TypeNode = { kind: 'unknown' };

/** Routing failures, by flow: [old consumer breaks, old provider breaks]. */
const ROUTING = {
  call: [
    'old callers call URIs that new callees do not register',
    'new callers call URIs that old callees do not register',
  ],
  event: [
    'new publishers publish to URIs that old subscribers do not subscribe to',
    'old publishers publish to URIs that new subscribers do not subscribe to',
  ],
} as const;

/** True when either version of a procedure or topic has a URI template: then these rules judge its URI. */
export function hasTemplate(o: UriSide, n: UriSide): boolean {
  // `!= null`: a hostile live contract may send null where the field is absent.
  return o.uriTemplate != null || n.uriTemplate != null;
}

/**
 * The segments of a URI: taken from the `uri` text (what a mounted prefix rewrites), with each
 * `{name}` segment resolved to its component. Undefined when there are too many to compare.
 */
function segmentsOf(side: UriSide): Segment[] | undefined {
  if (typeof side.uri !== 'string') return undefined;
  const parts = side.uri.split('.');
  if (parts.length > MAX_SEGMENTS) return undefined;
  const components = Array.isArray(side.uriTemplate?.components) ? side.uriTemplate.components : [];
  const isTemplate = side.uriTemplate != null;
  return parts.map((part): Segment => {
    const name = isTemplate ? BRACED.exec(part)?.[1] : undefined;
    if (name === undefined) return { literal: part };
    const component = components.find((c) => c?.name === name);
    return { component: component ?? { name, type: UNDECLARED, numeric: false } };
  });
}

const componentCount = (segments: readonly Segment[]) => segments.filter((s) => 'component' in s).length;

/**
 * Compares the URIs of one procedure (`flow` `call`) or topic (`event`) whose old or new version
 * has a template, in both directions, and appends the findings (`WCD140`–`WCD143`, `WCD290`).
 */
export function compareUriTemplates(
  flow: 'call' | 'event',
  o: UriSide,
  n: UriSide,
  places: FindingPlaces,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  const subject = `${n.uri} uri`;
  if (o.uriTemplate != null && n.uriTemplate != null)
    unknownFieldFindings('uriTemplate', o.uriTemplate, n.uriTemplate, subject, places, out);
  const oldSegments = segmentsOf(o);
  const newSegments = segmentsOf(n);
  if (oldSegments === undefined || newSegments === undefined) {
    const detail = `a URI of more than ${MAX_SEGMENTS} components cannot be compared`;
    for (const category of ['WIRE_CONSUMER', 'WIRE_PROVIDER'] as const)
      out.push(finding(CompatRules.UNDECIDABLE, category, 'error', subject, detail, places));
    return;
  }
  compareComponentFields(oldSegments, newSegments, subject, places, out);
  // A fixed URI against a template: every finding is WCD140, whatever part of the URI it is about.
  const switched = (o.uriTemplate == null) !== (n.uriTemplate == null);
  directions(flow).forEach((d, i) => {
    const routing = ROUTING[flow][i] as string;
    const emit = (rule: CompatRuleValue, at: string, phrase: string, detail: string) =>
      out.push(
        finding(
          switched && rule !== CompatRules.UNDECIDABLE ? CompatRules.URI_TEMPLATE_SWITCHED : rule,
          d.category,
          'error',
          at,
          `${phrase}: ${detail}`,
          places,
        ),
      );
    const [writer, reader] = d.writerIsOld ? [oldSegments, newSegments] : [newSegments, oldSegments];
    if (writer.length !== reader.length) {
      const rule =
        componentCount(writer) === componentCount(reader)
          ? CompatRules.URI_TEMPLATE_SHAPE
          : CompatRules.URI_COMPONENT_ADDED_REMOVED;
      const detail = `${o.uri} → ${n.uri} (${oldSegments.length} → ${newSegments.length} URI components): no URI matches`;
      emit(rule, subject, routing, detail);
      return;
    }
    const sides = d.writerIsOld
      ? { writer: types.old, reader: types.new, writerIsOld: true }
      : { writer: types.new, reader: types.old, writerIsOld: false };
    writer.forEach((w, at) => {
      const r = reader[at] as Segment;
      const where = `${subject}[${at}]`;
      if ('literal' in w && 'literal' in r) {
        if (w.literal === r.literal) return;
        const [was, is] = d.writerIsOld ? [w.literal, r.literal] : [r.literal, w.literal];
        emit(CompatRules.URI_TEMPLATE_SHAPE, where, routing, `fixed text "${was}" → "${is}"`);
      } else if ('component' in w && 'literal' in r) {
        // Only a writer whose component can take nothing but the reader's fixed text is routed.
        const texts = literalTexts(w.component.type, types[d.writerIsOld ? 'old' : 'new']);
        if (texts?.every((t) => t === r.literal)) return;
        const name = `{${w.component.name}}`;
        const change = d.writerIsOld
          ? `new fixed text "${r.literal}" where old had component ${name}`
          : `new component ${name} where old had fixed text "${r.literal}"`;
        // With as many components on both sides, this one moved; else one was added or removed.
        const rule =
          componentCount(writer) === componentCount(reader)
            ? CompatRules.URI_TEMPLATE_SHAPE
            : CompatRules.URI_COMPONENT_ADDED_REMOVED;
        emit(rule, where, routing, `${change}: only "${r.literal}" is routed`);
      } else if ('component' in r) {
        const phrase = d.phrase;
        for (const p of componentProblems(w, r.component, sides, types))
          emit(p.rule, where, phrase, p.detail);
      }
    });
  });
}

interface ComponentProblem {
  readonly rule: CompatRuleValue;
  readonly detail: string;
}

/** What the reader's component refuses of what the writer puts at its position (fixed text or a component). */
function componentProblems(
  w: Segment,
  r: UriComponentModel,
  sides: { writer: VersionTypes['old']; reader: VersionTypes['old']; writerIsOld: boolean },
  types: VersionTypes,
): ComponentProblem[] {
  const name = `{${r.name}}`;
  const reader: TypeSite = { type: r.type, constraints: r.constraints };
  const wrap = (problems: ReturnType<typeof wireProblems>, prefix: string): ComponentProblem[] =>
    problems.map((p) => ({
      rule: p.rule === CompatRules.UNDECIDABLE ? p.rule : CompatRules.URI_COMPONENT_NOT_ACCEPTED,
      detail: `${prefix}${p.path}: ${p.detail}`,
    }));
  const literal = (text: string): ComponentProblem[] => {
    if (r.numeric !== true)
      return wrap(
        wireProblems({ type: { kind: 'literal', value: text } }, reader, sides),
        `"${text}" at component ${name}`,
      );
    if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(Number(text)))
      return [
        {
          rule: CompatRules.URI_COMPONENT_NOT_ACCEPTED,
          detail: `"${text}" is not an integer, as number component ${name} needs`,
        },
      ];
    return wrap(
      wireProblems({ type: { kind: 'literal', value: Number(text) } }, reader, sides),
      `"${text}" at component ${name}`,
    );
  };
  if ('literal' in w) return literal(w.literal);
  const c = w.component;
  if ((c.numeric === true) === (r.numeric === true))
    return wrap(
      wireProblems({ type: c.type, constraints: c.constraints }, reader, sides),
      `component ${name}`,
    );
  // A number component against a text one (or the reverse): compare the texts that travel.
  const texts = literalTexts(c.type, sides.writerIsOld ? types.old : types.new);
  if (texts !== undefined) return texts.flatMap(literal);
  if (r.numeric === true)
    return [
      {
        rule: CompatRules.URI_COMPONENT_NOT_ACCEPTED,
        detail: `number component ${name} refuses text values that are not integers`,
      },
    ];
  if (isPlainString(r.type, r.constraints, sides.reader)) return [];
  return [
    {
      rule: CompatRules.UNDECIDABLE,
      detail: `component ${name}: integer texts are read as a constrained string, which cannot be proven`,
    },
  ];
}

/**
 * The texts a component of this type can take when it is a literal, an enum or a union of them (at
 * most {@link MAX_TEXTS}); undefined for any other type.
 */
function literalTexts(type: TypeNode, named: VersionTypes['old'], depth = 0): string[] | undefined {
  const texts = literalTextsOf(type, named, depth);
  return texts !== undefined && texts.length <= MAX_TEXTS ? texts : undefined;
}

function literalTextsOf(type: TypeNode, named: VersionTypes['old'], depth: number): string[] | undefined {
  // A live contract is a peer's JSON: a node may be anything.
  if (depth > 32 || typeof type !== 'object' || type === null) return undefined;
  switch (type.kind) {
    case 'literal':
      return [String(type.value)];
    case 'enum':
      return Array.isArray(type.members) ? type.members.map((m) => String(m?.value)) : undefined;
    case 'brand':
      return literalTextsOf(type.base, named, depth + 1);
    case 'ref': {
      const resolved = resolveRef(type, named);
      return resolved === undefined ? undefined : literalTextsOf(resolved.type, named, depth + 1);
    }
    case 'union': {
      const out: string[] = [];
      if (!Array.isArray(type.members)) return undefined;
      for (const m of type.members) {
        const texts = literalTextsOf(m, named, depth + 1);
        if (texts === undefined || out.length + texts.length > MAX_TEXTS) return undefined;
        out.push(...texts);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** True for `string` (through brands and refs) that no constraint narrows below any non-empty text. */
function isPlainString(
  type: TypeNode,
  constraints: Constraints | undefined,
  named: VersionTypes['old'],
  depth = 0,
): boolean {
  const narrowed = (c: Constraints | undefined) =>
    c !== undefined &&
    (c.pattern !== undefined ||
      c.format !== undefined ||
      c.maxLength !== undefined ||
      (c.minLength ?? 0) > 1);
  if (depth > 32 || narrowed(constraints)) return false;
  if (type.kind === 'string') return true;
  if (type.kind === 'brand') return isPlainString(type.base, undefined, named, depth + 1);
  if (type.kind !== 'ref') return false;
  const resolved = resolveRef(type, named);
  return resolved !== undefined && isPlainString(resolved.type, resolved.constraints, named, depth + 1);
}

/** Unknown fields of components that sit at the same position in both versions. */
function compareComponentFields(
  oldSegments: readonly Segment[],
  newSegments: readonly Segment[],
  subject: string,
  places: FindingPlaces,
  out: CompatFinding[],
): void {
  oldSegments.forEach((o, i) => {
    const n = newSegments[i];
    if ('component' in o && n !== undefined && 'component' in n)
      unknownFieldFindings('component', o.component, n.component, `${subject}[${i}]`, places, out);
  });
}

/** A SOURCE change of a member's URI components, as the generated methods and handlers show them. */
export interface ComponentSourceChange {
  readonly rule: CompatRuleValue;
  /** Appended to the member's subject, e.g. `uri` or `uri.roomId`. */
  readonly at: string;
  readonly message: string;
}

/**
 * The SOURCE side of URI components: they are the leading parameters of `rpc`, `publish` and
 * `subscribe` methods (and of callee methods), and a topic handler receives them as a record keyed
 * by name. Returns the changes and the components kept at the same position under the same name
 * (whose TypeScript types the caller compares).
 */
export function componentSourceChanges(
  kind: 'procedure' | 'topic',
  o: UriSide,
  n: UriSide,
): { changes: ComponentSourceChange[]; same: [UriComponentModel, UriComponentModel][] } {
  const oc = o.uriTemplate?.components ?? [];
  const nc = n.uriTemplate?.components ?? [];
  const oNames = oc.map((c) => c.name);
  const nNames = nc.map((c) => c.name);
  const list = (names: string[]) => `(${names.join(', ')})`;
  if (oc.length !== nc.length)
    return {
      changes: [
        {
          rule: CompatRules.URI_COMPONENT_PARAMETERS,
          at: 'uri',
          message: `URI components ${list(oNames)} → ${list(nNames)}: the generated methods take other leading arguments`,
        },
      ],
      same: [],
    };
  if (oNames.join() !== nNames.join() && [...oNames].sort().join() === [...nNames].sort().join())
    return {
      changes: [
        {
          rule: CompatRules.PARAMETERS_REORDERED,
          at: 'uri',
          message: `URI components ${list(oNames)} → ${list(nNames)}`,
        },
      ],
      same: [],
    };
  const changes: ComponentSourceChange[] = [];
  const same: [UriComponentModel, UriComponentModel][] = [];
  oc.forEach((a, i) => {
    const b = nc[i] as UriComponentModel;
    if (a.name === b.name) same.push([a, b]);
    // A procedure's components are positional arguments only; a topic handler reads them by name.
    else if (kind === 'topic')
      changes.push({
        rule: CompatRules.URI_COMPONENT_RENAMED,
        at: `uri.${a.name}`,
        message: `URI component ${a.name} → ${b.name}: handlers read it from the components record by name`,
      });
  });
  return { changes, same };
}
