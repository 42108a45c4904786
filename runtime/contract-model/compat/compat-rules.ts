/**
 * The rules of contract compatibility: a stable ID, the category a finding falls in and its default
 * severity. The same IDs are reported by `wamp-contracts diff` and by a run-time contract check;
 * docs/diff.md documents each with an example.
 */

/**
 * Who breaks. `WIRE_CONSUMER`: a caller or subscriber built from the old contract breaks once a
 * callee or publisher built from the new one is deployed (providers upgraded first, the usual
 * order). `WIRE_PROVIDER`: a callee or publisher built from the old contract breaks a caller or
 * subscriber built from the new one (consumers upgraded first). `SOURCE`: code compiled against the
 * generated API of the old contract no longer compiles against the new one, whatever the wire does.
 */
export type CompatCategory = 'WIRE_CONSUMER' | 'WIRE_PROVIDER' | 'SOURCE';

/** Every category, in the order findings are printed. */
export const COMPAT_CATEGORIES: readonly CompatCategory[] = ['WIRE_CONSUMER', 'WIRE_PROVIDER', 'SOURCE'];

/** `error`: the peer (or code) fails; `warning`: it keeps working but something is lost or untyped. */
export type CompatSeverity = 'error' | 'warning';

/** A rule's fixed description. */
export interface CompatRule {
  readonly id: string;
  /** A short title, e.g. `procedure removed`. */
  readonly title: string;
}

/** The rules by name; the ID never changes once released. */
export const CompatRules = {
  PROCEDURE_REMOVED: { id: 'WCD100', title: 'procedure removed' },
  PROCEDURE_URI_CHANGED: { id: 'WCD101', title: 'procedure URI changed' },
  PROCEDURE_ADDED: { id: 'WCD102', title: 'procedure added' },
  TOPIC_REMOVED: { id: 'WCD103', title: 'topic removed' },
  TOPIC_URI_CHANGED: { id: 'WCD104', title: 'topic URI changed' },
  TOPIC_ADDED: { id: 'WCD105', title: 'topic added' },
  KWARGS_SWITCHED: { id: 'WCD110', title: 'kwargs and positional arguments switched' },
  PARAMETER_REQUIRED: { id: 'WCD112', title: 'parameter added or made required' },
  PARAMETER_REMOVED: { id: 'WCD113', title: 'parameter not accepted' },
  PROGRESS_ADDED: { id: 'WCD121', title: 'progressive results added' },
  PROGRESS_REMOVED: { id: 'WCD122', title: 'progressive results removed' },
  INPUT_ADDED: { id: 'WCD123', title: 'stream input added' },
  INPUT_REMOVED: { id: 'WCD124', title: 'stream input removed' },
  ERROR_ADDED: { id: 'WCD130', title: 'error added to @throws' },
  ERROR_REMOVED: { id: 'WCD131', title: 'error removed from @throws' },
  ERROR_URI_CHANGED: { id: 'WCD132', title: 'error URI changed' },
  URI_TEMPLATE_SWITCHED: { id: 'WCD140', title: 'fixed URI and URI template switched' },
  URI_TEMPLATE_SHAPE: { id: 'WCD141', title: 'URI template fixed text or length changed' },
  URI_COMPONENT_NOT_ACCEPTED: { id: 'WCD142', title: 'URI component value no longer accepted' },
  URI_COMPONENT_ADDED_REMOVED: { id: 'WCD143', title: 'URI component added or removed' },
  TYPE_CHANGED: { id: 'WCD201', title: 'type changed' },
  VALUE_NOT_ACCEPTED: { id: 'WCD202', title: 'value no longer accepted' },
  RANGE_NARROWED: { id: 'WCD203', title: 'range narrowed' },
  LENGTH_NARROWED: { id: 'WCD204', title: 'length narrowed' },
  PATTERN_CHANGED: { id: 'WCD205', title: 'pattern or format changed' },
  PROPERTY_REQUIRED: { id: 'WCD206', title: 'property added or made required' },
  PROPERTY_DROPPED: { id: 'WCD207', title: 'property no longer read' },
  TUPLE_SHAPE: { id: 'WCD208', title: 'tuple length changed' },
  UNDECIDABLE: { id: 'WCD290', title: 'compatibility cannot be proven' },
  UNKNOWN_FIELD: { id: 'WCD291', title: 'unknown contract field changed' },
  TYPE_REMOVED: { id: 'WCD301', title: 'named type removed or renamed' },
  MEMBER_REMOVED: { id: 'WCD302', title: 'procedure or topic member renamed or removed' },
  PROPERTY_REMOVED: { id: 'WCD303', title: 'property renamed or removed' },
  PARAMETERS_REORDERED: { id: 'WCD304', title: 'parameters reordered' },
  TS_TYPE_CHANGED: { id: 'WCD305', title: 'TypeScript type changed, same wire form' },
  INTERFACE_RENAMED: { id: 'WCD306', title: 'service or topics interface renamed' },
  URI_COMPONENT_RENAMED: { id: 'WCD307', title: 'topic URI component renamed' },
  URI_COMPONENT_PARAMETERS: { id: 'WCD308', title: 'URI components added or removed' },
} as const satisfies Record<string, CompatRule>;

/** One of {@link CompatRules}' values. */
export type CompatRuleValue = (typeof CompatRules)[keyof typeof CompatRules];
