/** The three WAMP match policies, used by authorization rules. */
export type RuleMatch = 'exact' | 'prefix' | 'wildcard';

/**
 * True when `uri` matches `pattern` under `match`: exact equality, a plain string prefix (not a
 * component prefix, checklist E.13), or a wildcard where empty components match any one component.
 */
export function uriMatches(pattern: string, match: RuleMatch, uri: string): boolean {
  if (match === 'exact') return uri === pattern;
  if (match === 'prefix') return uri.startsWith(pattern);
  const want = pattern.split('.');
  const have = uri.split('.');
  if (want.length !== have.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w !== '' && w !== have[i]) return false;
  }
  return true;
}
