/**
 * `checkContract()` of generated topics clients, over real sockets through the embedded router. A
 * topics interface's live contract is the one served at `<prefix>._contract` by the service of the
 * same file and prefix (ChatRooms serves ChatEvents). Each reported skew is shown to be real: the
 * event it predicts is dropped by the subscriber.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel, TopicModel } from '../../../runtime/contract-model/index.js';
import {
  type ContractCheck,
  ContractCallee,
  ContractSkewError,
  ContractTopicsClient,
  isoDate,
  type ServiceContract,
  type TopicsContract,
} from '../../../runtime/contracts/index.js';
import * as z from '../../../runtime/contracts/validators.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { contractModel } from '../../../schemas/generated/_contract-model.js';
import {
  type ChatEventsPublish,
  type ChatEventsSubscribe,
  type ChatEventsSubscribeAll,
  ChatEventsClient,
  ChatEventsContract,
  type ChatMessage,
  ChatRoomsContract,
  type RoomId,
} from '../../../schemas/generated/chat.js';
import { WeatherEventsClient } from '../../../schemas/generated/weather.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;
let registered: ContractCallee | undefined;

const general = 'general' as RoomId;
const hello: ChatMessage = { author: 'ada', text: 'hi', sentAt: new Date(0) };

/** The generated model with the `message` topic of ChatEvents edited. */
function modelWith(edit: (t: TopicModel) => TopicModel): ContractModel {
  return {
    ...contractModel,
    files: contractModel.files.map((f) => ({
      ...f,
      topics: f.topics.map((t) => (t.name === 'ChatEvents' ? { ...t, topics: t.topics.map(edit) } : t)),
    })),
  };
}

/** The message topic with its roomId component narrowed to 'general' | 'random'. */
const narrowedRoom = (t: TopicModel): TopicModel => ({
  ...t,
  uriTemplate: {
    ...t.uriTemplate!,
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
});
const NARROW_COMPONENTS = [{ name: 'roomId', schema: z.enum(['general', 'random']) }];

/** Serves ChatRooms (and with it the ChatEvents topics) from `model`, at `prefix`. */
async function serve(model: ContractModel = contractModel, prefix?: string) {
  const contract: ServiceContract = { ...ChatRoomsContract, model: async () => model };
  class Rooms extends ContractCallee {
    constructor() {
      super(contract);
    }
    history(): ChatMessage[] {
      return [];
    }
  }
  const impl = new Rooms();
  await impl.register(service, { serveContract: true, ...(prefix === undefined ? {} : { prefix }) });
  registered = impl;
}

/** A ChatEvents client built from `contract` (another build of the schema), on `session`. */
function eventsOf(contract: TopicsContract, session: Session, options = {}) {
  class Events extends ContractTopicsClient<ChatEventsPublish, ChatEventsSubscribe, ChatEventsSubscribeAll> {
    constructor() {
      super(session, contract, options);
    }
  }
  return new Events();
}

/** Resolves with the first event error (kind and error) of a client built with `onEventError: hook`. */
function firstEventError() {
  let hook!: (error: unknown, _context: unknown, kind: string) => void;
  const seen = new Promise<{ kind: string; error: unknown }>((resolve) => {
    hook = (error, _context, kind) => resolve({ kind, error });
  });
  return { hook, seen };
}

const keys = (check: ContractCheck) => check.findings.map((f) => `${f.rule} ${f.category} ${f.subject}`);

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
});

