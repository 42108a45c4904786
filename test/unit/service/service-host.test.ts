import { describe, expect, it } from 'vitest';
import type { InvocationContext, SessionApi } from '../../../runtime/index.js';
import {
  createInflightTracker,
  hostService,
  isCalleeClass,
  isContractCallee,
  loadService,
  ServiceError,
  ServiceErrorCode,
  trackingSession,
} from '../../../runtime/service/index.js';
import { repoRoot } from '../../fixtures/run/spawn-cli.js';
import * as fixture from '../../fixtures/run/hold-service.js';

const FIXTURE = 'test/fixtures/run/hold-service.ts';
const context = {} as InvocationContext;
const importFixture = () => Promise.resolve(fixture as Record<string, unknown>);

async function loadError(exportName: string | undefined): Promise<ServiceError> {
  const failed = await loadService({ path: FIXTURE, exportName }, repoRoot, importFixture).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failed).toBeInstanceOf(ServiceError);
  return failed as ServiceError;
}

describe('createInflightTracker', () => {
  it('counts a synchronous handler only while it runs', () => {
    const tracker = createInflightTracker();
    let during = -1;
    const handler = tracker.wrap(() => {
      during = tracker.count;
      return 'ok';
    });
    expect(handler([], {}, context)).toBe('ok');
    expect([during, tracker.count, tracker.started]).toEqual([1, 0, 1]);
  });

  it('counts an async handler until a macrotask after it settles, then reports idle', async () => {
    const tracker = createInflightTracker();
    let release: (value: string) => void = () => {};
    const result = tracker.wrap(() => new Promise<string>((resolve) => (release = resolve)))([], {}, context);
    expect(tracker.count).toBe(1);
    expect(await tracker.idle(10)).toBe(false);
    const idle = tracker.idle(1000);
    release('done');
    expect(await result).toBe('done');
    expect(tracker.count).toBe(1);
    expect(await idle).toBe(true);
    expect(tracker.count).toBe(0);
  });

  it('counts a handler that throws as finished', () => {
    const tracker = createInflightTracker();
    const handler = tracker.wrap(() => {
      throw new Error('boom');
    });
    expect(() => handler([], {}, context)).toThrow('boom');
    expect(tracker.count).toBe(0);
  });

  it('wraps only the handlers registered through the tracking session', async () => {
    const tracker = createInflightTracker();
    const registered: Parameters<SessionApi['register']>[1][] = [];
    const session = {
      register: async (_uri: string, handler: Parameters<SessionApi['register']>[1]) => {
        registered.push(handler);
        return {} as Awaited<ReturnType<SessionApi['register']>>;
      },
    } as unknown as SessionApi;
    await trackingSession(session, tracker).register('test.p', () => 1);
    registered[0]?.([], {}, context);
    expect(tracker.started).toBe(1);
  });
});

describe('callee guards', () => {
  it('accept generated callee classes and instances, and nothing else', () => {
    expect(isCalleeClass(fixture.HoldImpl)).toBe(true);
    expect(isCalleeClass(fixture.Plain)).toBe(false);
    expect(isContractCallee(fixture.holdInstance)).toBe(true);
    expect(isContractCallee(new fixture.Plain())).toBe(false);
  });

  it('accept a callee built against another copy of the runtime, by shape', () => {
    const contract = { prefix: 'x', procedures: [] };
    class Foreign {
      contract = contract;
      register() {}
      unregister() {}
    }
    expect(isCalleeClass(Foreign)).toBe(true);
    expect(isContractCallee(new Foreign())).toBe(true);
  });
});

describe('loadService', () => {
  it('instantiates the named callee class', async () => {
    const loaded = await loadService({ path: FIXTURE, exportName: 'HoldImpl' }, repoRoot, importFixture);
    expect(loaded.exportName).toBe('HoldImpl');
    expect(loaded.callee).toBeInstanceOf(fixture.HoldImpl);
  });

  it('uses an exported instance as it is', async () => {
    const loaded = await loadService({ path: FIXTURE, exportName: 'holdInstance' }, repoRoot, importFixture);
    expect(loaded.callee).toBe(fixture.holdInstance);
  });

  it.each([
    ['WeatherImpl', ServiceErrorCode.EXPORT_MISSING],
    ['Plain', ServiceErrorCode.NOT_A_CALLEE],
    ['HoldCallee', ServiceErrorCode.NOT_IMPLEMENTED],
    ['Exploding', ServiceErrorCode.CONSTRUCTOR_FAILED],
    [undefined, ServiceErrorCode.EXPORT_MISSING],
  ] as const)('refuses export %s with %s', async (exportName, code) => {
    expect((await loadError(exportName)).code).toBe(code);
  });

  it('reports a missing file before importing anything', async () => {
    const failed = await loadService({ path: 'no/such.js', exportName: undefined }, repoRoot, () => {
      throw new Error('must not import');
    }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: ServiceErrorCode.MODULE_NOT_FOUND });
  });
});

describe('hostService', () => {
  it('returns the load error without connecting', async () => {
    const lines: string[] = [];
    const error = await hostService(
      {
        targets: [{ path: FIXTURE, exportName: 'Plain' }],
        url: 'ws://127.0.0.1:1/ws',
        realm: 'realm1',
        auth: undefined,
        serializer: 'json',
        prefix: undefined,
        drainTimeout: 100,
        maxRetries: 0,
        maxRetryDelay: 10,
      },
      { cwd: repoRoot, log: (line) => lines.push(line), onStop: () => () => {}, importer: importFixture },
    );
    expect(error).toMatchObject({ code: ServiceErrorCode.NOT_A_CALLEE });
    expect(lines).toEqual([]);
  });

  it('stops before joining when a stop request comes while connecting', async () => {
    const lines: string[] = [];
    const error = await hostService(
      {
        targets: [{ path: FIXTURE, exportName: 'HoldImpl' }],
        url: 'ws://127.0.0.1:1/ws',
        realm: 'realm1',
        auth: undefined,
        serializer: 'json',
        prefix: undefined,
        drainTimeout: 100,
        maxRetries: 1,
        maxRetryDelay: 10,
      },
      {
        cwd: repoRoot,
        log: (line) => lines.push(line),
        // Asked to stop at once: the connection attempt has not settled when the stop is seen.
        onStop: (listener) => {
          listener('SIGTERM');
          return () => {};
        },
        importer: importFixture,
      },
    );
    expect(error).toBeUndefined();
    expect(lines[0]).toBe('connecting to ws://127.0.0.1:1/ws (realm realm1, json)');
    expect(lines.at(-1)).toBe('SIGTERM: stopped before joining');
  });
});
