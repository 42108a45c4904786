import type { ContractModel, NamedTypeModel, SourceLocation, TypeNode } from '../contract-model.js';
import { type CompatFinding, finding } from './compat-finding.js';
import { CompatRules, type CompatRuleValue } from './compat-rules.js';
import { type TypeSite, wireProblems } from './compare-types.js';
import { componentSourceChanges, type UriSide } from './compare-uri-templates.js';
import { canonicalJson } from './named-types.js';
import type { VersionTypes } from './wire-flow.js';

interface Named<T> {
  readonly file: string;
  readonly item: T;
}

/**
 * The SOURCE rules: what breaks code compiled against the old generated API (clients, callee
 * bases, named types, error classes) even when the wire does not change. Wire-visible changes of a
 * type are the wire rules' job; here a type change counts only when its wire form is the same.
 */
export function compareSource(
  oldModel: ContractModel,
  newModel: ContractModel,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  const emit = (
    rule: CompatRuleValue,
    subject: string,
    message: string,
    old?: SourceLocation,
    now?: SourceLocation,
  ) => out.push(finding(rule, 'SOURCE', 'error', subject, message, { old, new: now }));
  const tsChanged = (a: TypeSite, b: TypeSite, subject: string, old: SourceLocation, now: SourceLocation) => {
    if (sameWireDifferentTs(a, b, types))
      emit(
        CompatRules.TS_TYPE_CHANGED,
        subject,
        'the generated TypeScript type changed (the wire form did not)',
        old,
        now,
      );
  };

  // URI components: the leading parameters of generated methods (and a topic handler's record).
  const components = (
    kind: 'procedure' | 'topic',
    subject: string,
    o: UriSide & { location: SourceLocation },
    n: UriSide & { location: SourceLocation },
  ) => {
    const { changes, same } = componentSourceChanges(kind, o, n);
    for (const c of changes) emit(c.rule, `${subject} ${c.at}`, c.message, o.location, n.location);
    for (const [a, b] of same) tsChanged(a, b, `${subject} uri.${a.name}`, o.location, n.location);
  };

  // Services and their methods.
  const services = (m: ContractModel) =>
    m.files.flatMap((f) => f.services.map((item) => ({ file: f.path, item })));
  for (const [o, n] of match(services(oldModel), services(newModel), emit, 'service')) {
    for (const op of o.item.procedures) {
      const subject = `service ${o.file}#${o.item.name}.${op.name}`;
      const np = n.item.procedures.find((p) => p.name === op.name);
      if (np === undefined) {
        emit(
          CompatRules.MEMBER_REMOVED,
          subject,
          `method ${op.name} is no longer generated`,
          op.location,
          n.item.location,
        );
        continue;
      }
      components('procedure', subject, op, np);
      const oNames = op.params.map((p) => p.name);
      const nNames = np.params.map((p) => p.name);
      const reordered =
        oNames.join() !== nNames.join() && [...oNames].sort().join() === [...nNames].sort().join();
      if (reordered)
        emit(
          CompatRules.PARAMETERS_REORDERED,
          subject,
          `(${oNames.join(', ')}) → (${nNames.join(', ')})`,
          op.location,
          np.location,
        );
      else
        op.params.forEach((p, i) => {
          const q = np.params[i];
          if (q !== undefined && q.name === p.name)
            tsChanged(p, q, `${subject}(${p.name})`, op.location, np.location);
        });
      tsChanged({ type: op.result }, { type: np.result }, `${subject} result`, op.location, np.location);
      if (op.progress !== undefined && np.progress !== undefined)
        tsChanged(
          { type: op.progress },
          { type: np.progress },
          `${subject} progress`,
          op.location,
          np.location,
        );
    }
  }

  // Topics interfaces and their members.
  const topics = (m: ContractModel) =>
    m.files.flatMap((f) => f.topics.map((item) => ({ file: f.path, item })));
  for (const [o, n] of match(topics(oldModel), topics(newModel), emit, 'topics')) {
    for (const ot of o.item.topics) {
      const subject = `topics ${o.file}#${o.item.name}.${ot.name}`;
      const nt = n.item.topics.find((t) => t.name === ot.name);
      if (nt === undefined)
        emit(
          CompatRules.MEMBER_REMOVED,
          subject,
          `topic member ${ot.name} is no longer generated`,
          ot.location,
          n.item.location,
        );
      else {
        components('topic', subject, ot, nt);
        tsChanged({ type: ot.payload }, { type: nt.payload }, subject, ot.location, nt.location);
      }
    }
  }

  // Error classes.
  const errors = (m: ContractModel) =>
    m.files.flatMap((f) => f.errors.map((item) => ({ file: f.path, item })));
  for (const [o, n] of match(errors(oldModel), errors(newModel), emit, 'error')) {
    if (o.item.payload !== undefined && n.item.payload !== undefined)
      tsChanged(
        { type: o.item.payload },
        { type: n.item.payload },
        `error ${o.file}#${o.item.name}`,
        o.item.location,
        n.item.location,
      );
  }

  // Named types.
  const named = (m: ContractModel) => m.files.flatMap((f) => f.types.map((item) => ({ file: f.path, item })));
  for (const [o, n] of match(named(oldModel), named(newModel), emit, 'type')) {
    const subject = `type ${o.file}#${o.item.name}`;
    const places = [o.item.location, n.item.location] as const;
    const removed = removedProperties(o.item, n.item);
    for (const name of removed)
      emit(
        CompatRules.PROPERTY_REMOVED,
        `${subject}.${name}`,
        `property ${name} is no longer generated`,
        ...places,
      );
    if (o.item.typeParams.join() !== n.item.typeParams.join())
      emit(
        CompatRules.TS_TYPE_CHANGED,
        subject,
        `type parameters <${o.item.typeParams.join(', ')}> → <${n.item.typeParams.join(', ')}>`,
        ...places,
      );
    else if (removed.length === 0) tsChanged(o.item, n.item, subject, ...places);
  }
}

