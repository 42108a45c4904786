import type { CompatCategory } from './compat-rules.js';
import { type CompatFinding, type FindingPlaces, finding } from './compat-finding.js';
import { type TypeSite, wireProblems } from './compare-types.js';
import type { NamedTypes } from './named-types.js';

/** The named types of both versions. */
export interface VersionTypes {
  readonly old: NamedTypes;
  readonly new: NamedTypes;
}

/**
 * Which way values flow: `call` from caller to callee, `reply` from callee to caller (results,
 * progress chunks, error payloads), `event` from publisher to subscriber.
 */
export type Flow = 'call' | 'reply' | 'event';

/** One direction of a comparison: the category, who writes, and how a message starts. */
export interface WireDirection {
  readonly category: CompatCategory;
  readonly writerIsOld: boolean;
  readonly phrase: string;
}

const PHRASES: Record<Flow, readonly [consumer: string, provider: string]> = {
  call: ["new callees reject old callers' calls", "old callees reject new callers' calls"],
  reply: ['old callers reject what new callees send', 'new callers reject what old callees send'],
  event: ["old subscribers reject new publishers' events", "new subscribers reject old publishers' events"],
};

/**
 * The two directions of a flow. A call is written by the caller, so an old consumer is an old
 * writer; replies and events are written by the provider, so an old consumer is an old reader.
 */
export function directions(flow: Flow): readonly WireDirection[] {
  const [consumer, provider] = PHRASES[flow];
  const consumerWrites = flow === 'call';
  return [
    { category: 'WIRE_CONSUMER', writerIsOld: consumerWrites, phrase: consumer },
    { category: 'WIRE_PROVIDER', writerIsOld: !consumerWrites, phrase: provider },
  ];
}

/** Compares a value's old and new types in both directions of `flow` and appends the findings. */
export function compareFlow(
  flow: Flow,
  oldSite: TypeSite,
  newSite: TypeSite,
  subject: string,
  places: FindingPlaces,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  for (const d of directions(flow)) {
    const [writer, reader] = d.writerIsOld ? [oldSite, newSite] : [newSite, oldSite];
    // A reader expecting no value ignores whatever arrives.
    if (reader.type.kind === 'void') continue;
    // Callees refuse unknown argument keys; results, progress and events are read tolerantly.
    const strictReader = flow === 'call';
    const sides = d.writerIsOld
      ? { writer: types.old, reader: types.new, writerIsOld: true, strictReader }
      : { writer: types.new, reader: types.old, writerIsOld: false, strictReader };
    for (const p of wireProblems(writer, reader, sides)) {
      out.push(
        finding(
          p.rule,
          d.category,
          p.warning ? 'warning' : 'error',
          `${subject}${p.path}`,
          `${d.phrase}: ${p.detail}`,
          places,
        ),
      );
    }
  }
}
