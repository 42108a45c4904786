/**
 * Router benchmark: router CPU time per routed call and per delivered event, measured inside the
 * router's own process (`process.cpuUsage`) while autobahn-js clients drive it from this process.
 * Our router, fox-wamp and a raw `ws` relay run side by side in one run; the ratios are what count.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCalls } from '../run-calls.js';
import { measurePatterns } from './patterns.js';
import { openAutobahn, openIdleSessions, openRelayPair } from './workloads.js';

type Kind = 'ours' | 'fox' | 'relay';

interface Probe {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
}

interface RouterProcess {
  url: string;
  port: number;
  probe(): Promise<Probe>;
  stop(): Promise<void>;
}

/** The small call/event payload. */
export const SMALL = { id: 42, name: 'x' };
/** An object whose JSON encoding is 1 KiB. */
export const KIB = (() => {
  const value = { id: 42, name: 'x', tags: [] as string[] };
  while (JSON.stringify(value).length < 1024 - 12) value.tags.push('tag');
  return { ...value, pad: 'x'.repeat(1024 - JSON.stringify(value).length - 9) };
})();

/** An object whose JSON encoding is 64 KiB (mostly one long string, as a blob or document would be). */
export const KIB64 = (() => {
  const value = { id: 42, name: 'x', tags: Array.from({ length: 100 }, (_, i) => `tag${i}`) };
  return { ...value, pad: 'x'.repeat(65536 - JSON.stringify(value).length - 9) };
})();

