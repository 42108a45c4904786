/**
 * `wamp-contracts run` beyond one plain class: the ServiceContext a class is constructed with
 * (publishing through the host's session), several classes in one process, `--invoke` shared
 * registrations, `--disclose-caller`, and callee exceptions logged with their stack. In process
 * (`runWith`), against the embedded router over real sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runWith } from '../../../runtime/cli/commands/run.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';

const FIXTURE = 'test/fixtures/run/context-service.ts';

interface InProcessRun {
  readonly lines: string[];
  readonly exit: Promise<number>;
  stop(): void;
  waitFor(text: string): Promise<void>;
}

let routers: TestRouter[] = [];
let sessions: Session[] = [];
let runs: InProcessRun[] = [];

afterEach(async () => {
  for (const r of runs) r.stop();
  await Promise.all(runs.map((r) => r.exit));
  await Promise.all(sessions.map((s) => (s.state === 'closed' ? undefined : s.close())));
  await Promise.all(routers.map((r) => r.close()));
  routers = [];
  sessions = [];
  runs = [];
});

async function router(): Promise<TestRouter> {
  const r = await startTestRouter();
  routers.push(r);
  return r;
}

async function client(r: TestRouter): Promise<Session> {
  const s = await r.connect();
  sessions.push(s);
  return s;
}

/** Starts `run <args>` in this process; `stop()` acts as SIGTERM. */
function run(args: string[]): InProcessRun {
  const lines: string[] = [];
  let stopListener: ((why: string) => void) | undefined;
  let stopped = false;
  const io = {
    cwd: repoRoot,
    out: (line: string) => lines.push(line),
    err: (line: string) => lines.push(line),
    onStop: (listener: (why: string) => void) => {
      stopListener = listener;
      if (stopped) listener('SIGTERM');
      return () => {
        stopListener = undefined;
      };
    },
  };
  const exit = runWith(args, io, {});
  const handle: InProcessRun = {
    lines,
    exit,
    stop: () => {
      if (stopped) return;
      stopped = true;
      stopListener?.('SIGTERM');
    },
    waitFor: (text) =>
      expect.poll(() => lines.join('\n'), { timeout: 15_000 }).toContain(text) as unknown as Promise<void>,
  };
  runs.push(handle);
  return handle;
}

describe('run: the ServiceContext', () => {
  it('gives the class its session, so a method publishes an event through it, and logs under its name', async () => {
    const r = await router();
    const service = run([`${FIXTURE}#CtxImpl`, '--url', r.url]);
    await service.waitFor('registered 4 procedures of test.ctx (CtxImpl); ready');
    const caller = await client(r);
    const events: unknown[] = [];
    await caller.subscribe('test.ctx.greeted', (args) => {
      events.push(args[0]);
    });
    const { args } = await caller.call('test.ctx.greet', ['Ada']);
    expect(args).toEqual(['Hello, Ada']);
    await expect.poll(() => events).toEqual(['Ada']);
    expect(service.lines).toContain('wamp-contracts run: CtxImpl: greeted Ada');
  });

  it('refuses a class that reads the session in its constructor, before connecting', async () => {
    const service = run([`${FIXTURE}#EagerImpl`, '--url', 'ws://127.0.0.1:1/ws']);
    expect(await service.exit).toBe(3);
    const error = service.lines.find((line) => line.includes('error run.constructor_failed')) ?? '';
    expect(error).toContain('new EagerImpl(context) threw: EagerImpl: context.session is not joined yet');
    expect(service.lines.join('\n')).not.toContain('connecting to');
  });
});

describe('run: several classes in one process', () => {
  it('registers every target on one session and answers calls to each', async () => {
    const r = await router();
    const service = run([`${FIXTURE}#CtxImpl`, `${FIXTURE}#OtherImpl`, '--url', r.url]);
    await service.waitFor('2 services, 5 procedures; ready');
    expect(service.lines).toContain('wamp-contracts run: registered 4 procedures of test.ctx (CtxImpl)');
    expect(service.lines).toContain('wamp-contracts run: registered 1 procedure of test.other (OtherImpl)');
    const caller = await client(r);
    expect((await caller.call('test.other.ping')).args).toEqual(['pong']);
    expect((await caller.call('test.ctx.greet', ['Bo'])).args).toEqual(['Hello, Bo']);
    service.stop();
    expect(await service.exit).toBe(0);
    await expect(caller.call('test.other.ping')).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
  });

  it('withdraws the first class when the second is refused (exit 5)', async () => {
    const r = await router();
    const first = run([`${FIXTURE}#OtherImpl`, '--url', r.url]);
    await first.waitFor('ready');
    const both = run([`${FIXTURE}#CtxImpl`, `${FIXTURE}#OtherImpl`, '--url', r.url]);
    expect(await both.exit).toBe(5);
    expect(both.lines.join('\n')).toContain('registering OtherImpl (test.other) failed');
    const caller = await client(r);
    await expect(caller.call('test.ctx.whoami')).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
  });

  it('refuses --prefix with several targets (exit 1)', async () => {
    const service = run([`${FIXTURE}#CtxImpl`, `${FIXTURE}#OtherImpl`, '--prefix', 'x.y']);
    expect(await service.exit).toBe(1);
    expect(service.lines.join('\n')).toContain('error run.usage: --prefix mounts one service');
  });
});

