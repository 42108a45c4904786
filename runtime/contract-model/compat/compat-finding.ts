import type { SourceLocation } from '../contract-model.js';
import type { CompatCategory, CompatRuleValue, CompatSeverity } from './compat-rules.js';

/** One incompatibility between two versions of a contract. */
export interface CompatFinding {
  /** The rule's stable ID, e.g. `WCD202`. */
  readonly rule: string;
  readonly category: CompatCategory;
  readonly severity: CompatSeverity;
  /**
   * A stable address of what changed, e.g. `com.example.weather.get args[0].unit` or
   * `type schemas/weather.ts#Forecast`; with `rule` it identifies a finding in an allow-list.
   */
  readonly subject: string;
  /** One line: what breaks and why, e.g. `new callees reject old callers' calls: 'kelvin' is no longer accepted`. */
  readonly message: string;
  /** Where the old version declares the subject (or its nearest declared parent). */
  readonly old?: SourceLocation;
  /** Where the new version declares it. */
  readonly new?: SourceLocation;
}

/** The old and new declarations of a finding's subject. */
export interface FindingPlaces {
  readonly old?: SourceLocation | undefined;
  readonly new?: SourceLocation | undefined;
}

/** Builds a finding, leaving out absent locations. */
export function finding(
  rule: CompatRuleValue,
  category: CompatCategory,
  severity: CompatSeverity,
  subject: string,
  message: string,
  places: FindingPlaces,
): CompatFinding {
  return {
    rule: rule.id,
    category,
    severity,
    subject,
    message,
    ...(places.old === undefined ? {} : { old: places.old }),
    ...(places.new === undefined ? {} : { new: places.new }),
  };
}

/** `file:line`, or `-` when the version has no such declaration. */
export function formatPlace(location: SourceLocation | undefined): string {
  return location === undefined ? '-' : `${location.file}:${location.line}`;
}
