/**
 * Pattern lookups count work, not time: with 50k non-matching patterns a lookup must touch
 * O(URI length) trie nodes and none of the stored patterns; creating 20k pattern subscriptions
 * (each publishing meta events that are routed through the same index) must stay linear.
 */
import { describe, expect, it } from 'vitest';
import type { Args, MatchPolicy } from '../../../runtime/protocol/messages.js';
import { type Indexed, patternParts, UriIndex } from '../../../runtime/router/core/uri-index.js';
import { createRouterStats } from '../../../runtime/router/core/router-stats.js';
import { Broker } from '../../../runtime/router/routing/broker.js';
import { TestPeer } from '../../helpers/routing-fakes.js';

/** A stored pattern that counts how often a lookup reads it (its URI or components). */
class Counted implements Indexed {
  static reads = 0;
  private readonly u: string;
  private readonly p: readonly string[] | undefined;
  constructor(
    uri: string,
    readonly match: MatchPolicy,
  ) {
    this.u = uri;
    this.p = patternParts(uri, match);
  }
  get uri(): string {
    Counted.reads++;
    return this.u;
  }
  get parts(): readonly string[] | undefined {
    Counted.reads++;
    return this.p;
  }
}

const N = 50_000;

function bigIndex(): UriIndex<Counted> {
  const index = new UriIndex<Counted>();
  for (let i = 0; i < N; i++) {
    index.add(new Counted(`com.other.app${i}.`, 'prefix'));
    index.add(new Counted(`com.other.${i}..x`, 'wildcard'));
  }
  return index;
}

describe('UriIndex: lookup work does not grow with the number of patterns', () => {
  it('reads none of 100k non-matching prefix and wildcard patterns and visits O(URI) nodes', () => {
    const index = bigIndex();
    const matching = new Counted('com.example.', 'prefix');
    const wild = new Counted('com..topic.x', 'wildcard');
    index.add(matching);
    index.add(wild);
    const uri = 'com.example.topic.x';
    Counted.reads = 0;
    index.visited = 0;
    expect(index.best(uri)).toBe(matching);
    const out: Counted[] = [];
    index.collect(uri, out);
    expect(new Set(out)).toEqual(new Set([matching, wild]));
    // No stored pattern is compared against the URI...
    expect(Counted.reads).toBe(0);
    // ...and the tries are walked along the URI only: characters for prefixes, components for wildcards.
    const components = uri.split('.').length;
    expect(index.visited).toBeLessThanOrEqual(2 * (uri.length + 2 * (components + 1)));
  });

  it('answers a URI no pattern matches without reading any pattern', () => {
    const index = bigIndex();
    Counted.reads = 0;
    index.visited = 0;
    expect(index.best('org.nothing.here')).toBeUndefined();
    expect(index.collect('org.nothing.here.at.all', [])).toBe(0);
    expect(Counted.reads).toBe(0);
    expect(index.visited).toBeLessThanOrEqual(2 * 'org.nothing.here.at.all'.length);
  });

  it('keeps the tries small again after removing patterns', () => {
    const index = new UriIndex<Counted>();
    const items = [
      new Counted('a.b', 'prefix'),
      new Counted('a.bc', 'prefix'),
      new Counted('a..c', 'wildcard'),
    ];
    for (const i of items) index.add(i);
    for (const i of items) index.remove(i);
    expect(index.size).toBe(0);
    index.visited = 0;
    expect(index.collect('a.bc.c', [])).toBe(0);
    expect(index.best('a.b.c')).toBeUndefined();
    expect(index.visited).toBe(0);
  });
});

describe('Broker: creating pattern subscriptions stays linear', () => {
  it('20k prefix subscriptions with a meta subscriber cost a bounded number of node visits each', () => {
    const stats = createRouterStats();
    let seq = 0;
    let broker: Broker | undefined;
    const router = { id: 0, authid: 'router', authrole: 'router' };
    // Like a realm: every subscribe publishes on_create/on_subscribe through the same broker.
    const ctx = {
      stats,
      nextRouterId: () => ++seq,
      publishMeta: (topic: string, args: Args) => {
        broker?.publish(router, {}, topic, args, undefined);
      },
    };
    broker = new Broker(ctx);
    const watcher = new TestPeer(1);
    broker.subscribe(watcher, 1, {}, 'wamp.subscription.on_create');
    const hog = new TestPeer(2);
    const count = 20_000;
    broker.subscriptions.visited = 0;
    let reads = 0;
    for (let i = 0; i < count; i++) {
      const topic = `com.hog.n${i}.`;
      broker.subscribe(hog, i + 1, { match: 'prefix' }, topic);
      // Count every later read of this subscription's pattern (a scan would read it per lookup).
      const sub = broker.subscriptions.get(topic, 'prefix') as object;
      Object.defineProperty(sub, 'uri', {
        get: () => {
          reads++;
          return topic;
        },
      });
    }
    expect(broker.subscriptions.prefix.size).toBe(count);
    expect(watcher.inbox.filter((m) => m[0] === 36).length).toBeGreaterThanOrEqual(count);
    // Two meta events per subscribe, each a lookup of a ~30-character topic: never a scan of all.
    expect(reads).toBeLessThanOrEqual(count);
    expect(broker.subscriptions.visited).toBeLessThanOrEqual(count * 2 * 40);
  }, 60_000);
});
