/**
 * The predefined WAMP errors arrive as their typed classes, caught with `instanceof`, whether the
 * router, a callee or the session itself raised them; over real sockets with every serializer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CanceledError,
  ErrorUri,
  InvalidArgumentError,
  NoSuchProcedureError,
  NotAuthorizedError,
  ProcedureAlreadyExistsError,
  type Session,
  TimeoutError,
  WampError,
} from '../../../runtime/index.js';
import { ContractCallee, ContractClient, type ServiceContract, z } from '../../../runtime/contracts/index.js';
import type { CallOptions, SessionApi } from '../../../runtime/session/types.js';
import { until } from '../../helpers/timing.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';

const AddContract = {
  name: 'Adder',
  prefix: 'com.example.typed',
  procedures: [
    {
      name: 'add',
      uri: 'com.example.typed.add',
      params: 2,
      kwargs: false,
      args: z.tuple([z.number(), z.number()]),
      result: z.number(),
      codec: false,
    },
  ],
} as const satisfies ServiceContract;

class AdderClient extends ContractClient<{
  add(a: number, b: number, options?: CallOptions): Promise<number>;
}> {
  constructor(session: SessionApi) {
    super(session, AddContract);
  }
}

class Adder extends ContractCallee {
  constructor() {
    super(AddContract);
  }
  add(a: number, b: number): number {
    return a + b;
  }
}

let testRouter: TestRouter;
beforeAll(async () => {
  testRouter = await startTestRouter();
});
afterAll(() => testRouter.close());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe.each(['json', 'msgpack', 'cbor'] as const)('typed errors over %s', (serializer) => {
  let caller: Session;
  let callee: Session;
  beforeAll(async () => {
    caller = await testRouter.connect({ serializer });
    callee = await testRouter.connect({ serializer });
  });
  afterAll(async () => {
    await caller.leave();
    await callee.leave();
  });

  it('gives NoSuchProcedureError for a call nobody registered (router ERROR)', async () => {
    const error = await rejection(caller.call('com.example.typed.nobody'));
    expect(error).toBeInstanceOf(NoSuchProcedureError);
    expect(error).toBeInstanceOf(WampError);
    const typed = error as NoSuchProcedureError;
    expect(typed.uri).toBe(ErrorUri.NO_SUCH_PROCEDURE);
    expect(typed.name).toBe('NoSuchProcedureError');
    expect(typed.message).toContain(ErrorUri.NO_SUCH_PROCEDURE);
  });

  it('gives ProcedureAlreadyExistsError for a second single registration', async () => {
    const uri = `com.example.typed.twice.${serializer}`;
    const first = await callee.register(uri, () => 1);
    try {
      const error = await rejection(caller.register(uri, () => 2));
      expect(error).toBeInstanceOf(ProcedureAlreadyExistsError);
    } finally {
      await first.unregister();
    }
  });

  it('gives CanceledError with the abort reason as cause for an aborted call (local)', async () => {
    const uri = `com.example.typed.hang.${serializer}`;
    const reg = await callee.register(uri, () => new Promise(() => undefined));
    try {
      const controller = new AbortController();
      const reason = new Error('stop');
      const call = caller.call(uri, [], {}, { signal: controller.signal });
      controller.abort(reason);
      const error = await rejection(call);
      expect(error).toBeInstanceOf(CanceledError);
      expect((error as CanceledError).cause).toBe(reason);
      expect((error as CanceledError).uri).toBe(ErrorUri.CANCELED);
    } finally {
      await reg.unregister();
    }
  });

  it('gives TimeoutError when the call timeout fires', async () => {
    const uri = `com.example.typed.slow.${serializer}`;
    const reg = await callee.register(uri, () => new Promise(() => undefined));
    try {
      const error = await rejection(caller.call(uri, [], {}, { timeout: 20 }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).uri).toBe(ErrorUri.TIMEOUT);
    } finally {
      await reg.unregister();
    }
  });

  it('aborts the callee handler with a CanceledError when the call is canceled', async () => {
    const uri = `com.example.typed.interrupted.${serializer}`;
    let seen: unknown;
    let started = false;
    const reg = await callee.register(
      uri,
      (_args, _kwargs, ctx) =>
        new Promise((_resolve, reject) => {
          started = true;
          ctx.signal.addEventListener('abort', () => {
            seen = ctx.signal.reason;
            reject(ctx.signal.reason);
          });
        }),
    );
    try {
      const controller = new AbortController();
      const call = caller.call(uri, [], {}, { signal: controller.signal, cancelMode: 'kill' });
      await until(() => started);
      controller.abort();
      expect(await rejection(call)).toBeInstanceOf(CanceledError);
      expect(seen).toBeInstanceOf(CanceledError);
    } finally {
      await reg.unregister();
    }
  });

  it('gives InvalidArgumentError with typed issues when a contract callee refuses the arguments', async () => {
    const adder = new Adder();
    await adder.register(callee);
    try {
      // The session's own call skips the client's validation, so the callee's check answers.
      const error = await rejection(caller.call('com.example.typed.add', ['one', 2]));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      const invalid = error as InvalidArgumentError;
      expect(invalid.issues?.[0]?.path).toEqual([0]);
      expect(invalid.issues?.[0]?.code).toBe('invalid_type');
      expect(invalid.where).toBe('arguments of com.example.typed.add');
      // The same class from the client's own validation, before anything is sent.
      const local = await rejection(new AdderClient(caller).rpc.add('x' as unknown as number, 1));
      expect(local).toBeInstanceOf(InvalidArgumentError);
      expect((local as InvalidArgumentError).issues?.[0]?.path).toEqual([0]);
    } finally {
      await adder.unregister();
    }
  });

  it('surfaces the same classes through a generated client', async () => {
    const error = await rejection(new AdderClient(caller).rpc.add(1, 2));
    expect(error).toBeInstanceOf(NoSuchProcedureError);
  });
});

describe('typed errors raised by the router', () => {
  it('gives NotAuthorizedError when a client registers a wamp.* procedure', async () => {
    const session = await testRouter.connect();
    try {
      const error = await rejection(session.register('wamp.session.mine', () => 1));
      expect(error).toBeInstanceOf(NotAuthorizedError);
      expect((error as NotAuthorizedError).uri).toBe(ErrorUri.NOT_AUTHORIZED);
      expect((error as NotAuthorizedError).message).toContain('reserved for the router');
    } finally {
      await session.leave();
    }
  });

  it('keeps a plain WampError for an application URI', async () => {
    const caller = await testRouter.connect();
    const callee = await testRouter.connect();
    try {
      await callee.register('com.example.typed.app', () => {
        throw new WampError('com.example.app_error', ['nope']);
      });
      const error = await rejection(caller.call('com.example.typed.app'));
      expect(Object.getPrototypeOf(error)).toBe(WampError.prototype);
      expect((error as WampError).message).toBe('com.example.app_error: nope');
    } finally {
      await caller.leave();
      await callee.leave();
    }
  });
});
