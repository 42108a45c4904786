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

/**
 * True when a rule (`rule` under `ruleMatch`) covers every URI a request (`request` under
 * `requestMatch`) can match, so granting the request grants nothing the rule does not:
 *
 * - an exact request: the rule matches the URI (as {@link uriMatches});
 * - a prefix request `P`: only a prefix rule `R` with `P` starting with `R` (exact and wildcard
 *   rules match URIs of one length, a prefix request matches URIs of any length);
 * - a wildcard request `W`: a wildcard rule of the same length whose every component is empty or
 *   equal to W's (an empty component of W needs an empty one in the rule), or a prefix rule that
 *   every match of W starts with (R is a prefix of W's text up to its first empty component).
 *   An exact rule never grants a wildcard request.
 */
export function ruleCovers(
  rule: string,
  ruleMatch: RuleMatch,
  request: string,
  requestMatch: RuleMatch,
): boolean {
  if (requestMatch === 'exact') return uriMatches(rule, ruleMatch, request);
  if (ruleMatch === 'exact') return false;
  if (requestMatch === 'prefix') return ruleMatch === 'prefix' && request.startsWith(rule);
  if (ruleMatch === 'prefix') return fixedPrefix(request).startsWith(rule);
  const want = rule.split('.');
  const have = request.split('.');
  if (want.length !== have.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w !== '' && w !== have[i]) return false;
  }
  return true;
}

/** The text every match of a wildcard pattern starts with: up to and including the dot before its first empty component. */
function fixedPrefix(wildcard: string): string {
  const components = wildcard.split('.');
  let length = 0;
  for (const c of components) {
    if (c === '') return wildcard.slice(0, length);
    length += c.length + 1;
  }
  return wildcard;
}
