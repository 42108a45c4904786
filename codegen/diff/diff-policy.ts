/**
 * Which findings fail a `diff` run: the categories to fail on (`--fail-on`, `diff.failOn` in the
 * configuration) and single findings allowed by rule and subject (`diff.allow`).
 */
import { COMPAT_CATEGORIES, type CompatCategory, type CompatFinding } from 'wamp-contracts/contract-model';

/** One allowed finding: its rule and subject exactly as `diff` prints them, and why it is fine. */
export interface DiffAllowEntry {
  readonly rule: string;
  readonly subject: string;
  readonly reason?: string;
}

/** The `diff` key of the configuration file. */
export interface DiffSettings {
  /** Categories whose errors fail the run (default `WIRE_CONSUMER` and `SOURCE`); add `warnings` to fail on their warnings too. */
  readonly failOn?: readonly string[];
  readonly allow?: readonly DiffAllowEntry[];
}

/** The categories `diff` fails on without `--fail-on` or `diff.failOn`. */
export const DEFAULT_FAIL_ON: readonly string[] = ['WIRE_CONSUMER', 'SOURCE'];

/** Checks one `--fail-on` list; returns the reason it is wrong, or undefined. */
export function checkFailOn(values: readonly string[]): string | undefined {
  const wrong = values.filter((v) => v !== 'warnings' && !COMPAT_CATEGORIES.includes(v as CompatCategory));
  return wrong.length === 0
    ? undefined
    : `unknown categor${wrong.length === 1 ? 'y' : 'ies'} ${wrong.join(', ')} (use ${COMPAT_CATEGORIES.join(', ')}, warnings)`;
}

/** Checks the `diff` configuration value; returns the reason it is wrong, or undefined. */
export function checkDiffSettings(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object';
  const settings = value as Record<string, unknown>;
  for (const key of Object.keys(settings))
    if (key !== 'failOn' && key !== 'allow') return `unknown key ${key}`;
  const { failOn, allow } = settings;
  if (failOn !== undefined) {
    if (!Array.isArray(failOn) || !failOn.every((v) => typeof v === 'string'))
      return 'failOn: expected an array of strings';
    const wrong = checkFailOn(failOn);
    if (wrong !== undefined) return `failOn: ${wrong}`;
  }
  if (allow !== undefined) {
    if (!Array.isArray(allow)) return 'allow: expected an array';
    for (const [i, entry] of allow.entries()) {
      const e = entry as Record<string, unknown>;
      const ok =
        typeof e === 'object' &&
        e !== null &&
        typeof e.rule === 'string' &&
        typeof e.subject === 'string' &&
        (e.reason === undefined || typeof e.reason === 'string') &&
        Object.keys(e).every((k) => k === 'rule' || k === 'subject' || k === 'reason');
      if (!ok) return `allow[${i}]: expected { "rule": string, "subject": string, "reason"?: string }`;
    }
  }
  return undefined;
}

/** The findings of a run sorted into what fails it, what is only reported, and what was allowed. */
export interface DiffOutcome {
  readonly failing: readonly CompatFinding[];
  readonly reported: readonly CompatFinding[];
  readonly allowed: readonly CompatFinding[];
  /** Allow-list entries that matched no finding (stale entries to remove). */
  readonly unusedAllows: readonly DiffAllowEntry[];
}

/** Applies the fail-on categories and the allow-list to the findings. */
export function applyPolicy(
  findings: readonly CompatFinding[],
  failOn: readonly string[],
  allow: readonly DiffAllowEntry[] = [],
): DiffOutcome {
  const used = new Set<DiffAllowEntry>();
  const failing: CompatFinding[] = [];
  const reported: CompatFinding[] = [];
  const allowed: CompatFinding[] = [];
  for (const f of findings) {
    const entry = allow.find((a) => a.rule === f.rule && a.subject === f.subject);
    if (entry !== undefined) {
      used.add(entry);
      allowed.push(f);
      continue;
    }
    const fails = failOn.includes(f.category) && (f.severity === 'error' || failOn.includes('warnings'));
    (fails ? failing : reported).push(f);
  }
  return { failing, reported, allowed, unusedAllows: allow.filter((a) => !used.has(a)) };
}
