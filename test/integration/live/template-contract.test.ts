/**
 * `checkContract()` of a client whose procedure has a URI template (`@uri ...{roomId}...`), over
 * real sockets through the embedded router: template skew is reported with the URI template rules
 * of `diff` (WCD140–WCD143), and each finding matches what the calls then do.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContractModel,
  ProcedureModel,
  UriTemplateModel,
} from '../../../runtime/contract-model/index.js';
import {
  ContractCallee,
  ContractClient,
  ContractSkewError,
  type ProcedureContract,
  type ServiceContract,
} from '../../../runtime/contracts/index.js';
import * as z from '../../../runtime/contracts/validators.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { contractModel } from '../../../schemas/generated/_contract-model.js';
import {
  type ChatMessage,
  ChatRoomsClient,
  ChatRoomsContract,
  type ChatRoomsRpc,
} from '../../../schemas/generated/chat.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;
let registered: ContractCallee | undefined;

const HISTORY = ChatRoomsContract.procedures[0];

/** The generated model with ChatRooms.history's model edited. */
function modelWith(edit: (p: ProcedureModel) => ProcedureModel): ContractModel {
  return {
    ...contractModel,
    files: contractModel.files.map((f) => ({
      ...f,
      services: f.services.map((s) =>
        s.name === 'ChatRooms' ? { ...s, procedures: s.procedures.map(edit) } : s,
      ),
    })),
  };
}

/** A template's model for `template` (components as in the generated one, by name). */
function templateOf(p: ProcedureModel, template: string): UriTemplateModel {
  const segments = template
    .split('.')
    .map((s) => (s.startsWith('{') ? { component: s.slice(1, -1) } : { literal: s }));
  return { ...p.uriTemplate!, template, segments };
}

/** A ChatRooms contract whose history procedure and model are both edited (what another build would generate). */
function contractWith(
  procedure: { [K in keyof ProcedureContract]?: ProcedureContract[K] | undefined },
  edit: (p: ProcedureModel) => ProcedureModel,
) {
  const model = modelWith(edit);
  return {
    ...ChatRoomsContract,
    procedures: [{ ...HISTORY, ...procedure }],
    model: async () => model,
  } as ServiceContract;
}

/** A ChatRooms callee built from `contract`, answering every room with no messages. */
async function serve(contract: ServiceContract = ChatRoomsContract) {
  class Rooms extends ContractCallee {
    constructor() {
      super(contract);
    }
    history(): ChatMessage[] {
      return [];
    }
  }
  const impl = new Rooms();
  await impl.register(service, { serveContract: true });
  registered = impl;
}

/** A ChatRooms client built from `contract`. */
function clientOf(contract: ServiceContract, options = {}) {
  class Client extends ContractClient<ChatRoomsRpc> {
    constructor() {
      super(client, contract, options);
    }
  }
  return new Client();
}

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
});

afterEach(async () => {
  await (registered as { unregister?: () => Promise<void> } | undefined)?.unregister?.();
  registered = undefined;
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('checkContract with URI templates', () => {
  it('is compatible with equal fingerprints for the same generated template', async () => {
    await serve();
    const check = await new ChatRoomsClient(client).checkContract();
    expect(check).toMatchObject({ status: 'compatible', findings: [] });
    expect(check.liveFingerprint).toBe(check.fingerprint);
  });

  it('reports a component the callee narrowed as WCD142, and the callee does refuse those URIs', async () => {
    // The callee's roomId is now 'general' | 'random'; the client still sends any RoomId.
    const narrowed = contractWith(
      { components: [{ name: 'roomId', schema: z.enum(['general', 'random']) }] },
      (p) => ({
        ...p,
        uriTemplate: {
          ...p.uriTemplate!,
          components: [
            {
              name: 'roomId',
              numeric: false,
              type: {
                kind: 'union',
                members: [
                  { kind: 'literal', value: 'general' },
                  { kind: 'literal', value: 'random' },
                ],
              },
            },
          ],
        },
      }),
    );
    await serve(narrowed);
    const rooms = new ChatRoomsClient(client);
    const check = await rooms.checkContract();
    expect(check.status).toBe('incompatible');
    expect(check.findings.map((f) => `${f.rule} ${f.category} ${f.subject}`)).toEqual([
      'WCD142 WIRE_CONSUMER com.example.chat.room.{roomId}.history uri[4]',
    ]);
    expect(check.findings[0]!.message).toContain('component {roomId}');
    // What the finding predicts: a room outside the new type is refused, one inside still works.
    await expect(rooms.rpc.history('offtopic' as never, 5)).rejects.toMatchObject({
      uri: 'wamp.error.invalid_argument',
    });
    await expect(rooms.rpc.history('general' as never, 5)).resolves.toEqual([]);
  });

  it("reports a moved template as WCD141, and 'throw' stops the calls before they are sent", async () => {
    await serve();
    // A client built when the family lived under com.example.chat.rooms.{roomId}.history.
    const old = contractWith({ uri: 'com.example.chat.rooms.{roomId}.history' }, (p) => ({
      ...p,
      uri: 'com.example.chat.rooms.{roomId}.history',
      uriTemplate: templateOf(p, 'com.example.chat.rooms.{roomId}.history'),
    }));
    const check = await clientOf(old).checkContract();
    expect(check.findings.map((f) => `${f.rule} ${f.category} ${f.subject}`)).toEqual([
      'WCD141 WIRE_CONSUMER com.example.chat.room.{roomId}.history uri[3]',
    ]);
    expect(check.findings[0]!.message).toContain('fixed text "rooms" → "room"');
    // Without the check the call fails on the router; with it, it fails with the finding first.
    await expect(clientOf(old).rpc.history('general' as never)).rejects.toMatchObject({
      uri: 'wamp.error.no_such_procedure',
    });
    const error = await clientOf(old, { checkContract: 'throw' })
      .rpc.history('general' as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSkewError);
    expect((error as ContractSkewError).check.findings[0]!.rule).toBe('WCD141');
  });

  it('accepts a client built when the procedure had a fixed URI that the template still matches', async () => {
    await serve();
    // Before the template: one fixed URI for the general room. The callee's wildcard still routes it.
    const fixed = contractWith(
      { uri: 'com.example.chat.room.general.history', components: undefined },
      ({ uriTemplate: _, ...p }) => ({ ...p, uri: 'com.example.chat.room.general.history' }),
    );
    const old = clientOf(fixed);
    const check = await old.checkContract();
    // WCD140 breaks only old callees (new callers reach any room): not this client's concern.
    expect(check).toMatchObject({ status: 'compatible', findings: [] });
    await expect((old.rpc.history as unknown as (limit: number) => Promise<unknown>)(3)).resolves.toEqual([]);
  });
});
