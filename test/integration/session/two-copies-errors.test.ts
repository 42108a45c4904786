/**
 * Errors cross between two copies of wamp-contracts (generated code resolved to `dist/`, the
 * session to source, or two installs): the typed classes are recognised by `instanceof` through a
 * registered-symbol brand, and a generated client still gets the contract's registered classes
 * from a session of the other copy. Over a real socket.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractClient,
  ContractError,
  registerContractError,
  type ServiceContract,
  z,
} from '../../../runtime/contracts/index.js';
import {
  AuthenticationError,
  CanceledError,
  ErrorUri,
  InvalidArgumentError,
  isWampError,
  NoSuchProcedureError,
  WampError,
} from '../../../runtime/index.js';
import type { CallOptions, SessionApi } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';

const root = new URL('../../../', import.meta.url).pathname;
const copyDir = join(root, 'tmp', `second-runtime-${process.pid}`);

type Runtime = typeof import('../../../runtime/index.js');

/** Loads a second, separate instance of the whole runtime, as another package copy would. */
async function secondCopy(): Promise<Runtime> {
  cpSync(join(root, 'runtime'), join(copyDir, 'runtime'), { recursive: true });
  return import(pathToFileURL(join(copyDir, 'runtime', 'index.ts')).href);
}

class OutOfStockError extends ContractError<{ sku: string }> {
  static readonly uri = 'com.example.shop.out_of_stock';
  constructor(payload: { sku: string }) {
    super(OutOfStockError.uri, payload, OutOfStockSchema, 'kwargs');
  }
}
const OutOfStockSchema = z.object({ sku: z.string() });
registerContractError(OutOfStockError, OutOfStockSchema, 'kwargs');

const ShopContract = {
  name: 'Shop',
  prefix: 'com.example.shop',
  procedures: [
    {
      name: 'buy',
      uri: 'com.example.shop.buy',
      params: 1,
      kwargs: false,
      args: z.tuple([z.string()]),
      result: z.string(),
      codec: false,
    },
  ],
} as const satisfies ServiceContract;

class ShopClient extends ContractClient<{ buy(sku: string, options?: CallOptions): Promise<string> }> {
  constructor(session: SessionApi) {
    super(session, ShopContract);
  }
}

let other: Runtime;
let testRouter: TestRouter;
beforeAll(async () => {
  other = await secondCopy();
  testRouter = await startTestRouter();
});
afterAll(async () => {
  await testRouter.close();
  rmSync(copyDir, { recursive: true, force: true });
});

describe('typed errors from another copy of the package', () => {
  it('are different classes, yet instanceof holds through the brand', () => {
    expect(other.CanceledError).not.toBe(CanceledError);
    const canceled = new other.CanceledError(['stop']);
    expect(canceled).toBeInstanceOf(CanceledError);
    expect(canceled).toBeInstanceOf(WampError);
    expect(canceled).not.toBeInstanceOf(NoSuchProcedureError);
    expect(isWampError(canceled)).toBe(true);
    const denied = new other.AuthenticationError(ErrorUri.AUTHENTICATION_DENIED);
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(denied).not.toBeInstanceOf(CanceledError);
    // And the other way round.
    expect(new CanceledError()).toBeInstanceOf(other.CanceledError);
    expect(new WampError('com.example.x')).toBeInstanceOf(other.WampError);
    expect(new WampError('com.example.x')).not.toBeInstanceOf(other.CanceledError);
  });

  it('keeps ordinary instanceof for a subclass of a predefined class', () => {
    class AppCanceled extends CanceledError {}
    expect(new AppCanceled()).toBeInstanceOf(AppCanceled);
    expect(new AppCanceled()).toBeInstanceOf(CanceledError);
    expect(new CanceledError()).not.toBeInstanceOf(AppCanceled);
    expect(new other.CanceledError()).not.toBeInstanceOf(AppCanceled);
  });

  it('keeps ordinary instanceof for a generated contract error class', () => {
    expect(new OutOfStockError({ sku: 'a' })).toBeInstanceOf(OutOfStockError);
    expect(new OutOfStockError({ sku: 'a' })).toBeInstanceOf(ContractError);
    expect(new other.CanceledError()).not.toBeInstanceOf(OutOfStockError);
    expect(new WampError(OutOfStockError.uri)).not.toBeInstanceOf(OutOfStockError);
  });
});

describe('a generated client over a session of another copy', () => {
  let caller: InstanceType<Runtime['Session']>;
  let callee: InstanceType<Runtime['Session']>;
  beforeAll(async () => {
    caller = await other.connect({ url: testRouter.url, realm: 'realm1' });
    callee = await other.connect({ url: testRouter.url, realm: 'realm1' });
  });
  afterAll(async () => {
    await caller.leave();
    await callee.leave();
  });

  it('surfaces NoSuchProcedureError', async () => {
    const error = await new ShopClient(caller).rpc.buy('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchProcedureError);
  });

  it('surfaces CanceledError with the abort reason for an aborted call', async () => {
    const reg = await callee.register('com.example.shop.buy', () => new Promise(() => undefined));
    try {
      const controller = new AbortController();
      const reason = new Error('user left');
      const call = new ShopClient(caller).rpc.buy('a', { signal: controller.signal });
      controller.abort(reason);
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CanceledError);
      expect((error as Error).cause).toBe(reason);
    } finally {
      await reg.unregister();
    }
  });

  it('maps a contract error URI to the class the generated code registered (not shadowed)', async () => {
    const reg = await callee.register('com.example.shop.buy', ([sku]) => {
      throw new other.WampError(OutOfStockError.uri, [], { sku: String(sku) });
    });
    try {
      const error = await new ShopClient(caller).rpc.buy('b-42').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutOfStockError);
      expect((error as OutOfStockError).payload).toEqual({ sku: 'b-42' });
      // The session's own error (of the other copy) stays reachable as the cause.
      expect((error as Error).cause).toBeInstanceOf(other.WampError);
    } finally {
      await reg.unregister();
    }
  });

  it('surfaces InvalidArgumentError with typed issues from the client validation', async () => {
    const error = await new ShopClient(caller).rpc.buy(7 as unknown as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues?.[0]?.path).toEqual([0]);
  });
});
