/**
 * Timeouts above 2^31-1 ms: setTimeout fires them after 1 ms. A peer's CALL timeout and client
 * options are clamped to the maximum (about 24.8 days); a config value above it is a config error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../../../../runtime/protocol/timer-limit.js';
import { RouterConfigError, type RunningRouter, serve } from '../../../../runtime/router/serve.js';
import { connect } from '../../../../runtime/session/connect.js';
import type { Session } from '../../../../runtime/session/session.js';

const TOO_LONG = 2 ** 31; // one more than setTimeout can hold
const running: RunningRouter[] = [];
const sessions: Session[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function start(): Promise<string> {
  const r = await serve({ transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }] });
  running.push(r);
  return r.url;
}

async function join(url: string, options: { connectTimeout?: number } = {}): Promise<Session> {
  const s = await connect({ url, realm: 'realm1', ...options });
  sessions.push(s);
  return s;
}

/** A callee whose procedure answers only after the caller's (broken) timer would have fired. */
async function slowCallee(url: string): Promise<void> {
  const callee = await join(url);
  await callee.register('com.example.slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return 'done';
  });
}

describe('timeouts above 2^31-1 ms', () => {
  it('the dealer clamps a peer CALL timeout above the maximum instead of firing it at once', async () => {
    const url = await start();
    await slowCallee(url);
    const caller = await join(url);
    // `options.options` goes to the wire as is: the client's own clamp does not apply to it.
    const result = await caller.call('com.example.slow', [], {}, { options: { timeout: TOO_LONG } });
    expect(result.args).toEqual(['done']);
  });

  it('the client clamps a call timeout above the maximum instead of firing it at once', async () => {
    const url = await start();
    await slowCallee(url);
    const caller = await join(url);
    const result = await caller.call('com.example.slow', [], {}, { timeout: TOO_LONG });
    expect(result.args).toEqual(['done']);
  });

  it('the client clamps an infinite call timeout', async () => {
    const url = await start();
    await slowCallee(url);
    const caller = await join(url);
    const result = await caller.call('com.example.slow', [], {}, { timeout: Number.POSITIVE_INFINITY });
    expect(result.args).toEqual(['done']);
  });

  it('connect() clamps connectTimeout above the maximum', async () => {
    const url = await start();
    const s = await join(url, { connectTimeout: TOO_LONG });
    expect(s.state).toBe('joined');
  });

  it('a config timeout above the maximum is a config error', async () => {
    for (const key of ['openTimeoutMs', 'slowConsumerTimeoutMs'] as const) {
      const error = await serve({
        transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }],
        limits: { [key]: MAX_TIMER_MS + 1 },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RouterConfigError);
      expect((error as RouterConfigError).issues).toContainEqual(
        expect.objectContaining({ code: 'config.too_big', path: `limits.${key}` }),
      );
    }
  });
});
