import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../../runtime/session/connect.js';
import { type RunningRouter, serve } from '../../../runtime/router/serve.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { runWith } from '../../../runtime/cli/commands/run.js';
import { type CliChild, repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const SERVICE = 'test/fixtures/run/hold-service.ts#HoldImpl';

let routers: TestRouter[] = [];
let sessions: Session[] = [];
let children: CliChild[] = [];
let dirs: string[] = [];
let served: RunningRouter[] = [];

afterEach(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await Promise.all(sessions.map((s) => (s.state === 'closed' ? undefined : s.close())));
  await Promise.all(routers.map((r) => r.close()));
  await Promise.all(served.map((r) => r.close()));
  served = [];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  routers = [];
  sessions = [];
  children = [];
  dirs = [];
});

async function router(port?: number): Promise<TestRouter> {
  const r = await startTestRouter(port === undefined ? {} : { port });
  routers.push(r);
  return r;
}

async function client(r: TestRouter): Promise<Session> {
  const s = await r.connect();
  sessions.push(s);
  return s;
}

function runService(url: string, ...extra: string[]): CliChild {
  const c = spawnCli(['run', SERVICE, '--url', url, ...extra]);
  children.push(c);
  return c;
}

describe('wamp-contracts run', () => {
  it('registers the service so that a call succeeds', async () => {
    const r = await router();
    const service = runService(r.url);
    await service.waitFor('registered 2 procedures of test.run (HoldImpl)');
    const caller = await client(r);
    const { args } = await caller.call('test.run.echo', ['hello']);
    expect(args).toEqual(['hello']);
  });

  it('runs the default export of a plain .mjs module', async () => {
    const r = await router();
    const service = spawnCli(['run', 'test/fixtures/run/echo-service.mjs', '--url', r.url]);
    children.push(service);
    await service.waitFor('registered 1 procedure of test.mjs (default)');
    const caller = await client(r);
    const { args } = await caller.call('test.mjs.echo', ['js']);
    expect(args).toEqual(['js!']);
  });

  it('runs an exported instance (in process) and stops with exit code 0', async () => {
    const r = await router();
    const lines: string[] = [];
    let stop: (why: string) => void = () => {};
    let ready: () => void = () => {};
    const isReady = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const io = {
      cwd: repoRoot,
      out: (line: string) => {
        lines.push(line);
        if (line.endsWith('ready')) ready();
      },
      err: (line: string) => lines.push(line),
      onStop: (listener: (why: string) => void) => {
        stop = listener;
        return () => {};
      },
    };
    const exit = runWith(['test/fixtures/run/hold-service.ts#holdInstance', '--url', r.url], io, {});
    await isReady;
    const caller = await client(r);
    const { args } = await caller.call('test.run.echo', ['instance']);
    expect(args).toEqual(['instance']);
    stop('test');
    expect(await exit).toBe(0);
    expect(lines.at(-1)).toContain('left realm1 after 1 call(s); bye');
  });

  it('mounts the service under --prefix', async () => {
    const r = await router();
    const service = runService(r.url, '--prefix', 'test.mounted');
    await service.waitFor('registered 2 procedures of test.mounted');
    const caller = await client(r);
    const { args } = await caller.call('test.mounted.echo', ['x']);
    expect(args).toEqual(['x']);
  });

  it('on SIGTERM unregisters at once, lets the call in flight finish, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wc-run-'));
    dirs.push(dir);
    const release = join(dir, 'release');
    const r = await router();
    const service = runService(r.url);
    await service.waitFor('ready');
    const caller = await client(r);
    const held = caller.call('test.run.hold', [release]);
    await service.waitFor('fixture: hold started');
    service.child.kill('SIGTERM');
    await service.waitFor('waiting for 1 call(s) in flight');
    // Unregistered while the first call still runs: new calls are refused already.
    await expect(caller.call('test.run.echo', ['late'])).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
    writeFileSync(release, '');
    const { args } = await held;
    expect(args).toEqual(['released']);
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('left realm1 after 1 call(s)');
  });

  it('exits 0 on SIGINT with nothing in flight, and the registration is gone', async () => {
    const r = await router();
    const service = runService(r.url);
    await service.waitFor('ready');
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    const caller = await client(r);
    await expect(caller.call('test.run.echo', ['x'])).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
  });

  it('gives up waiting for calls in flight after --drain-timeout and still exits 0', async () => {
    const r = await router();
    const service = runService(r.url, '--drain-timeout', '50');
    await service.waitFor('ready');
    const caller = await client(r);
    const held = caller.call('test.run.hold', [join(tmpdir(), 'wc-run-never-created')]);
    held.catch(() => {});
    await service.waitFor('fixture: hold started');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('1 call(s) still running; leaving without their results');
  });

  it('re-registers on its own after the router restarts', async () => {
    const first = await router();
    const service = runService(first.url, '--max-retry-delay', '200');
    await service.waitFor('ready');
    await first.close();
    const second = await router(first.port);
    await service.waitFor('rejoined realm1');
    expect(service.stdout()).toContain('2 procedures registered again');
    const caller = await client(second);
    const { args } = await caller.call('test.run.echo', ['again']);
    expect(args).toEqual(['again']);
  });

  it('keeps serving when a registration refused after a reconnect is freed within the retry period', async () => {
    const first = await router();
    const service = runService(first.url);
    await service.waitFor('ready');
    await first.close();
    await service.waitFor('(attempt 3)');
    const second = await router(first.port);
    const rival = await client(second);
    const held = await rival.register('test.run.echo', () => 'rival');
    await service.waitFor('retrying in');
    await held.unregister();
    const caller = await client(second);
    await expect
      .poll(
        () =>
          caller.call('test.run.echo', ['back']).then(
            (r) => r.args,
            () => [],
          ),
        {
          timeout: 10_000,
        },
      )
      .toEqual(['back']);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('retries a registration refused after a reconnect for --restore-retry-period, then exits 5', async () => {
    const first = await router();
    const service = runService(first.url, '--restore-retry-period', '1200');
    await service.waitFor('ready');
    await first.close();
    // Attempts 1 and 2 failed (no router); attempt 3 waits at least 500 ms: take a procedure first.
    await service.waitFor('(attempt 3)');
    const second = await router(first.port);
    const rival = await client(second);
    await rival.register('test.run.echo', () => 'rival');
    expect(await service.exited).toBe(5);
    expect(service.stdout()).toContain('the router refused registration test.run.echo');
    expect(service.stdout()).toContain('retrying in');
    expect(service.stderr()).toContain('error run.register_failed: after reconnecting, the router refused');
    expect(service.stderr()).toContain('test.run.echo');
    // The rest of the contract was unregistered on the way out.
    await expect(rival.call('test.run.hold', ['x'])).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
  });

  it('exits 6 when the router is gone and --max-retries runs out', async () => {
    const r = await router();
    const service = runService(r.url, '--max-retries', '1', '--max-retry-delay', '50');
    await service.waitFor('ready');
    await r.close();
    expect(await service.exited).toBe(6);
    expect(service.stderr()).toContain('error run.session_lost');
  });

  it('stops waiting for calls in flight on a second signal', async () => {
    const r = await router();
    const service = runService(r.url, '--drain-timeout', '600000');
    await service.waitFor('ready');
    const caller = await client(r);
    caller.call('test.run.hold', [join(tmpdir(), 'wc-run-never-created')]).catch(() => {});
    await service.waitFor('fixture: hold started');
    service.child.kill('SIGTERM');
    await service.waitFor('waiting for 1 call(s) in flight');
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('SIGINT again: not waiting for calls in flight');
  });

  it('authenticates with wampcra, the secret taken from WAMP_SECRET', async () => {
    const r = await serve({
      transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }],
      auth: {
        anonymous: { allow: false },
        users: {
          svc: { role: 'service', wampcra: { secret: 'cra-secret' } },
          app: { role: 'app', ticket: 'app-ticket' },
        },
      },
    });
    served.push(r);
    const service = spawnCli(
      ['run', SERVICE, '--url', r.url, '--auth', 'wampcra', '--authid', 'svc'],
      undefined,
      {
        WAMP_SECRET: 'cra-secret',
      },
    );
    children.push(service);
    await service.waitFor('joined realm1 as session');
    expect(service.stdout()).toContain('(svc/service)');
    await service.waitFor('ready');
    const caller = await connect({
      url: r.url,
      realm: 'realm1',
      auth: { method: 'ticket', authid: 'app', ticket: 'app-ticket' },
    });
    sessions.push(caller);
    const { args } = await caller.call('test.run.echo', ['authed']);
    expect(args).toEqual(['authed']);
  });
});
