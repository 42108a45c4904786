/**
 * The wire rule for what a contract does not declare, over real WebSocket connections in each
 * serializer: a callee refuses unknown ArgumentsKw keys and unknown object properties at any depth
 * with `invalid_argument`, as it refuses extra positional arguments; our client sends only declared
 * properties, so it never trips that; a caller reads results tolerantly (unknown keys dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractCallee,
  ContractClient,
  isoDate,
  type ServiceContract,
  z,
} from '../../../runtime/contracts/index.js';
import { InvalidArgumentError } from '../../../runtime/index.js';
import type { SerializerName } from '../../../runtime/serializers/types.js';
import type { Session } from '../../../runtime/session/session.js';
import type { CallOptions, SessionApi } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

const ContactSchema = z.object({ email: z.string(), since: z.exactOptional(isoDate()) });
const CustomerSchema = z.object({
  name: z.string(),
  contact: ContactSchema,
  tags: z.record(z.string(), z.number()).exactOptional(),
});
type Customer = z.output<typeof CustomerSchema>;

// As `gen` writes it for `save(customer: Customer): string`, `rename(kw: { id: string; name: string })`
// (kwargs) and `load(id: string): { name: string }`.
const CrmContract = {
  name: 'Crm',
  prefix: 'com.example.crm',
  procedures: [
    {
      name: 'save',
      uri: 'com.example.crm.save',
      params: 1,
      kwargs: false,
      args: z.tuple([CustomerSchema]),
      result: z.string(),
      codec: true,
    },
    {
      name: 'rename',
      uri: 'com.example.crm.rename',
      params: 1,
      kwargs: true,
      args: z.object({ id: z.string(), name: z.string() }),
      result: z.string(),
      codec: false,
    },
    {
      name: 'load',
      uri: 'com.example.crm.load',
      params: 1,
      kwargs: false,
      args: z.tuple([z.string()]),
      result: z.object({ name: z.string() }),
      codec: false,
    },
  ],
} as const satisfies ServiceContract;

interface CrmRpc {
  save(customer: Customer, options?: CallOptions): Promise<string>;
  rename(kw: { id: string; name: string }, options?: CallOptions): Promise<string>;
  load(id: string, options?: CallOptions): Promise<{ name: string }>;
}

class CrmClient extends ContractClient<CrmRpc> {
  constructor(session: SessionApi) {
    super(session, CrmContract);
  }
}

class Crm extends ContractCallee {
  readonly seen: unknown[] = [];
  constructor() {
    super(CrmContract);
  }
  save(customer: Customer): string {
    this.seen.push(customer);
    return customer.name;
  }
  rename(kw: { id: string; name: string }): string {
    this.seen.push(kw);
    return `${kw.id}:${kw.name}`;
  }
  load(id: string): { name: string } {
    return { name: id };
  }
}

async function refusal(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => {
      throw new Error('expected invalid_argument');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

let testRouter: TestRouter;
beforeAll(async () => {
  testRouter = await startTestRouter();
});
afterAll(() => testRouter.close());

describe.each(['json', 'msgpack', 'cbor'] satisfies SerializerName[])(
  'unknown keys over %s',
  (serializer) => {
    let caller: Session;
    let calleeSession: Session;
    const crm = new Crm();
    beforeAll(async () => {
      caller = await testRouter.connect({ serializer });
      calleeSession = await testRouter.connect({ serializer });
      await crm.register(calleeSession);
    });
    afterAll(async () => {
      await crm.unregister();
      await caller.leave();
      await calleeSession.leave();
    });

    it('refuses an unknown ArgumentsKw key, as it refuses an extra positional argument', async () => {
      const kw = await refusal(
        caller.call('com.example.crm.rename', [], { id: 'c1', name: 'Ada', color: 'red' }),
      );
      expect(kw.issues).toEqual([
        expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['color'] }),
      ]);
      expect(kw.message).toContain('arguments of com.example.crm.rename');
      const positional = await refusal(caller.call('com.example.crm.load', ['c1', 'extra']));
      expect(positional.issues?.[0]?.code).toBe('too_big');
    });

    it('refuses an unknown property of a nested object, naming its path', async () => {
      const customer = { name: 'Ada', contact: { email: 'ada@example.com', fax: '123' } };
      const error = await refusal(caller.call('com.example.crm.save', [customer]));
      expect(error.issues).toEqual([
        expect.objectContaining({ code: 'unrecognized_keys', path: [0, 'contact'], keys: ['fax'] }),
      ]);
    });

    it('accepts what the contract declares: codecs, records with any keys, optional properties', async () => {
      const customer = {
        name: 'Ada',
        contact: { email: 'ada@example.com', since: '2024-01-02T03:04:05.000Z' },
        tags: { vip: 1, anyKeyAtAll: 2 },
      };
      expect((await caller.call('com.example.crm.save', [customer])).args).toEqual(['Ada']);
      expect((await caller.call('com.example.crm.rename', [], { id: 'c1', name: 'Ada' })).args).toEqual([
        'c1:Ada',
      ]);
    });

    it('lets our client send a wider object: only declared properties go on the wire', async () => {
      const wide = { name: 'Bo', contact: { email: 'bo@example.com', fax: '9' }, internal: true };
      await expect(new CrmClient(caller).rpc.save(wide)).resolves.toBe('Bo');
      expect(crm.seen.at(-1)).toEqual({ name: 'Bo', contact: { email: 'bo@example.com' } });
    });

    it('reads a result with unknown keys tolerantly (dropped), as extra result Arguments are ignored', async () => {
      // The same contract mounted under another prefix, answered by a newer callee with one more key.
      const prefix = `com.example.crm.newer.${serializer}`;
      const reg = await calleeSession.register(`${prefix}.load`, () => ({ name: 'Cy', addedLater: 1 }));
      try {
        const client = new (class extends ContractClient<CrmRpc> {
          constructor(session: SessionApi) {
            super(session, CrmContract, { prefix });
          }
        })(caller);
        await expect(client.rpc.load('c9')).resolves.toEqual({ name: 'Cy' });
      } finally {
        await reg.unregister();
      }
    });
  },
);
