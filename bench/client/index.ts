/**
 * Client benchmark: calls per second (100 in flight) and client CPU per call for a caller/callee
 * pair of autobahn-js, of wampy.js and of ours, all through our embedded router running in a
 * child process. Both peers of a pair run in this process, so "client CPU per call" is the CPU
 * of caller plus callee for one routed call; the router's CPU is not counted.
 *
 * Run: `npm run bench -- client` (or `--quick`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Wampy } from 'wampy';
import WebSocket from 'ws';
import { connect } from '../../runtime/session/connect.js';
import { runCalls } from '../run-calls.js';
import type { SerializerName } from '../../runtime/serializers/types.js';

/** One caller/callee pair under test. */
interface Pair {
  call(payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

type PairKind = 'autobahn' | 'wampy' | 'ours' | 'ours-msgpack';

const SMALL = { id: 42, name: 'x' };
/** An object whose JSON encoding is about 1 KiB. */
const KIB = { id: 42, name: 'x', pad: 'x'.repeat(1024 - 33) };

const require = createRequire(import.meta.url);

interface AbSession {
  register(uri: string, fn: (args: unknown[]) => unknown): Promise<unknown>;
  call(uri: string, args: unknown[]): Promise<unknown>;
}
interface AbConnection {
  onopen: (session: AbSession) => void;
  onclose: () => boolean;
  open(): void;
  close(): void;
}

async function openAutobahn(url: string): Promise<{ session: AbSession; close(): void }> {
  // autobahn warns on every close through a console.warn bound at load time.
  const warn = console.warn;
  console.warn = () => undefined;
  const autobahn = require('autobahn') as { Connection: new (o: object) => AbConnection };
  console.warn = warn;
  return new Promise((resolve) => {
    const connection = new autobahn.Connection({
      url,
      realm: 'realm1',
      max_retries: 0,
      use_es6_promises: true,
    });
    connection.onopen = (session) => resolve({ session, close: () => connection.close() });
    connection.onclose = () => true;
    connection.open();
  });
}

async function openPair(kind: PairKind, url: string): Promise<Pair> {
  if (kind === 'autobahn') {
    const callee = await openAutobahn(url);
    await callee.session.register('bench.echo', (args) => args[0]);
    const caller = await openAutobahn(url);
    return {
      call: (payload) => caller.session.call('bench.echo', [payload]),
      close: async () => {
        caller.close();
        callee.close();
      },
    };
  }
  if (kind === 'wampy') {
    const options = {
      realm: 'realm1',
      autoReconnect: false,
      ws: WebSocket,
    } as unknown as ConstructorParameters<typeof Wampy>[1];
    const callee = new Wampy(url, options);
    const caller = new Wampy(url, options);
    await Promise.all([callee.connect(), caller.connect()]);
    await callee.register('bench.echo', ({ argsList }) => ({ argsList: [argsList?.[0]] }));
    return {
      call: (payload) => caller.call('bench.echo', [payload]),
      close: async () => {
        await Promise.all([caller.disconnect(), callee.disconnect()]);
      },
    };
  }
  const serializer: SerializerName = kind === 'ours-msgpack' ? 'msgpack' : 'json';
  const callee = await connect({ url, realm: 'realm1', serializer });
  await callee.register('bench.echo', (args) => args[0]);
  const caller = await connect({ url, realm: 'realm1', serializer });
  return {
    call: (payload) => caller.call('bench.echo', [payload]),
    close: async () => {
      await Promise.all([caller.leave(), callee.leave()]);
    },
  };
}

/** Our router in a child process, so that its CPU is not counted as client CPU. */
async function startRouter(): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./router-process.ts', import.meta.url)), [], {
    execArgv: ['--conditions=wamp-contracts-source', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`router exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      }),
  };
}

interface Measurement {
  callsPerSecond: number;
  cpuMicrosPerCall: number;
}

async function measure(kind: PairKind, payload: unknown, total: number): Promise<Measurement> {
  const router = await startRouter();
  try {
    const pair = await openPair(kind, router.url);
    const call = () => pair.call(payload);
    await runCalls(call, Math.min(2000, total), 100);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await runCalls(call, total, 100);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    await pair.close();
    return { callsPerSecond: total / seconds, cpuMicrosPerCall: (cpu.user + cpu.system) / total };
  } finally {
    await router.stop();
  }
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

/** Runs the client suite and prints a markdown table; `quick` shrinks the counts. */
export async function runClientBench(options: { quick?: boolean } = {}): Promise<void> {
  const total = options.quick ? 3000 : 20000;
  const kinds: PairKind[] = (process.env.BENCH_CLIENTS?.split(',') as PairKind[] | undefined) ?? [
    'autobahn',
    'wampy',
    'ours',
    'ours-msgpack',
  ];
  console.log('\n### Client pairs through the embedded router (100 calls in flight)\n');
  console.log('| pair | small calls/s | small client µs/call | 1 KiB calls/s | 1 KiB client µs/call |');
  console.log('|---|---|---|---|---|');
  const rows: Partial<Record<PairKind, { small: Measurement; kib: Measurement }>> = {};
  for (const kind of kinds) {
    const small = await measure(kind, SMALL, total);
    const kib = await measure(kind, KIB, total / 2);
    rows[kind] = { small, kib };
    console.log(
      `| ${kind} | ${fmt(small.callsPerSecond, 0)} | ${fmt(small.cpuMicrosPerCall)} | ${fmt(kib.callsPerSecond, 0)} | ${fmt(kib.cpuMicrosPerCall)} |`,
    );
  }
  const ours = rows.ours;
  const ab = rows.autobahn;
  if (ours && ab) {
    console.log(
      `\nours/autobahn: throughput small ${fmt(ours.small.callsPerSecond / ab.small.callsPerSecond, 2)}, ` +
        `1 KiB ${fmt(ours.kib.callsPerSecond / ab.kib.callsPerSecond, 2)}; ` +
        `client CPU small ${fmt(ours.small.cpuMicrosPerCall / ab.small.cpuMicrosPerCall, 2)}, ` +
        `1 KiB ${fmt(ours.kib.cpuMicrosPerCall / ab.kib.cpuMicrosPerCall, 2)}`,
    );
  }
}
