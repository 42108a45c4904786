/**
 * Exact, prefix and wildcard URI patterns (checklist D.7/D.15): one store used by the dealer
 * (best match, with precedence) and the broker (every match).
 *
 * Lookups never scan the stored patterns: exact URIs are a Map; prefixes are a character trie, so
 * a lookup walks at most the URI's length; wildcards are grouped by component count and kept in a
 * component trie per count (literal children by name, one child for "any component"), so a lookup
 * follows only the branches the URI's components can take. The cost of a lookup grows with the
 * URI's length and the number of patterns that match it, never with the number of patterns.
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

/** True when the concrete `uri` matches the pattern `item` (any policy). */
export function uriMatches(item: Indexed, uri: string): boolean {
  if (item.match === 'exact') return item.uri === uri;
  if (item.match === 'prefix') return uri.startsWith(item.uri);
  return wildcardMatches(item.parts as readonly string[], uri.split('.'));
}

/** One character of the prefix trie: the pattern ending here, and the next characters. */
class CharNode<T> {
  item: T | undefined = undefined;
  next: Map<number, CharNode<T>> | undefined = undefined;
}

/** One component of a wildcard trie: the pattern ending here, literal children, the "any" child. */
class PartNode<T> {
  item: T | undefined = undefined;
  literal: Map<string, PartNode<T>> | undefined = undefined;
  any: PartNode<T> | undefined = undefined;
}

/** The exact table, the prefix trie and the wildcard tries; an exact Map lookup comes first. */
export class UriIndex<T extends Indexed> {
  readonly exact = new Map<string, T>();
  readonly prefix = new Map<string, T>();
  readonly wildcard = new Map<string, T>();
  /**
   * Trie nodes visited by lookups (`best`, `collect`) since creation: a work counter for tests
   * and benchmarks (one increment per node, nothing else).
   */
  visited = 0;
  private readonly prefixRoot = new CharNode<T>();
  /** Wildcard tries by component count. */
  private readonly wildcardRoots = new Map<number, PartNode<T>>();

  /** Number of stored items. */
  get size(): number {
    return this.exact.size + this.prefix.size + this.wildcard.size;
  }

  /** The item stored for exactly this (uri, match) pair. */
  get(uri: string, match: MatchPolicy): T | undefined {
    return this.table(match).get(uri);
  }

  add(item: T): void {
    const table = this.table(item.match);
    const old = table.get(item.uri);
    if (old !== undefined) this.remove(old);
    table.set(item.uri, item);
    if (item.match === 'prefix') this.addPrefix(item);
    else if (item.match === 'wildcard') this.addWildcard(item);
  }

  remove(item: T): void {
    const table = this.table(item.match);
    if (table.get(item.uri) !== item) return;
    table.delete(item.uri);
    if (item.match === 'prefix') this.removePrefix(item.uri);
    else if (item.match === 'wildcard') this.removeWildcard(item);
  }

  /** D.7 precedence: exact, then the longest prefix, then the most specific wildcard. */
  best(uri: string): T | undefined {
    const exact = this.exact.get(uri);
    if (exact !== undefined) return exact;
    if (this.prefix.size > 0) {
      // The deepest pattern on the URI's path through the trie is the longest prefix.
      let found: T | undefined;
      let node: CharNode<T> | undefined = this.prefixRoot;
      for (let i = 0; i < uri.length; i++) {
        node = node.next?.get(uri.charCodeAt(i));
        if (node === undefined) break;
        this.visited++;
        if (node.item !== undefined) found = node.item;
      }
      if (found !== undefined) return found;
    }
    if (this.wildcard.size === 0) return undefined;
    const uriParts = uri.split('.');
    const root = this.wildcardRoots.get(uriParts.length);
    if (root === undefined) return undefined;
    // Literal children are tried before "any": the first full match has the longest literal run
    // before its first wildcard, then before its second, and so on (D.7), without comparing.
    return this.firstWildcard(root, uriParts, 0);
  }

