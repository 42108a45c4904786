import type {
  ContractModel,
  ErrorModel,
  ProcedureModel,
  ServiceModel,
  TopicModel,
  TopicsModel,
  TypeNode,
} from '../contract-model.js';
import { type CompatFinding, type FindingPlaces, finding, formatPlace } from './compat-finding.js';
import { COMPAT_CATEGORIES, type CompatCategory, CompatRules, type CompatRuleValue } from './compat-rules.js';
import { compareArguments } from './compare-params.js';
import { compareSource } from './compare-source.js';
import { compareUriTemplates, hasTemplate } from './compare-uri-templates.js';
import { indexNamedTypes } from './named-types.js';
import { unknownFieldFindings } from './unknown-fields.js';
import { type VersionTypes, compareFlow } from './wire-flow.js';

/** Options of {@link compareContracts}. */
export interface CompareOptions {
  /** Run the SOURCE rules too (default true); a run-time check between live peers needs only the wire. */
  readonly source?: boolean;
}

interface ErrorUris {
  readonly old: Map<string, string>;
  readonly new: Map<string, string>;
}

interface Entry<T> {
  readonly item: T;
  /** The service or topics interface name, with its file: how a renamed URI is matched. */
  readonly owner: string;
}

const VOID: TypeNode = { kind: 'void' };

/**
 * Compares two versions of a contract and returns every finding, sorted by category, subject and
 * rule. Pure: plain data in, plain data out; usable by the CLI (`wamp-contracts diff`) and at run
 * time against a live contract, with the same rule IDs.
 *
 * @example
 * const findings = compareContracts(lastRelease, current).filter((f) => f.category === 'WIRE_CONSUMER');
 */
export function compareContracts(
  oldModel: ContractModel,
  newModel: ContractModel,
  options: CompareOptions = {},
): CompatFinding[] {
  const out: CompatFinding[] = [];
  const types: VersionTypes = { old: indexNamedTypes(oldModel), new: indexNamedTypes(newModel) };
  unknownFieldFindings('model', strip(oldModel, 'files'), strip(newModel, 'files'), 'model', {}, out);
  compareProcedures(oldModel, newModel, types, out);
  compareTopics(oldModel, newModel, types, out);
  compareErrors(oldModel, newModel, types, out);
  if (options.source !== false) compareSource(oldModel, newModel, types, out);
  return sortFindings(out);
}

function strip<T extends object>(value: T, key: keyof T): object {
  const { [key]: _, ...rest } = value;
  return rest;
}

