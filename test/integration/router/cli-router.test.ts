/** `wamp-contracts router` as a real process: the ready line, signals, flags and config errors. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY = /^wamp-contracts router listening on (.+) \(realm ([^)]+)\)$/;
const dir = mkdtempSync(join(tmpdir(), 'wamp-cli-'));
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function cli(args: string[]): Run {
  const child = spawn(
    process.execPath,
    ['--conditions=wamp-contracts-source', '--import', 'tsx', 'runtime/cli/dev-entry.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  children.push(child);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stdout.on('data', (d: Buffer) => {
    run.stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    run.stderr += d.toString();
  });
  return run;
}

async function ready(run: Run): Promise<RegExpMatchArray> {
  await expect
    .poll(() => run.stdout.includes('\n') || run.child.exitCode !== null, { timeout: 15_000 })
    .toBe(true);
  const match = run.stdout.trim().match(READY);
  if (match === null) throw new Error(`no ready line; stdout: ${run.stdout} stderr: ${run.stderr}`);
  return match;
}

/** Joins `realm` with a bare JSON client; resolves with the socket and a log of later messages. */
async function joinRealm(url: string, realm: string): Promise<{ ws: WebSocket; messages: unknown[][] }> {
  const ws = new WebSocket(url, ['wamp.2.json']);
  const messages: unknown[][] = [];
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify([1, realm, { roles: { subscriber: {} } }])));
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as unknown[];
      if (m[0] === 2) resolve();
      else messages.push(m);
      // Answer the router's GOODBYE as a client should.
      if (m[0] === 6) ws.send(JSON.stringify([6, {}, 'wamp.close.goodbye_and_out']));
    });
  });
  return { ws, messages };
}

describe('wamp-contracts router', { timeout: 40_000 }, () => {
  it('prints one ready line with the real port and realm, then serves that realm', async () => {
    const run = cli(['router', '--port', '0', '--realm', 'com.example.realm']);
    const [, url, realm] = await ready(run);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(url).not.toContain(':0/');
    expect(realm).toBe('com.example.realm');
    const { ws } = await joinRealm(url!, 'com.example.realm');
    ws.terminate();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s sends every session GOODBYE system_shutdown and exits 0',
    async (signal) => {
      const run = cli(['router', '--port', '0']);
      const [, url] = await ready(run);
      const a = await joinRealm(url!, 'realm1');
      const b = await joinRealm(url!, 'realm1');
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      for (const peer of [a, b]) {
        expect(peer.messages[0]?.[0]).toBe(6);
        expect(peer.messages[0]?.[2]).toBe('wamp.close.system_shutdown');
        peer.ws.terminate();
      }
    },
  );

  it('serves the transports of a --config file and lists every URL on the ready line', async () => {
    const file = join(dir, 'router.json');
    writeFileSync(
      file,
      JSON.stringify({
        realms: ['realm1', 'realm2'],
        transports: [
          { type: 'websocket', port: 0, path: '/wamp' },
          { type: 'rawsocket', port: 0 },
        ],
      }),
    );
    const run = cli(['router', '--config', file]);
    const [, urls, realms] = await ready(run);
    expect(urls?.split(', ')).toEqual([
      expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/wamp$/),
      expect.stringMatching(/^rs:\/\/127\.0\.0\.1:\d+$/),
    ]);
    expect(realms).toBe('realm1, realm2');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('exits 1 with code and path for an invalid config file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ transports: [{ type: 'websocket', port: 'eighty' }] }));
    const run = cli(['router', '--config', file]);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain('config.invalid_type at transports[0].port');
    expect(run.stdout).toBe('');
  });

  it('exits 1 with router.listen_failed when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const run = cli(['router', '--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.stderr).toContain('router.listen_failed');
    } finally {
      blocker.close();
    }
  });

  it('exits 1 for an unknown flag and shows the usage', async () => {
    const run = cli(['router', '--portt', '1']);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain('Usage: wamp-contracts router');
  });

  it('prints the usage for --help and exits 0', async () => {
    const run = cli(['router', '--help']);
    expect(await run.exited).toBe(0);
    expect(run.stdout).toContain('--config <file>');
  });
});