async function startRouter(kind: Kind): Promise<RouterProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [kind], {
    // BENCH_ROUTER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=tmp/prof") profiles the routers.
    execArgv: ['--conditions=wamp-contracts-source', '--import', 'tsx', '--expose-gc', ...extraNodeArgs()],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${kind} router exited with ${code}`)));
  });
  return {
    port,
    url: kind === 'ours' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
    probe: () =>
      new Promise((resolve) => {
        child.once('message', (m: Probe) => resolve(m));
        child.send({ type: 'probe' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      }),
  };
}

/** Extra node flags for the router child processes, from `BENCH_ROUTER_NODE_ARGS`. */
function extraNodeArgs(): string[] {
  return (process.env.BENCH_ROUTER_NODE_ARGS ?? '').split(' ').filter((a) => a.length > 0);
}

const cpuMicros = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => b.user - a.user + (b.system - a.system);

/** Router CPU µs per call with `inFlight` calls outstanding, and calls/s seen by the caller. */
export async function measureCalls(kind: Kind, payload: unknown, total: number, inFlight: number) {
  const router = await startRouter(kind);
  try {
    let call: () => Promise<unknown>;
    let close: () => void;
    if (kind === 'relay') {
      const pair = await openRelayPair(router.port, payload);
      call = pair.call;
      close = pair.close;
    } else {
      const callee = await openAutobahn(router.url);
      await callee.session.register('bench.echo', (args) => args[0]);
      const caller = await openAutobahn(router.url);
      call = () => caller.session.call('bench.echo', [payload]);
      close = () => {
        caller.close();
        callee.close();
      };
    }
    await runCalls(call, Math.min(2000, total), inFlight);
    const before = await router.probe();
    const start = performance.now();
    await runCalls(call, total, inFlight);
    const seconds = (performance.now() - start) / 1000;
    const after = await router.probe();
    close();
    return {
      cpuPerCall: cpuMicros(before.cpu, after.cpu) / total,
      systemPerCall: (after.cpu.system - before.cpu.system) / total,
      callsPerSecond: total / seconds,
    };
  } finally {
    await router.stop();
  }
}

/** Router CPU µs per delivered event: one publisher, `subscribers` subscribers, windows of 100. */
export async function measureEvents(kind: Exclude<Kind, 'relay'>, events: number, subscribers: number) {
  const router = await startRouter(kind);
  try {
    let received = 0;
    let waiter: { target: number; resolve: () => void } | undefined;
    const peers = [];
    for (let i = 0; i < subscribers; i++) {
      const peer = await openAutobahn(router.url);
      await peer.session.subscribe('bench.topic', () => {
        received++;
        if (waiter && received >= waiter.target) waiter.resolve();
      });
      peers.push(peer);
    }
    const publisher = await openAutobahn(router.url);
    const publishAll = async (count: number) => {
      for (let sent = 0; sent < count; sent += 100) {
        const target = received + 100 * subscribers;
        const arrived = new Promise<void>((resolve) => (waiter = { target, resolve }));
        for (let i = 0; i < 100; i++) publisher.session.publish('bench.topic', [SMALL]);
        await arrived;
      }
    };
    await publishAll(1000);
    const before = await router.probe();
    const start = performance.now();
    await publishAll(events);
    const seconds = (performance.now() - start) / 1000;
    const after = await router.probe();
    for (const peer of [publisher, ...peers]) peer.close();
    return {
      cpuPerEvent: cpuMicros(before.cpu, after.cpu) / (events * subscribers),
      systemPerEvent: (after.cpu.system - before.cpu.system) / (events * subscribers),
      eventsPerSecond: (events * subscribers) / seconds,
    };
  } finally {
    await router.stop();
  }
}

/** Router memory per idle joined session (RSS and heap deltas after GC). */
async function measureIdleMemory(kind: Exclude<Kind, 'relay'>, sessions: number) {
  const router = await startRouter(kind);
  try {
    const before = await router.probe();
    const sockets = await openIdleSessions(router.url, sessions);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await router.probe();
    for (const socket of sockets) socket.terminate();
    return {
      rssPerSession: (after.memory.rss - before.memory.rss) / sessions,
      heapPerSession: (after.memory.heapUsed - before.memory.heapUsed) / sessions,
    };
  } finally {
    await router.stop();
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Runs the router suite and prints markdown tables. `quick` shrinks the counts for a smoke run. */
export async function runRouterBench(options: { quick?: boolean } = {}): Promise<void> {
  const calls = options.quick ? 2000 : 20000;
  const events = options.quick ? 1000 : 10000;
  const kinds: Kind[] = (process.env.BENCH_ROUTERS?.split(',') as Kind[]) ?? ['ours', 'fox', 'relay'];
  console.log('\n### Router CPU per routed call (autobahn-js caller and callee, 100 in flight)\n');
  console.log(
    '| router | small µs/call | small calls/s | 1 KiB µs/call | 1 KiB calls/s | 64 KiB µs/call | 64 KiB calls/s |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const rows: Record<string, { small: number; kib: number; kib64: number }> = {};
  for (const kind of kinds) {
    const small = await measureCalls(kind, SMALL, calls, 100);
    const kib = await measureCalls(kind, KIB, calls / 2, 100);
    // 64 KiB: 10 in flight keeps the in-flight bytes (640 KiB) below every flow-control limit.
    const kib64 = await measureCalls(kind, KIB64, calls / 20, 10);
    rows[kind] = { small: small.cpuPerCall, kib: kib.cpuPerCall, kib64: kib64.cpuPerCall };
    console.log(
      `| ${kind} | ${fmt(small.cpuPerCall)} | ${fmt(small.callsPerSecond, 0)} | ${fmt(kib.cpuPerCall)} | ${fmt(kib.callsPerSecond, 0)} | ${fmt(kib64.cpuPerCall)} | ${fmt(kib64.callsPerSecond, 0)} |`,
    );
  }
  if (rows.ours && rows.fox) {
    console.log(
      `\nRatio ours/fox-wamp: small ${fmt(rows.ours.small / rows.fox.small, 2)}, 1 KiB ${fmt(rows.ours.kib / rows.fox.kib, 2)}, 64 KiB ${fmt(rows.ours.kib64 / rows.fox.kib64, 2)}`,
    );
  }
  if (rows.ours && rows.relay) {
    console.log(
      `Ratio ours/relay: small ${fmt(rows.ours.small / rows.relay.small, 2)}, 1 KiB ${fmt(rows.ours.kib / rows.relay.kib, 2)}, 64 KiB ${fmt(rows.ours.kib64 / rows.relay.kib64, 2)}`,
    );
  }
  console.log('\n### Router CPU per delivered event (1 publisher, 10 autobahn-js subscribers)\n');
  console.log('| router | µs/event | events/s delivered |');
  console.log('|---|---|---|');
  const perEvent: Record<string, number> = {};
  for (const kind of kinds.filter((k) => k !== 'relay') as Exclude<Kind, 'relay'>[]) {
    const result = await measureEvents(kind, events, 10);
    perEvent[kind] = result.cpuPerEvent;
    console.log(`| ${kind} | ${fmt(result.cpuPerEvent, 2)} | ${fmt(result.eventsPerSecond, 0)} |`);
  }
  if (perEvent.ours && perEvent.fox)
    console.log(`\nRatio ours/fox-wamp: ${fmt(perEvent.ours / perEvent.fox, 2)}`);
  const sessions = options.quick ? 500 : 5000;
  console.log(`\n### Router memory per idle session (${sessions} sessions)\n`);
  console.log('| router | RSS KiB/session | heap KiB/session |');
  console.log('|---|---|---|');
  for (const kind of kinds.filter((k) => k !== 'relay') as Exclude<Kind, 'relay'>[]) {
    const m = await measureIdleMemory(kind, sessions);
    console.log(`| ${kind} | ${fmt(m.rssPerSession / 1024, 2)} | ${fmt(m.heapPerSession / 1024, 2)} |`);
  }
  measurePatterns(options);
}
