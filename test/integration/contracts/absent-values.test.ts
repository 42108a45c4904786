/**
 * The wire rule for absent values (runtime/contracts/absent-values.ts), over real WebSocket
 * connections in each serializer: a skipped middle parameter travels as null and reaches the
 * callee as undefined, from our typed client and from a plain peer that sends null (what
 * autobahn-python sends for None); a result of `undefined` travels as no Arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  ContractCallee,
  ContractClient,
  type ServiceContract,
  z,
} from '../../../runtime/contracts/index.js';
import { MessageType } from '../../../runtime/protocol/index.js';
import type { SerializerName } from '../../../runtime/serializers/types.js';
import type { Session } from '../../../runtime/session/session.js';
import type { CallResult, SessionApi } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';

// As `gen` writes it for:
//   history(room: string, limit?: number, cursor?: string): string | undefined;
//   page(room: string, limit?: number | null, cursor?: string): string;
//   nothing(): undefined;
const ChatContract = {
  name: 'Chat',
  prefix: 'com.example.chat',
  procedures: [
    {
      name: 'history',
      uri: 'com.example.chat.history',
      params: 3,
      kwargs: false,
      args: z.tuple([z.string(), z.number().optional(), z.string().optional()]),
      result: z.string().optional(),
      codec: false,
    },
    {
      name: 'page',
      uri: 'com.example.chat.page',
      params: 3,
      kwargs: false,
      args: z.tuple([z.string(), z.number().nullable().optional(), z.string().optional()]),
      result: z.string(),
      codec: false,
    },
    {
      name: 'profile',
      uri: 'com.example.chat.profile',
      params: 1,
      kwargs: false,
      args: z.tuple([z.object({ name: z.string(), phone: z.string().exactOptional() })]),
      result: z.object({ name: z.string(), nick: z.string().exactOptional() }),
      codec: false,
    },
    {
      name: 'nothing',
      uri: 'com.example.chat.nothing',
      params: 0,
      kwargs: false,
      args: z.tuple([]),
      result: z.undefined(),
      codec: false,
    },
  ],
} as const satisfies ServiceContract;

interface ChatRpc {
  history(room: string, limit?: number, cursor?: string): Promise<string | undefined>;
  page(room: string, limit?: number | null, cursor?: string): Promise<string>;
  profile(p: { name: string; phone?: string }): Promise<{ name: string; nick?: string }>;
  nothing(): Promise<undefined>;
}

class ChatClient extends ContractClient<ChatRpc> {
  constructor(session: SessionApi, options: ClientOptions = {}) {
    super(session, ChatContract, options);
  }
}

/** What the callee's methods received, as [method, ...params] (the context left out). */
const received: unknown[][] = [];

class Chat extends ContractCallee {
  constructor() {
    super(ChatContract);
  }
  history(room: string, limit?: number, cursor?: string): string | undefined {
    received.push(['history', room, limit, cursor]);
    return room === 'empty' ? undefined : `${room}:${limit}:${cursor}`;
  }
  page(room: string, limit?: number | null, cursor?: string): string {
    received.push(['page', room, limit, cursor]);
    return `${room}:${limit}:${cursor}`;
  }
  profile(p: { name: string; phone?: string }): { name: string; nick?: string } {
    received.push(['profile', 'phone' in p]);
    // Explicit undefined in a result, as code compiled without exactOptionalPropertyTypes may write.
    return { name: p.name, nick: undefined } as unknown as { name: string; nick?: string };
  }
  nothing(): undefined {
    received.push(['nothing']);
    return undefined;
  }
}

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(async () => {
  await router.close();
});

describe.each<SerializerName>(['json', 'msgpack', 'cbor'])('absent values over %s', (serializer) => {
  let callee: Session;
  let caller: Session;
  let client: ChatClient;

  beforeAll(async () => {
    callee = await router.connect({ serializer });
    caller = await router.connect({ serializer });
    await new Chat().register(callee);
    client = new ChatClient(caller);
  });
  afterAll(async () => {
    await caller.leave();
    await callee.leave();
  });

  it('gives the callee undefined for a skipped middle parameter from the typed client', async () => {
    received.length = 0;
    await expect(client.rpc.history('general', undefined, '1')).resolves.toBe('general:undefined:1');
    expect(received).toEqual([['history', 'general', undefined, '1']]);
  });

  it('sends the skipped parameter as null on the wire', async () => {
    const seen: unknown[] = [];
    const hooked = await router.connect({
      serializer,
      onMessage: (direction, message) => {
        if (direction === 'out' && message[0] === MessageType.CALL) seen.push(message[4]);
      },
    });
    await new ChatClient(hooked).rpc.history('general', undefined, '1');
    await hooked.leave();
    expect(seen).toEqual([['general', null, '1']]);
  });

  it('reads a null a plain peer sends for an optional parameter as undefined', async () => {
    received.length = 0;
    const result: CallResult = await caller.call('com.example.chat.history', ['general', null, '1']);
    expect(result.args).toEqual(['general:undefined:1']);
    expect(received).toEqual([['history', 'general', undefined, '1']]);
  });

  it('keeps null where the parameter itself accepts null', async () => {
    received.length = 0;
    await expect(client.rpc.page('general', null, '1')).resolves.toBe('general:null:1');
    await caller.call('com.example.chat.page', ['general', null, '2']);
    expect(received).toEqual([
      ['page', 'general', null, '1'],
      ['page', 'general', null, '2'],
    ]);
  });

  it('sends an undefined result as no Arguments and the typed client reads it as undefined', async () => {
    await expect(client.rpc.history('empty')).resolves.toBeUndefined();
    await expect(client.rpc.nothing()).resolves.toBeUndefined();
    const raw = await caller.call('com.example.chat.nothing');
    expect(raw.args).toEqual([]);
  });

  it('reads an explicit undefined optional property as absent, in arguments and in results', async () => {
    received.length = 0;
    const person = { name: 'ada', phone: undefined } as unknown as { name: string; phone?: string };
    await expect(client.rpc.profile(person)).resolves.toEqual({ name: 'ada' });
    expect(received).toEqual([['profile', false]]);
  });
});