  /** Pushes every item matching `uri` onto `out` (exact first); returns `out.length`. */
  collect(uri: string, out: T[]): number {
    const exact = this.exact.get(uri);
    if (exact !== undefined) out.push(exact);
    if (this.prefix.size > 0) {
      let node: CharNode<T> | undefined = this.prefixRoot;
      for (let i = 0; i < uri.length; i++) {
        node = node.next?.get(uri.charCodeAt(i));
        if (node === undefined) break;
        this.visited++;
        if (node.item !== undefined) out.push(node.item);
      }
    }
    if (this.wildcard.size > 0) {
      const uriParts = uri.split('.');
      const root = this.wildcardRoots.get(uriParts.length);
      if (root !== undefined) this.allWildcards(root, uriParts, 0, out);
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

  // ---- internals ----

  private table(match: MatchPolicy): Map<string, T> {
    return match === 'exact' ? this.exact : match === 'prefix' ? this.prefix : this.wildcard;
  }

  private firstWildcard(node: PartNode<T>, parts: readonly string[], depth: number): T | undefined {
    this.visited++;
    if (depth === parts.length) return node.item;
    const literal = node.literal?.get(parts[depth] as string);
    if (literal !== undefined) {
      const found = this.firstWildcard(literal, parts, depth + 1);
      if (found !== undefined) return found;
    }
    return node.any === undefined ? undefined : this.firstWildcard(node.any, parts, depth + 1);
  }

  private allWildcards(node: PartNode<T>, parts: readonly string[], depth: number, out: T[]): void {
    this.visited++;
    if (depth === parts.length) {
      if (node.item !== undefined) out.push(node.item);
      return;
    }
    const literal = node.literal?.get(parts[depth] as string);
    if (literal !== undefined) this.allWildcards(literal, parts, depth + 1, out);
    if (node.any !== undefined) this.allWildcards(node.any, parts, depth + 1, out);
  }

  private addPrefix(item: T): void {
    const uri = item.uri;
    let node = this.prefixRoot;
    for (let i = 0; i < uri.length; i++) {
      const c = uri.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (child === undefined) {
        child = new CharNode<T>();
        node.next.set(c, child);
      }
      node = child;
    }
    node.item = item;
  }

  /** Clears the pattern's node and prunes the branch nodes nothing else needs. */
  private removePrefix(uri: string): void {
    const path: CharNode<T>[] = [this.prefixRoot];
    let node: CharNode<T> | undefined = this.prefixRoot;
    for (let i = 0; i < uri.length; i++) {
      node = node.next?.get(uri.charCodeAt(i));
      if (node === undefined) return;
      path.push(node);
    }
    node.item = undefined;
    for (let i = uri.length; i > 0; i--) {
      const n = path[i] as CharNode<T>;
      if (n.item !== undefined || (n.next !== undefined && n.next.size > 0)) return;
      const parent = path[i - 1] as CharNode<T>;
      parent.next?.delete(uri.charCodeAt(i - 1));
      if (parent.next?.size === 0) parent.next = undefined;
    }
  }

  private addWildcard(item: T): void {
    const parts = item.parts ?? item.uri.split('.');
    let node = this.wildcardRoots.get(parts.length);
    if (node === undefined) {
      node = new PartNode<T>();
      this.wildcardRoots.set(parts.length, node);
    }
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      let child: PartNode<T> | undefined;
      if (p === '') {
        child = node.any ??= new PartNode<T>();
      } else {
        node.literal ??= new Map();
        child = node.literal.get(p);
        if (child === undefined) {
          child = new PartNode<T>();
          node.literal.set(p, child);
        }
      }
      node = child;
    }
    node.item = item;
  }

  private removeWildcard(item: T): void {
    const parts = item.parts ?? item.uri.split('.');
    const root = this.wildcardRoots.get(parts.length);
    if (root === undefined) return;
    const path: PartNode<T>[] = [root];
    let node: PartNode<T> | undefined = root;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      node = p === '' ? node.any : node.literal?.get(p);
      if (node === undefined) return;
      path.push(node);
    }
    node.item = undefined;
    for (let i = parts.length; i > 0; i--) {
      const n = path[i] as PartNode<T>;
      if (n.item !== undefined || n.any !== undefined || (n.literal !== undefined && n.literal.size > 0))
        return;
      const parent = path[i - 1] as PartNode<T>;
      const p = parts[i - 1] as string;
      if (p === '') parent.any = undefined;
      else {
        parent.literal?.delete(p);
        if (parent.literal?.size === 0) parent.literal = undefined;
      }
    }
    if (root.item === undefined && root.any === undefined && root.literal === undefined)
      this.wildcardRoots.delete(parts.length);
  }
}