afterEach(async () => {
  await registered?.unregister();
  registered = undefined;
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('checkContract of a topics client', () => {
  it('is compatible with equal fingerprints for the same generated contract, in both roles', async () => {
    await serve();
    const events = new ChatEventsClient(client);
    const asSubscriber = await events.checkContract();
    expect(asSubscriber).toMatchObject({
      status: 'compatible',
      role: 'subscriber',
      service: 'ChatEvents',
      uri: 'com.example.chat._contract',
      findings: [],
    });
    expect(asSubscriber.liveFingerprint).toBe(asSubscriber.fingerprint);
    const asPublisher = await events.checkContract({ role: 'publisher' });
    expect(asPublisher).toMatchObject({ status: 'compatible', role: 'publisher', findings: [] });
  });

  it('says not-served when nothing serves a contract at the prefix', async () => {
    const check = await new ChatEventsClient(client).checkContract();
    expect(check).toMatchObject({ status: 'not-served', findings: [] });
    expect(check.liveFingerprint).toBeUndefined();
  });

  it('says not-served when the contract served at the prefix does not carry these topics', async () => {
    await serve();
    // WeatherEvents mounted where ChatRooms serves: that contract says nothing about WeatherEvents.
    const check = await new WeatherEventsClient(client, { prefix: 'com.example.chat' }).checkContract();
    expect(check.status).toBe('not-served');
    expect(check.liveFingerprint).toMatch(/^sha256:/);
  });

  it('checks under a mounted prefix, templates included', async () => {
    await serve(contractModel, 'com.example.tenant');
    const check = await new ChatEventsClient(client, { prefix: 'com.example.tenant' }).checkContract();
    expect(check).toMatchObject({ status: 'compatible', uri: 'com.example.tenant._contract' });
    expect(check.liveFingerprint).toBe(check.fingerprint);
  });

  it('reports, as subscriber, a payload the live publishers do not send, and that event is dropped', async () => {
    await serve();
    // An old subscriber whose messages had a required `room` the live contract's messages do not have.
    const model: ContractModel = {
      ...contractModel,
      files: contractModel.files.map((f) => ({
        ...f,
        types: f.types.map((t) =>
          t.name === 'ChatMessage' && t.type.kind === 'object'
            ? {
                ...t,
                type: {
                  ...t.type,
                  properties: [
                    ...t.type.properties,
                    { name: 'room', type: { kind: 'string' }, optional: false },
                  ],
                },
              }
            : t,
        ),
      })),
    };
    const oldPayload = z.object({
      author: z.string(),
      text: z.string(),
      sentAt: isoDate(),
      room: z.string(),
    });
    const old: TopicsContract = {
      ...ChatEventsContract,
      model: async () => model,
      topics: [{ ...ChatEventsContract.topics[0], payload: oldPayload }],
    };
    const { hook, seen } = firstEventError();
    const subscriber = eventsOf(old, client, { onEventError: hook });
    const check = await subscriber.checkContract();
    expect(check.status).toBe('incompatible');
    expect(keys(check)).toEqual(['WCD206 WIRE_CONSUMER com.example.chat.room.{roomId}.message event.room']);
    // What it predicts: a message from a publisher built from the live contract never reaches the handler.
    await subscriber.subscribe.message(general, () => expect.unreachable('an invalid event was delivered'));
    await new ChatEventsClient(service).publish.message(general, hello);
    expect((await seen).kind).toBe('invalid');
    expect(subscriber.stats.invalidEvents).toBe(1);
  });

  it('reports, as publisher, a component the live subscribers narrowed, and those events are dropped', async () => {
    await serve(modelWith(narrowedRoom));
    const events = new ChatEventsClient(client);
    const asPublisher = await events.checkContract({ role: 'publisher' });
    expect(asPublisher.status).toBe('incompatible');
    expect(keys(asPublisher)).toEqual(['WCD142 WIRE_PROVIDER com.example.chat.room.{roomId}.message uri[4]']);
    // As a subscriber the same client is fine: live publishers only send rooms it accepts.
    expect(await events.checkContract()).toMatchObject({ status: 'compatible', findings: [] });
    // What it predicts: a subscriber built from the live contract drops this client's other rooms.
    const narrow = {
      ...ChatEventsContract,
      topics: [{ ...ChatEventsContract.topics[0], components: NARROW_COMPONENTS }],
    };
    const { hook, seen } = firstEventError();
    const live = eventsOf(narrow, service, { onEventError: hook });
    await live.subscribeAll.message(() => expect.unreachable('an invalid event was delivered'));
    await events.publish.message('offtopic' as RoomId, hello);
    expect((await seen).kind).toBe('invalid');
    expect(live.stats.invalidEvents).toBe(1);
  });
});

describe("a topics client's checkContract option", () => {
  it("'throw' fails publications when the client is an incompatible publisher, while subscribing goes on", async () => {
    await serve(modelWith(narrowedRoom));
    const events = new ChatEventsClient(client, { checkContract: 'throw' });
    const error = await events.publish.message(general, hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSkewError);
    expect((error as ContractSkewError).check).toMatchObject({ role: 'publisher', status: 'incompatible' });
    // Every publication fails while incompatible; a subscription waits for its own (compatible) check.
    await expect(events.publish.message(general, hello)).rejects.toBeInstanceOf(ContractSkewError);
    const subscription = await events.subscribeAll.message(() => undefined);
    await subscription.unsubscribe();
  });

  it('checks and encodes a payload when publish is called, before the check settles', async () => {
    await serve();
    const events = new ChatEventsClient(client, { checkContract: 'throw' });
    // An invalid payload throws at once, as without the option.
    expect(() => events.publish.message(general, { ...hello, text: 42 } as never)).toThrow();
    // What is sent is the payload as it was when publish was called.
    let resolveReceived: (payload: unknown) => void = () => {};
    const received = new Promise<unknown>((resolve) => {
      resolveReceived = resolve;
    });
    const subscription = await eventsOf(ChatEventsContract, service).subscribeAll.message((payload) =>
      resolveReceived(payload),
    );
    const payload = { ...hello };
    const sent = events.publish.message(general, payload, { excludeMe: false });
    payload.text = 'changed after publish';
    await sent;
    expect(await received).toMatchObject({ text: hello.text });
    await subscription.unsubscribe();
  });

  it("'throw' fails subscriptions when the client is an incompatible subscriber", async () => {
    // The live publishers send rooms beyond the old subscriber's 'general' | 'random'.
    await serve();
    const old: TopicsContract = {
      ...ChatEventsContract,
      model: async () => modelWith(narrowedRoom),
      topics: [{ ...ChatEventsContract.topics[0], components: NARROW_COMPONENTS }],
    };
    const events = eventsOf(old, client, { checkContract: 'throw' });
    const error = await events.subscribeAll.message(() => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSkewError);
    expect((error as ContractSkewError).check.findings.map((f) => f.rule)).toEqual(['WCD142']);
  });

  it('a callback receives one check per role, once, and the operations go on', async () => {
    await serve();
    const checks: ContractCheck[] = [];
    const events = new ChatEventsClient(client, { checkContract: (check) => checks.push(check) });
    const a = await events.subscribe.message(general, () => undefined);
    const b = await events.subscribeAll.message(() => undefined);
    await events.publish.message(general, hello);
    await events.publish.message(general, hello);
    expect(checks.map((c) => `${c.role} ${c.status}`)).toEqual([
      'subscriber compatible',
      'publisher compatible',
    ]);
    await Promise.all([a.unsubscribe(), b.unsubscribe()]);
  });
});
