/**
 * The callee refuses arguments that carry properties its contract does not declare, as it refuses
 * extra positional arguments (docs/generated-api.md, "Extra arguments and unknown keys"). The
 * generated object schemas strip unknown keys, so the check compares what zod was given with what
 * it returned: a key present in an input dict and absent from the output dict at the same path was
 * unknown. Generated schemas never reshape objects (codecs change leaves only), so the two walk
 * in step.
 */
import type { ValidationIssue } from '../protocol/predefined-errors.js';

/** At most this many unknown-key issues are reported for one value (the first ones found). */
const MAX_ISSUES = 16;

function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The `unrecognized_keys` issues (zod's code and shape, one per object) for every dict in `input`
 * whose keys `output` dropped; empty when there are none. A key whose value is `undefined` is absent.
 */
export function unknownKeyIssues(input: unknown, output: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walk(input, output, [], issues);
  return issues;
}

// `path` is one stack, pushed and popped, and copied only into an issue: no allocation per level.
function walk(input: unknown, output: unknown, path: (string | number)[], issues: ValidationIssue[]): void {
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null) return;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return;
    const n = Math.min(input.length, output.length);
    for (let i = 0; i < n; i++) {
      const item: unknown = input[i];
      if (typeof item !== 'object' || item === null) continue;
      path.push(i);
      walk(item, output[i], path, issues);
      path.pop();
    }
    return;
  }
  if (!isDict(input) || !isDict(output)) return;
  let unknown: string[] | undefined;
  for (const key in input) {
    const item = input[key];
    if (!Object.hasOwn(output, key)) {
      if (item !== undefined && Object.hasOwn(input, key)) (unknown ??= []).push(key);
    } else if (typeof item === 'object' && item !== null) {
      path.push(key);
      walk(item, output[key], path, issues);
      path.pop();
    }
    if (issues.length >= MAX_ISSUES) return;
  }
  if (unknown !== undefined) {
    const list = unknown.map((k) => JSON.stringify(k)).join(', ');
    issues.push({
      code: 'unrecognized_keys',
      path: [...path],
      keys: unknown,
      message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${list}`,
    });
  }
}
