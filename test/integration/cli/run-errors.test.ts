import { afterEach, describe, expect, it } from 'vitest';
import { runWith } from '../../../runtime/cli/commands/run.js';
import type { RunIo } from '../../../runtime/cli/run/run-service.js';
import { type RunningRouter, serve } from '../../../runtime/router/serve.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { type CliChild, repoRoot, spawnCli } from '../../fixtures/run/spawn-cli.js';

const FIXTURE = 'test/fixtures/run/hold-service.ts';

let children: CliChild[] = [];
let routers: TestRouter[] = [];
let sessions: Session[] = [];
let served: RunningRouter[] = [];

afterEach(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await Promise.all(sessions.map((s) => (s.state === 'closed' ? undefined : s.close())));
  await Promise.all(routers.map((r) => r.close()));
  await Promise.all(served.map((r) => r.close()));
  served = [];
  children = [];
  routers = [];
  sessions = [];
});

async function spawnRun(...args: string[]): Promise<{ code: number | string; stderr: string }> {
  const c = spawnCli(['run', ...args, '--url', 'ws://127.0.0.1:1/ws', '--max-retries', '0']);
  children.push(c);
  const code = await c.exited;
  return { code, stderr: c.stderr() };
}

// In-process `run`: output collected, stop requested by the test.
function memoryIo(importer?: RunIo['importer']) {
  const out: string[] = [];
  const err: string[] = [];
  const io: RunIo = {
    cwd: repoRoot,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    onStop: () => () => {},
    ...(importer === undefined ? {} : { importer }),
  };
  return { io, out, err };
}

describe('wamp-contracts run, errors (spawned)', () => {
  it('exits 2 and names the file when the module does not exist', async () => {
    const { code, stderr } = await spawnRun('./no/such/service.js#Impl');
    expect(code).toBe(2);
    expect(stderr).toContain('error run.module_not_found: ./no/such/service.js: no such file');
  });

  it('exits 3 and lists the callee classes when the export is missing', async () => {
    const { code, stderr } = await spawnRun(`${FIXTURE}#WeatherImpl`);
    expect(code).toBe(3);
    expect(stderr).toContain(`error run.export_missing: ${FIXTURE} has no export named WeatherImpl`);
    expect(stderr).toContain('HoldImpl');
  });

  it('exits 3 when the export is not a callee class', async () => {
    const { code, stderr } = await spawnRun(`${FIXTURE}#Plain`);
    expect(code).toBe(3);
    expect(stderr).toContain(`error run.not_a_callee: ${FIXTURE}#Plain is not a callee class`);
  });

  it('exits 1 with the usage when no target is given', async () => {
    const { code, stderr } = await spawnRun();
    expect(code).toBe(1);
    expect(stderr).toContain('error run.usage: expected a target');
    expect(stderr).toContain('Usage: wamp-contracts run');
  });
});

describe('wamp-contracts run, errors (in process)', () => {
  it('exits 2 with a loader hint when a .ts module cannot be imported', async () => {
    const { io, err } = memoryIo(() =>
      Promise.reject(
        Object.assign(new TypeError('Unknown file extension ".ts"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' }),
      ),
    );
    expect(await runWith([`${FIXTURE}#HoldImpl`], io, {})).toBe(2);
    expect(err.join('\n')).toContain('error run.ts_loader_missing');
    expect(err.join('\n')).toContain('NODE_OPTIONS="--import tsx" npx wamp-contracts run');
  });

  it('exits 2 when the module throws while loading', async () => {
    const { io, err } = memoryIo();
    expect(await runWith(['test/fixtures/run/broken-module.ts'], io, {})).toBe(2);
    expect(err.join('\n')).toContain('error run.module_load_failed');
    expect(err.join('\n')).toContain('missing SETTINGS');
  });

  it('exits 3 when given the abstract base instead of an implementation', async () => {
    const { io, err } = memoryIo();
    expect(await runWith([`${FIXTURE}#HoldCallee`], io, {})).toBe(3);
    expect(err.join('\n')).toContain('error run.not_implemented: HoldCallee does not implement echo, hold');
  });

  it('exits 3 when the constructor throws', async () => {
    const { io, err } = memoryIo();
    expect(await runWith([`${FIXTURE}#Exploding`], io, {})).toBe(3);
    expect(err.join('\n')).toContain(
      'error run.constructor_failed: new Exploding(context) threw: no database configured',
    );
  });

  it('exits 3 without #Export when the module exports several callee classes', async () => {
    const { io, err } = memoryIo();
    expect(await runWith([FIXTURE], io, {})).toBe(3);
    expect(err.join('\n')).toContain('exports several callee classes');
  });

  it('exits 4 when the router cannot be reached', async () => {
    const { io, err } = memoryIo();
    const argv = [`${FIXTURE}#HoldImpl`, '--url', 'ws://127.0.0.1:1/ws', '--max-retries', '0'];
    expect(await runWith(argv, io, {})).toBe(4);
    expect(err.join('\n')).toContain('error run.connect_failed');
  });

  it('exits 5 when a procedure is already registered by another session', async () => {
    const r = await startTestRouter();
    routers.push(r);
    const other = await r.connect();
    sessions.push(other);
    await other.register('test.run.hold', () => 'taken');
    const { io, err } = memoryIo();
    expect(await runWith([`${FIXTURE}#HoldImpl`, '--url', r.url], io, {})).toBe(5);
    expect(err.join('\n')).toContain('wamp.error.procedure_already_exists');
  });

  it('exits 4 when the router refuses the credentials', async () => {
    const r = await serve({
      transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }],
      auth: { anonymous: { allow: false }, users: { svc: { role: 'service', ticket: 'right' } } },
    });
    served.push(r);
    const { io, err } = memoryIo();
    const argv = [`${FIXTURE}#HoldImpl`, '--url', r.url, '--auth', 'ticket', '--authid', 'svc'];
    expect(await runWith(argv, io, { WAMP_SECRET: 'wrong' })).toBe(4);
    expect(err.join('\n')).toContain('error run.connect_failed: wamp.error.');
  });

  it('exits 1 when ticket auth has no secret', async () => {
    const { io, err } = memoryIo();
    expect(await runWith([`${FIXTURE}#HoldImpl`, '--auth', 'ticket', '--authid', 'joe'], io, {})).toBe(1);
    expect(err.join('\n')).toContain('--auth ticket needs a secret');
  });
});
