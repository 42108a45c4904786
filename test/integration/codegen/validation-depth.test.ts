/**
 * Generated validators on deep values: zod validates recursive schemas by recursion, so a
 * 10,000-level tree used to overflow the stack (a RangeError, answered as `runtime_error`). Values
 * nested deeper than MAX_VALIDATE_DEPTH are now refused as invalid, like any other bad input.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_VALIDATE_DEPTH } from '../../../runtime/contracts/value-depth.js';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import type { Args, Kwargs } from '../../../runtime/protocol/messages.js';
import type { InvocationContext, SessionApi } from '../../../runtime/session/types.js';
import { createInMemoryPair, type InMemoryPair } from '../../../runtime/testing/in-memory-pair.js';
import {
  type Folder,
  type Json,
  type TreeNode,
  TreeServiceCallee,
  TreeServiceClient,
} from '../../golden/default/out/recursive.js';

/** A JSON value nested `depth` levels deep: [[[...]]]. */
function deepJson(depth: number): Json {
  let value: Json = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

function deepTree(depth: number): TreeNode {
  let node: TreeNode = { name: 'leaf', children: [] };
  for (let i = 1; i < depth; i++) node = { name: `n${i}`, children: [node] };
  return node;
}

class TreeImpl extends TreeServiceCallee {
  readonly stored: Json[] = [];
  treeDepth = 3;

  tree(): TreeNode {
    return deepTree(this.treeDepth);
  }

  folder(path: string): Folder {
    return { name: path, entries: [] };
  }

  store(value: Json): void {
    this.stored.push(value);
  }
}

let pair: InMemoryPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('validation depth limit', () => {
  it('the client refuses a 10,000-level argument with invalid_argument, not a RangeError', async () => {
    pair = await createInMemoryPair();
    const impl = new TreeImpl();
    await impl.register(pair.callee);
    const client = new TreeServiceClient(pair.caller);
    const error = await client.rpc.store(deepJson(10_000)).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RangeError);
    expect(error).toMatchObject({
      uri: ErrorUri.INVALID_ARGUMENT,
      args: [expect.stringContaining(`nested deeper than ${MAX_VALIDATE_DEPTH} levels`)],
      kwargs: {
        where: 'arguments of com.example.tree.store',
        issues: [expect.objectContaining({ code: 'too_deep' })],
      },
    });
    expect(impl.stored).toEqual([]);
  });

  it('the callee refuses a deep argument with invalid_argument before the method runs', async () => {
    const handlers = new Map<string, (args: Args, kwargs: Kwargs, context: InvocationContext) => unknown>();
    const session = {
      register: async (
        uri: string,
        handler: (args: Args, kwargs: Kwargs, c: InvocationContext) => unknown,
      ) => {
        handlers.set(uri, handler);
        return { procedure: uri, unregister: async () => undefined };
      },
    } as unknown as SessionApi;
    const impl = new TreeImpl();
    await impl.register(session);
    const store = handlers.get('com.example.tree.store');
    const context = {} as InvocationContext;
    const error = await Promise.resolve()
      .then(() => store?.([deepJson(10_000)], {}, context))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ uri: ErrorUri.INVALID_ARGUMENT });
    expect(impl.stored).toEqual([]);
  });

  it('a result nested too deep is the callee fault (invalid_result), not runtime_error', async () => {
    pair = await createInMemoryPair();
    const impl = new TreeImpl();
    impl.treeDepth = 10_000;
    await impl.register(pair.callee);
    const error = await new TreeServiceClient(pair.caller).rpc.tree().catch((e: unknown) => e);
    expect(error).toMatchObject({ uri: 'wamp_contracts.error.invalid_result' });
  });

  it('values within the limit pass end to end', async () => {
    pair = await createInMemoryPair();
    const impl = new TreeImpl();
    impl.treeDepth = 40;
    await impl.register(pair.callee);
    const client = new TreeServiceClient(pair.caller);
    await client.rpc.store(deepJson(60));
    expect(impl.stored).toEqual([deepJson(60)]);
    expect(await client.rpc.tree()).toEqual(deepTree(40));
  });
});
