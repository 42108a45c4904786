import type { CompatFinding, FindingPlaces } from './compat-finding.js';
import { finding } from './compat-finding.js';
import { CompatRules } from './compat-rules.js';
import { canonicalJson } from './named-types.js';

/** The fields this engine knows on each part of the model (everything else is judged unknown). */
export const KNOWN_FIELDS = {
  procedure: [
    'name',
    'uri',
    'uriTemplate',
    'params',
    'kwargs',
    'result',
    'progress',
    'input',
    'throws',
    'docs',
    'location',
  ],
  param: ['name', 'type', 'optional', 'docs', 'constraints'],
  topic: ['name', 'uri', 'uriTemplate', 'payload', 'kwargs', 'docs', 'location'],
  uriTemplate: ['template', 'segments', 'components'],
  component: ['name', 'type', 'numeric', 'constraints', 'docs'],
  error: ['name', 'uri', 'payload', 'docs', 'location'],
  service: ['name', 'prefix', 'procedures', 'docs', 'location'],
  topics: ['name', 'prefix', 'topics', 'docs', 'location'],
  file: ['path', 'services', 'topics', 'errors', 'types'],
  model: ['modelVersion', 'files'],
} as const;

/**
 * A field this version of the engine does not know (added to the model later, e.g. a new URI or
 * construct) whose value differs between the versions cannot be judged: it is reported in
 * both wire categories as `WCD291`, so an unknown change is never silently compatible.
 */
export function unknownFieldFindings(
  part: keyof typeof KNOWN_FIELDS,
  oldValue: object,
  newValue: object,
  subject: string,
  places: FindingPlaces,
  out: CompatFinding[],
): void {
  const known: readonly string[] = KNOWN_FIELDS[part];
  const o = oldValue as Record<string, unknown>;
  const n = newValue as Record<string, unknown>;
  const keys = new Set([...Object.keys(o), ...Object.keys(n)].filter((k) => !known.includes(k)));
  for (const key of [...keys].sort()) {
    if (canonicalJson(o[key]) === canonicalJson(n[key])) continue;
    const message = `the ${part} field ${key} changed and this version cannot judge it; check by hand`;
    for (const category of ['WIRE_CONSUMER', 'WIRE_PROVIDER'] as const)
      out.push(finding(CompatRules.UNKNOWN_FIELD, category, 'error', `${subject} ${key}`, message, places));
  }
}