describe('run --invoke', () => {
  it('lets two copies share the registrations and take turns with roundrobin', async () => {
    const r = await router();
    const a = run([`${FIXTURE}#CtxImpl`, '--url', r.url, '--invoke', 'roundrobin']);
    await a.waitFor('ready');
    const b = run([`${FIXTURE}#CtxImpl`, '--url', r.url, '--invoke', 'roundrobin']);
    await b.waitFor('ready');
    const caller = await client(r);
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) seen.push((await caller.call('test.ctx.instance')).args[0]);
    expect(new Set(seen).size).toBe(2);
    expect(seen[0]).toBe(seen[2]);
    expect(seen[1]).toBe(seen[3]);
  });

  it('refuses a second copy without it (single, exit 5)', async () => {
    const r = await router();
    const a = run([`${FIXTURE}#CtxImpl`, '--url', r.url]);
    await a.waitFor('ready');
    const b = run([`${FIXTURE}#CtxImpl`, '--url', r.url]);
    expect(await b.exit).toBe(5);
    expect(b.lines.join('\n')).toContain('wamp.error.procedure_already_exists');
  });

  it('refuses an unknown policy (exit 1)', async () => {
    const service = run([`${FIXTURE}#CtxImpl`, '--invoke', 'fastest']);
    expect(await service.exit).toBe(1);
    expect(service.lines.join('\n')).toContain(
      'error run.usage: --invoke must be one of single, roundrobin, random, first, last, not fastest',
    );
  });
});

describe('run --disclose-caller', () => {
  it('discloses the caller session id to the method only when asked', async () => {
    const r = await router();
    const hidden = run([`${FIXTURE}#CtxImpl`, '--url', r.url]);
    await hidden.waitFor('ready');
    const caller = await client(r);
    expect((await caller.call('test.ctx.whoami')).args).toEqual(['undisclosed']);
    hidden.stop();
    expect(await hidden.exit).toBe(0);

    const disclosed = run([`${FIXTURE}#CtxImpl`, '--url', r.url, '--disclose-caller']);
    await disclosed.waitFor('ready');
    expect((await caller.call('test.ctx.whoami')).args).toEqual([String(caller.id)]);
  });
});

describe('run: callee exceptions', () => {
  it('answers runtime_error and logs the exception with its stack', async () => {
    const r = await router();
    const service = run([`${FIXTURE}#CtxImpl`, '--url', r.url]);
    await service.waitFor('ready');
    const caller = await client(r);
    await expect(caller.call('test.ctx.fail')).rejects.toMatchObject({ uri: 'wamp.error.runtime_error' });
    await service.waitFor('error in test.ctx.fail: kaboom');
    const logged = service.lines.find((line) => line.includes('error in test.ctx.fail')) ?? '';
    const frames = logged.split('\n').slice(1);
    expect(frames[0]).toMatch(/^\s+at explode \(.*context-service\.ts:\d+:\d+\)$/);
    expect(frames.some((frame) => /at CtxImpl\.fail \(.*context-service\.ts:\d+:\d+\)$/.test(frame))).toBe(
      true,
    );
  });
});

describe('run --serve-contract', () => {
  it("serves the class's live contract only when asked", async () => {
    const r = await router();
    const caller = await client(r);
    const plain = run(['examples/weather/service.ts#WeatherImpl', '--url', r.url]);
    await plain.waitFor('ready');
    await expect(caller.call('com.example.weather._contract', ['fingerprint'])).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
    plain.stop();
    expect(await plain.exit).toBe(0);

    const serving = run(['examples/weather/service.ts#WeatherImpl', '--url', r.url, '--serve-contract']);
    await serving.waitFor('ready');
    const answer = (await caller.call('com.example.weather._contract', ['fingerprint'])).args[0];
    expect(answer).toMatchObject({
      prefix: 'com.example.weather',
      fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });
});
