/**
 * Pattern lookup cost in-process (broker publish and dealer call routing with fake peers, no
 * sockets): 0 versus 50k non-matching prefix and wildcard patterns in the realm. With the trie
 * index the two columns should be close; a scan made them differ by an order of magnitude.
 * Run alone: `node --conditions=wamp-contracts-source --import tsx bench/router/patterns.ts [--quick]`.
 */
import { callMessage } from '../../runtime/protocol/encode.js';
import type { WampMessage } from '../../runtime/protocol/messages.js';
import type {
  PeerCall,
  PeerRegistration,
  PeerSubscription,
  SessionPeer,
} from '../../runtime/router/core/peer.js';
import { createRouterStats } from '../../runtime/router/core/router-stats.js';
import { Broker } from '../../runtime/router/routing/broker.js';
import { Dealer } from '../../runtime/router/routing/dealer.js';

class Peer implements SessionPeer {
  readonly calls = new Map<number, PeerCall>();
  readonly invocations = new Map<number, PeerCall>();
  invocationSeq = 0;
  readonly registrations = new Set<PeerRegistration>();
  readonly subscriptions = new Set<PeerSubscription>();
  readonly features = 0;
  readonly authid: string;
  readonly authrole = 'user';
  received = 0;
  constructor(readonly id: number) {
    this.authid = `u${id}`;
  }
  send(_message: WampMessage): void {
    this.received++;
  }
  nextInvocationId(): number {
    return ++this.invocationSeq;
  }
}

function context() {
  let seq = 0;
  return { stats: createRouterStats(), nextRouterId: () => ++seq, publishMeta: () => {} };
}

function timeOps(rounds: number, fn: (i: number) => void): number {
  for (let i = 0; i < rounds / 10; i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / rounds / 1000;
}

function publishCost(patterns: number, rounds: number): number {
  const broker = new Broker(context());
  const subscriber = new Peer(1);
  const hog = new Peer(2);
  const publisher = new Peer(3);
  broker.subscribe(subscriber, 1, { match: 'prefix' }, 'com.example.');
  for (let i = 0; i < patterns; i++) {
    broker.subscribe(
      hog,
      i + 2,
      { match: i % 2 === 0 ? 'prefix' : 'wildcard' },
      `com.hog.n${i}.${i % 2 === 0 ? '' : '.x'}`,
    );
  }
  const args = [1];
  return timeOps(rounds, () => broker.publish(publisher, {}, 'com.example.ticks', args, undefined));
}

function callCost(patterns: number, rounds: number): number {
  const dealer = new Dealer(context());
  const callee = new Peer(1);
  const hog = new Peer(2);
  const caller = new Peer(3);
  dealer.register(callee, 1, { match: 'prefix' }, 'com.example.');
  for (let i = 0; i < patterns; i++) dealer.register(hog, i + 2, { match: 'prefix' }, `com.hog.n${i}.`);
  const args = [1];
  return timeOps(rounds, (i) => {
    // Answer at once so the call records do not pile up.
    dealer.call(caller, callMessage(i + 1, {}, 'com.example.echo', args));
    const id = callee.invocationSeq;
    dealer.yield(callee, [70, id, {}, args]);
  });
}

function fmt(n: number): string {
  return n.toFixed(2);
}

/** Prints the table; part of `npm run bench -- router`. */
export function measurePatterns(options: { quick?: boolean } = {}): void {
  const rounds = options.quick ? 20_000 : 200_000;
  const many = 50_000;
  console.log(`\n### Pattern lookups: 0 vs ${many} non-matching patterns (in-process, fake peers)\n`);
  console.log(`| operation | µs with 0 | µs with ${many} | ratio |`);
  console.log('|---|---|---|---|');
  const p0 = publishCost(0, rounds);
  const pN = publishCost(many, rounds);
  console.log(`| publish to a prefix subscription | ${fmt(p0)} | ${fmt(pN)} | ${fmt(pN / p0)} |`);
  const c0 = callCost(0, rounds);
  const cN = callCost(many, rounds);
  console.log(`| call + yield via a prefix registration | ${fmt(c0)} | ${fmt(cN)} | ${fmt(cN / c0)} |`);
}

if (process.argv[1]?.endsWith('patterns.ts')) measurePatterns({ quick: process.argv.includes('--quick') });
