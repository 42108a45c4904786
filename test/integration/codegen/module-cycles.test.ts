import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleCycles } from '../../../codegen/emit/module-cycles.js';
import type { ContractFile, ContractModel, TypeNode } from '../../../codegen/model/contract-model.js';
import type { Session } from '../../../runtime/session/session.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import {
  CatalogCallee,
  CatalogClient,
  CatalogEventsClient,
  type Labels,
  type Tag,
} from '../../golden/default/out/cycle-a.js';
import {
  FullError,
  type Label,
  type Shelf,
  StoreCallee,
  StoreClient,
} from '../../golden/default/out/cycle-b.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('../../fixtures/module-cycles/load-first.ts', import.meta.url));

// A fresh Node process per entry module: within one process a module graph is evaluated only once.
function loadFirst(entry: string): Record<string, unknown> {
  const output = execFileSync(
    process.execPath,
    ['--conditions=wamp-contracts-source', '--import', 'tsx', script, entry],
    {
      cwd: repo,
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as Record<string, unknown>;
}

describe('generated modules that import each other', () => {
  it.each(['cycle-a', 'cycle-b'])(
    'load when %s is imported first (its partner evaluates before it)',
    (entry) => {
      expect(loadFirst(entry)).toEqual({
        first: entry,
        exports: expect.any(Number),
        tag: true,
        badTag: false,
        labels: true,
        shelf: true,
        missingPayload: true,
        labelArgs: true,
        labelResult: true,
        shelveResult: false,
        labelErrors: ['com.example.cycle.full'],
        putErrors: ['com.example.cycle.missing'],
        topic: true,
      });
    },
  );

  describe('through the router', () => {
    let router: TestRouter;
    let callee: Session;
    let caller: Session;

    class Catalog extends CatalogCallee {
      label(tag: Tag): Label {
        if (tag.name === 'full') throw new FullError({ capacity: 3 });
        return tag.label ?? { text: tag.name };
      }
      shelve(labels: Labels): Shelf {
        return { tags: labels.map((label) => ({ name: label.text, label })) };
      }
    }

    class Store extends StoreCallee {
      put(tag: Tag): Shelf {
        return { tags: [tag] };
      }
    }

    beforeAll(async () => {
      router = await startTestRouter();
      callee = await router.connect();
      caller = await router.connect();
      await new Catalog().register(callee);
      await new Store().register(callee);
    });

    afterAll(async () => {
      await caller?.leave();
      await callee?.leave();
      await router?.close();
    });

    it('round-trips values whose types live in both modules', async () => {
      const catalog = new CatalogClient(caller);
      expect(await catalog.rpc.label({ name: 'glass', label: { text: 'fragile' } })).toEqual({
        text: 'fragile',
      });
      expect(await catalog.rpc.shelve([{ text: 'a' }])).toEqual({
        tags: [{ name: 'a', label: { text: 'a' } }],
      });
      expect(await new StoreClient(caller).rpc.put({ name: 'box' })).toEqual({ tags: [{ name: 'box' }] });
    });

    it('delivers an error declared in the other module as its class', async () => {
      const error = await new CatalogClient(caller).rpc.label({ name: 'full' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FullError);
      expect((error as FullError).payload).toEqual({ capacity: 3 });
    });

    it('validates an event payload typed in the other module', async () => {
      let handler!: (label: Label) => void;
      const received = new Promise<Label>((resolve) => {
        handler = resolve;
      });
      await new CatalogEventsClient(caller).subscribe.labelled((label) => handler(label));
      await new CatalogEventsClient(callee).publish.labelled({ text: 'new' }, { acknowledge: true });
      expect(await received).toEqual({ text: 'new' });
    });
  });
});

const ref = (file: string): TypeNode => ({ kind: 'ref', name: 'T', file, typeArgs: [] });
const file = (path: string, refs: string[]): ContractFile => ({
  path,
  types: refs.map((target, i) => ({
    name: `T${i}`,
    typeParams: [],
    type: { kind: 'array', element: ref(target) },
    recursive: false,
    location: { file: path, line: 1, column: 1 },
  })),
  errors: [],
  services: [],
  topics: [],
});

describe('moduleCycles', () => {
  it('groups exactly the files of each import cycle', () => {
    // a -> b -> c -> a is a cycle; d imports into it; e stands alone.
    const model = {
      files: [
        file('a.ts', ['b.ts']),
        file('b.ts', ['c.ts']),
        file('c.ts', ['a.ts']),
        file('d.ts', ['a.ts']),
        file('e.ts', []),
      ],
    } as unknown as ContractModel;
    const cycles = moduleCycles(model);
    expect(new Set([cycles.get('a.ts'), cycles.get('b.ts'), cycles.get('c.ts')])).toEqual(new Set(['a.ts']));
    expect(cycles.get('d.ts')).toBe('d.ts');
    expect(cycles.get('e.ts')).toBe('e.ts');
  });
});