/** Sorts findings by category, subject and rule, so output is stable. */
export function sortFindings(findings: readonly CompatFinding[]): CompatFinding[] {
  const rank = (c: CompatCategory) => COMPAT_CATEGORIES.indexOf(c);
  return [...findings].sort(
    (a, b) =>
      rank(a.category) - rank(b.category) ||
      (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** Pairs old and new entries by URI, then unpaired ones by owner and name (a changed URI). */
function pair<T extends { readonly uri: string; readonly name: string }>(
  oldEntries: readonly Entry<T>[],
  newEntries: readonly Entry<T>[],
) {
  const newByUri = new Map(newEntries.map((e) => [e.item.uri, e]));
  const oldUris = new Set(oldEntries.map((e) => e.item.uri));
  const pairs: [Entry<T>, Entry<T>][] = [];
  const removed: Entry<T>[] = [];
  const moved: [Entry<T>, Entry<T>][] = [];
  const unpairedNew = newEntries.filter((e) => !oldUris.has(e.item.uri));
  for (const o of oldEntries) {
    const n = newByUri.get(o.item.uri);
    if (n !== undefined) {
      pairs.push([o, n]);
      continue;
    }
    const i = unpairedNew.findIndex((e) => e.owner === o.owner && e.item.name === o.item.name);
    if (i === -1) removed.push(o);
    else moved.push([o, unpairedNew.splice(i, 1)[0] as Entry<T>]);
  }
  return { pairs, removed, moved, added: unpairedNew };
}

function procedures(model: ContractModel): Entry<ProcedureModel & { service: ServiceModel }>[] {
  return model.files.flatMap((f) =>
    f.services.flatMap((s) =>
      s.procedures.map((p) => ({ item: { ...p, service: s }, owner: `${f.path}#${s.name}` })),
    ),
  );
}

function both(
  rule: CompatRuleValue,
  subject: string,
  message: string,
  places: FindingPlaces,
  out: CompatFinding[],
): void {
  for (const category of ['WIRE_CONSUMER', 'WIRE_PROVIDER'] as const)
    out.push(finding(rule, category, 'error', subject, message, places));
}

function compareProcedures(
  oldModel: ContractModel,
  newModel: ContractModel,
  types: VersionTypes,
  out: CompatFinding[],
) {
  const { pairs, removed, moved, added } = pair(procedures(oldModel), procedures(newModel));
  const errors: ErrorUris = { old: errorUris(oldModel), new: errorUris(newModel) };
  for (const { item } of removed)
    out.push(
      finding(
        CompatRules.PROCEDURE_REMOVED,
        'WIRE_CONSUMER',
        'error',
        item.uri,
        `old callers call ${item.uri}, which new callees no longer register`,
        { old: item.location },
      ),
    );
  for (const { item } of added)
    out.push(
      finding(
        CompatRules.PROCEDURE_ADDED,
        'WIRE_PROVIDER',
        'error',
        item.uri,
        `new callers call ${item.uri}, which old callees do not register`,
        { new: item.location },
      ),
    );
  for (const [o, n] of moved) {
    const places = { old: o.item.location, new: n.item.location };
    // A template's URI space is compared component by component (compareUriTemplates).
    if (!hasTemplate(o.item, n.item))
      both(
        CompatRules.PROCEDURE_URI_CHANGED,
        o.item.uri,
        `${o.item.service.name}.${o.item.name}: ${o.item.uri} → ${n.item.uri}`,
        places,
        out,
      );
    compareProcedure(o.item, n.item, types, errors, out);
  }
  for (const [o, n] of pairs) compareProcedure(o.item, n.item, types, errors, out);
}

/**
 * A `Stream<Chunk>` parameter: its chunks flow like arguments. A callee reads a plain CALL as an
 * empty stream and ignores chunks it does not expect, so adding one leaves old callers sending none
 * (a warning), and chunks sent to a callee without one are lost (an error).
 */
function compareInput(
  o: ProcedureModel,
  n: ProcedureModel,
  uri: string,
  places: FindingPlaces,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  const subject = `${uri} input`;
  if (o.input !== undefined && n.input !== undefined) {
    const site = (p: NonNullable<ProcedureModel['input']>) => ({ type: p.type, constraints: p.constraints });
    compareFlow('call', site(o.input), site(n.input), subject, places, types, out);
  } else if (o.input === undefined && n.input !== undefined) {
    const detail = 'old callers send no stream: new callees read it as empty';
    out.push(finding(CompatRules.INPUT_ADDED, 'WIRE_CONSUMER', 'warning', subject, detail, places));
    const lost = 'new callers stream chunks that old callees ignore';
    out.push(finding(CompatRules.INPUT_ADDED, 'WIRE_PROVIDER', 'error', subject, lost, places));
  } else if (o.input !== undefined && n.input === undefined) {
    const detail = 'old callers stream chunks that new callees ignore';
    out.push(finding(CompatRules.INPUT_REMOVED, 'WIRE_CONSUMER', 'error', subject, detail, places));
  }
}

function compareProcedure(
  o: ProcedureModel,
  n: ProcedureModel,
  types: VersionTypes,
  errors: ErrorUris,
  out: CompatFinding[],
): void {
  const uri = n.uri;
  const places = { old: o.location, new: n.location };
  unknownFieldFindings(
    'procedure',
    strip(o, 'service' as keyof ProcedureModel),
    strip(n, 'service' as keyof ProcedureModel),
    uri,
    places,
    out,
  );
  if (hasTemplate(o, n)) compareUriTemplates('call', o, n, places, types, out);
  if (o.kwargs !== n.kwargs) {
    const how = o.kwargs ? 'kwargs → positional' : 'positional → kwargs';
    both(CompatRules.KWARGS_SWITCHED, `${uri} args`, `arguments travel ${how}`, places, out);
  } else compareArguments(o, n, places, types, out);
  compareFlow('reply', { type: o.result }, { type: n.result }, `${uri} result`, places, types, out);
  if (o.progress !== undefined && n.progress !== undefined)
    compareFlow('reply', { type: o.progress }, { type: n.progress }, `${uri} progress`, places, types, out);
  else if (o.progress === undefined && n.progress !== undefined)
    out.push(
      finding(
        CompatRules.PROGRESS_ADDED,
        'WIRE_PROVIDER',
        'warning',
        `${uri} progress`,
        'new callers expect progressive results that old callees never send',
        places,
      ),
    );
  else if (o.progress !== undefined && n.progress === undefined)
    out.push(
      finding(
        CompatRules.PROGRESS_REMOVED,
        'WIRE_CONSUMER',
        'warning',
        `${uri} progress`,
        'old callers expect progressive results that new callees no longer send',
        places,
      ),
    );
  compareInput(o, n, uri, places, types, out);
  const oldThrows = new Set(throwsUris(o, errors.old));
  const newThrows = new Set(throwsUris(n, errors.new));
  for (const e of newThrows)
    if (!oldThrows.has(e))
      out.push(
        finding(
          CompatRules.ERROR_ADDED,
          'WIRE_CONSUMER',
          'warning',
          `${uri} throws ${e}`,
          `new callees may fail with ${e}, which old callers receive as an untyped WampError`,
          places,
        ),
      );
  for (const e of oldThrows)
    if (!newThrows.has(e))
      out.push(
        finding(
          CompatRules.ERROR_REMOVED,
          'WIRE_PROVIDER',
          'warning',
          `${uri} throws ${e}`,
          `old callees may fail with ${e}, which new callers receive as an untyped WampError`,
          places,
        ),
      );
}

/** Error URIs by `file#name`, to resolve a procedure's `@throws`. */
function errorUris(model: ContractModel): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of model.files) for (const e of f.errors) map.set(`${f.path}#${e.name}`, e.uri);
  return map;
}

function throwsUris(p: ProcedureModel, errors: Map<string, string>): string[] {
  return p.throws.map((t) => errors.get(`${t.file}#${t.name}`) ?? `${t.name} (${t.file})`);
}

function topics(model: ContractModel): Entry<TopicModel & { owner: TopicsModel }>[] {
  return model.files.flatMap((f) =>
    f.topics.flatMap((t) =>
      t.topics.map((topic) => ({ item: { ...topic, owner: t }, owner: `${f.path}#${t.name}` })),
    ),
  );
}

function compareTopics(
  oldModel: ContractModel,
  newModel: ContractModel,
  types: VersionTypes,
  out: CompatFinding[],
) {
  const { pairs, removed, moved, added } = pair(topics(oldModel), topics(newModel));
  for (const { item } of removed)
    out.push(
      finding(
        CompatRules.TOPIC_REMOVED,
        'WIRE_CONSUMER',
        'error',
        item.uri,
        `old subscribers wait for ${item.uri}, which new publishers no longer publish`,
        { old: item.location },
      ),
    );
  for (const { item } of added)
    out.push(
      finding(
        CompatRules.TOPIC_ADDED,
        'WIRE_PROVIDER',
        'warning',
        item.uri,
        `new subscribers wait for ${item.uri}, which old publishers never publish`,
        { new: item.location },
      ),
    );
  const compare = (o: TopicModel, n: TopicModel) => {
    const places = { old: o.location, new: n.location };
    unknownFieldFindings(
      'topic',
      strip(o, 'owner' as keyof TopicModel),
      strip(n, 'owner' as keyof TopicModel),
      n.uri,
      places,
      out,
    );
    if (hasTemplate(o, n)) compareUriTemplates('event', o, n, places, types, out);
    if (o.kwargs !== n.kwargs)
      both(
        CompatRules.KWARGS_SWITCHED,
        `${n.uri} event`,
        `the payload travels ${o.kwargs ? 'kwargs → positional' : 'positional → kwargs'}`,
        places,
        out,
      );
    else compareFlow('event', { type: o.payload }, { type: n.payload }, `${n.uri} event`, places, types, out);
  };
  for (const [o, n] of moved) {
    if (!hasTemplate(o.item, n.item))
      both(
        CompatRules.TOPIC_URI_CHANGED,
        o.item.uri,
        `${o.item.owner.name}.${o.item.name}: ${o.item.uri} → ${n.item.uri}`,
        { old: o.item.location, new: n.item.location },
        out,
      );
    compare(o.item, n.item);
  }
  for (const [o, n] of pairs) compare(o.item, n.item);
}

function compareErrors(
  oldModel: ContractModel,
  newModel: ContractModel,
  types: VersionTypes,
  out: CompatFinding[],
) {
  const errors = (m: ContractModel) =>
    m.files.flatMap((f) => f.errors.map((e) => ({ item: e, owner: f.path })));
  const { pairs, moved } = pair<ErrorModel>(errors(oldModel), errors(newModel));
  const compare = (o: ErrorModel, n: ErrorModel) => {
    const places = { old: o.location, new: n.location };
    unknownFieldFindings('error', o, n, n.uri, places, out);
    compareFlow(
      'reply',
      { type: o.payload ?? VOID },
      { type: n.payload ?? VOID },
      `${n.uri} payload`,
      places,
      types,
      out,
    );
  };
  for (const [o, n] of moved) {
    both(
      CompatRules.ERROR_URI_CHANGED,
      o.item.uri,
      `${o.item.name}: ${o.item.uri} → ${n.item.uri}`,
      { old: o.item.location, new: n.item.location },
      out,
    );
    compare(o.item, n.item);
  }
  for (const [o, n] of pairs) compare(o.item, n.item);
}

/** One line of text for a finding: rule, category, subject, message and both places. */
export function formatFinding(f: CompatFinding): string {
  return `${f.rule} ${f.category} ${f.severity} ${f.subject}: ${f.message} (${formatPlace(f.old)} → ${formatPlace(f.new)})`;
}
