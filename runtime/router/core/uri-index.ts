/**
 * Exact, prefix and wildcard URI patterns (checklist D.7/D.15): one store used by the dealer
 * (best match, with precedence) and the broker (every match).
 */
import type { MatchPolicy } from '../../protocol/messages.js';

/** Something stored under a (uri, match) pair. */
export interface Indexed {
  readonly uri: string;
  readonly match: MatchPolicy;
  /** For wildcard patterns: the components, '' standing for "any one component". */
  readonly parts: readonly string[] | undefined;
}

/** Splits a wildcard pattern into components (done once, when the pattern is created). */
export function patternParts(uri: string, match: MatchPolicy): readonly string[] | undefined {
  return match === 'wildcard' ? uri.split('.') : undefined;
}

function wildcardMatches(parts: readonly string[], uriParts: readonly string[]): boolean {
  if (parts.length !== uriParts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p !== '' && p !== uriParts[i]) return false;
  }
  return true;
}

/** True when wildcard pattern `a` beats `b`: the longer literal run before each wildcard wins. */
function moreSpecific(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const aw = a[i] === '';
    if (aw !== (b[i] === '')) return !aw;
  }
  return false;
}

/** True when the concrete `uri` matches the pattern `item` (any policy). */
export function uriMatches(item: Indexed, uri: string): boolean {
  if (item.match === 'exact') return item.uri === uri;
  if (item.match === 'prefix') return uri.startsWith(item.uri);
  return wildcardMatches(item.parts as readonly string[], uri.split('.'));
}

/** The three pattern tables; an exact Map lookup always comes before any pattern scan. */
export class UriIndex<T extends Indexed> {
  readonly exact = new Map<string, T>();
  readonly prefix = new Map<string, T>();
  readonly wildcard = new Map<string, T>();

  /** Number of stored items. */
  get size(): number {
    return this.exact.size + this.prefix.size + this.wildcard.size;
  }

  /** The item stored for exactly this (uri, match) pair. */
  get(uri: string, match: MatchPolicy): T | undefined {
    return this.table(match).get(uri);
  }

  add(item: T): void {
    this.table(item.match).set(item.uri, item);
  }

  remove(item: T): void {
    const table = this.table(item.match);
    if (table.get(item.uri) === item) table.delete(item.uri);
  }

  /** D.7 precedence: exact, then the longest prefix, then the most specific wildcard. */
  best(uri: string): T | undefined {
    const exact = this.exact.get(uri);
    if (exact !== undefined) return exact;
    if (this.prefix.size > 0) {
      let found: T | undefined;
      // Among prefixes of one string, the longer one never has fewer components.
      for (const item of this.prefix.values()) {
        if (uri.startsWith(item.uri) && (found === undefined || item.uri.length > found.uri.length)) {
          found = item;
        }
      }
      if (found !== undefined) return found;
    }
    if (this.wildcard.size === 0) return undefined;
    const uriParts = uri.split('.');
    let found: T | undefined;
    for (const item of this.wildcard.values()) {
      const parts = item.parts as readonly string[];
      if (!wildcardMatches(parts, uriParts)) continue;
      if (found === undefined || moreSpecific(parts, found.parts as readonly string[])) found = item;
    }
    return found;
  }

  /** Pushes every item matching `uri` onto `out` (exact first); returns `out.length`. */
  collect(uri: string, out: T[]): number {
    const exact = this.exact.get(uri);
    if (exact !== undefined) out.push(exact);
    if (this.prefix.size > 0) {
      for (const item of this.prefix.values()) if (uri.startsWith(item.uri)) out.push(item);
    }
    if (this.wildcard.size > 0) {
      const uriParts = uri.split('.');
      for (const item of this.wildcard.values()) {
        if (wildcardMatches(item.parts as readonly string[], uriParts)) out.push(item);
      }
    }
    return out.length;
  }

  /** Ids grouped by policy, the shape of `wamp.registration.list`/`wamp.subscription.list`. */
  listIds(idOf: (item: T) => number): { exact: number[]; prefix: number[]; wildcard: number[] } {
    return {
      exact: Array.from(this.exact.values(), idOf),
      prefix: Array.from(this.prefix.values(), idOf),
      wildcard: Array.from(this.wildcard.values(), idOf),
    };
  }

  private table(match: MatchPolicy): Map<string, T> {
    return match === 'exact' ? this.exact : match === 'prefix' ? this.prefix : this.wildcard;
  }
}