/** Pairs declarations by file and name (then by name alone, for a moved file); reports the rest as removed. */
function match<T extends { readonly name: string; readonly location: SourceLocation }>(
  oldItems: readonly Named<T>[],
  newItems: readonly Named<T>[],
  emit: (rule: CompatRuleValue, subject: string, message: string, old?: SourceLocation) => void,
  what: 'service' | 'topics' | 'error' | 'type',
): [Named<T>, Named<T>][] {
  const pairs: [Named<T>, Named<T>][] = [];
  for (const o of oldItems) {
    const n =
      newItems.find((x) => x.file === o.file && x.item.name === o.item.name) ??
      newItems.find((x) => x.item.name === o.item.name);
    if (n !== undefined) {
      pairs.push([o, n]);
      continue;
    }
    const rule =
      what === 'service' || what === 'topics' ? CompatRules.INTERFACE_RENAMED : CompatRules.TYPE_REMOVED;
    emit(
      rule,
      `${what} ${o.file}#${o.item.name}`,
      `${what} ${o.item.name} is no longer generated (renamed or removed)`,
      o.item.location,
    );
  }
  return pairs;
}

function removedProperties(o: NamedTypeModel, n: NamedTypeModel): string[] {
  if (o.type.kind !== 'object' || n.type.kind !== 'object') return [];
  const kept = new Set(n.type.properties.map((p) => p.name));
  return o.type.properties.filter((p) => !kept.has(p.name)).map((p) => p.name);
}

// Docs and the order of union members do not change a generated type for a compiler.
function typeText(type: TypeNode): string {
  return canonicalJson(type, ['docs'], (value) => {
    const node = value as { kind?: unknown; members?: unknown };
    if (node.kind !== 'union' || !Array.isArray(node.members)) return value;
    const members = node.members.map((m) => [canonicalJson(m, ['docs']), m] as const);
    return { ...node, members: members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m) };
  });
}

function sameWireDifferentTs(a: TypeSite, b: TypeSite, types: VersionTypes): boolean {
  if (typeText(a.type) === typeText(b.type)) return false;
  const forward = wireProblems(a, b, { writer: types.old, reader: types.new, writerIsOld: true });
  // Both sides count as old writers, so a property only one side declares is a difference too.
  const backward = wireProblems(b, a, { writer: types.new, reader: types.old, writerIsOld: true });
  return forward.length === 0 && backward.length === 0;
}
