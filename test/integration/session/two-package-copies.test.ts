/**
 * Generated code may resolve one copy of wamp-contracts (dist/) while the session comes from
 * another (source, or a second install). Values that cross between them are recognised by a
 * registered-symbol brand, never by `instanceof`.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isWampResult, WampResult } from '../../../runtime/index.js';
import { createInMemoryPair } from '../../../runtime/testing/index.js';

const root = new URL('../../../', import.meta.url).pathname;
const copyDir = join(root, 'tmp', `second-copy-${process.pid}`);

/** Loads a second, separate instance of the WampResult module, as another package copy would. */
async function secondCopy(): Promise<typeof import('../../../runtime/session/wamp-result.js')> {
  mkdirSync(copyDir, { recursive: true });
  const file = join(copyDir, 'wamp-result.ts');
  copyFileSync(join(root, 'runtime/session/wamp-result.ts'), file);
  return import(pathToFileURL(file).href);
}

afterAll(() => rmSync(copyDir, { recursive: true, force: true }));

describe('WampResult from another copy of the package', () => {
  it('is a different class, yet recognised by the brand', async () => {
    const other = await secondCopy();
    const value = new other.WampResult(['a'], { k: 1 });
    expect(other.WampResult).not.toBe(WampResult);
    expect(value instanceof WampResult).toBe(false);
    expect(isWampResult(value)).toBe(true);
    expect(isWampResult({ args: [], kwargs: {} })).toBe(false);
  });

  it('sets Arguments and ArgumentsKw when a callee returns it', async () => {
    const other = await secondCopy();
    const { caller, callee, close } = await createInMemoryPair();
    try {
      await callee.register('com.example.pair', () => new other.WampResult(['left', 'right'], { size: 2 }));
      const result = await caller.call('com.example.pair');
      expect(result.args).toEqual(['left', 'right']);
      expect(result.kwargs).toEqual({ size: 2 });
    } finally {
      await close();
    }
  });
});
