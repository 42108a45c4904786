/**
 * URI templates over the embedded router and real WebSocket connections: generated clients fill the
 * components into concrete URIs, the callee answers a whole procedure family from one wildcard
 * registration, and wildcard subscribers get the components the router names in EVENT.Details.topic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID_URI_COMPONENT } from '../../../runtime/contracts/index.js';
import type { WampMessage } from '../../../runtime/protocol/messages.js';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, type WampError } from '../../../runtime/protocol/wamp-error.js';
import type { Session } from '../../../runtime/session/session.js';
import type { EventContext, InvocationContext } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';
import { until } from '../../helpers/timing.js';
import {
  type ChatMessage,
  ChatRoomsClient,
  type Region,
  type Room,
  type RoomId,
  RoomsCallee,
  RoomsClient,
} from '../../golden/default/out/uri-templates.js';

class RoomsImpl extends RoomsCallee {
  readonly calls: unknown[][] = [];

  getRoom(roomId: RoomId, includeMembers: boolean | undefined, context: InvocationContext): Room {
    this.calls.push(['getRoom', roomId, includeMembers, context.procedure]);
    return includeMembers
      ? { id: roomId, title: `Room ${roomId}`, members: ['ann'] }
      : { id: roomId, title: `Room ${roomId}` };
  }

  renameRoom(region: Region, roomId: RoomId, title: string): Room {
    this.calls.push(['renameRoom', region, roomId, title]);
    return { id: roomId, title: `${region}:${title}` };
  }

  updateSettings(roomId: RoomId, settings: { muted?: boolean; slowMode?: number }): void {
    this.calls.push(['updateSettings', roomId, settings]);
  }

  count(): number {
    return 7;
  }
}

async function rejection(run: () => Promise<unknown>): Promise<WampError> {
  try {
    await run();
  } catch (error) {
    if (isWampError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const room = (id: string) => id as RoomId;

describe('procedure families (URI templates) over the embedded router', () => {
  let router: TestRouter;
  let calleeSession: Session;
  let callerSession: Session;
  let impl: RoomsImpl;
  let rooms: RoomsClient;
  const sent: WampMessage[] = [];

  beforeAll(async () => {
    router = await startTestRouter();
    calleeSession = await router.connect();
    callerSession = await router.connect({
      serializer: 'msgpack',
      onMessage: (direction, message) => {
        if (direction === 'out') sent.push(message);
      },
    });
    impl = new RoomsImpl();
    await impl.register(calleeSession);
    rooms = new RoomsClient(callerSession);
  });

  afterAll(async () => {
    await callerSession?.leave();
    await calleeSession?.leave();
    await router?.close();
  });

  it('calls the concrete URI of the component and passes the component to the callee first', async () => {
    expect(await rooms.rpc.getRoom(room('r42'), true)).toEqual({
      id: 'r42',
      title: 'Room r42',
      members: ['ann'],
    });
    expect(impl.calls.at(-1)).toEqual(['getRoom', 'r42', true, 'com.example.room.r42.get']);
  });

  it('registers each family once, as a wildcard, and plain procedures exactly', () => {
    // The registrations the callee made, through its session's public view.
    const uris = [
      'com.example.room..get',
      'com.example.room...rename',
      'com.example.room..settings',
      'com.example.room.count',
    ];
    return Promise.all(
      uris.map(async (uri) => {
        const match = uri.includes('..') ? 'wildcard' : 'exact';
        const id = await callerSession.call('wamp.registration.lookup', [uri, { match }]);
        expect(id.args[0]).toEqual(expect.any(Number));
      }),
    );
  });

  it('fills several components in template order', async () => {
    expect(await rooms.rpc.renameRoom('eu', room('r1'), 'Lobby')).toEqual({ id: 'r1', title: 'eu:Lobby' });
    expect(impl.calls.at(-1)).toEqual(['renameRoom', 'eu', 'r1', 'Lobby']);
  });

  it('sends @kwargs after the component as ArgumentsKw', async () => {
    await rooms.rpc.updateSettings(room('r9'), { muted: true });
    expect(impl.calls.at(-1)).toEqual(['updateSettings', 'r9', { muted: true }]);
    expect(await rooms.rpc.count()).toBe(7);
  });

  it.each([
    ['a dot', 'a.b'],
    ['an empty string', ''],
    ['whitespace', 'a b'],
    ['a hash', 'a#b'],
  ])('refuses a component with %s locally, before anything is sent', async (_label, value) => {
    const before = sent.length;
    const error = await rejection(() => rooms.rpc.getRoom(room(value)));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.kwargs.issues).toEqual([
      expect.objectContaining({ code: INVALID_URI_COMPONENT, path: ['roomId'] }),
    ]);
    expect(String(error.args[0])).toContain('com.example.room.{roomId}.get');
    expect(sent.length).toBe(before);
  });

  it('refuses a component that breaks its declared type locally (a region outside the union)', async () => {
    const before = sent.length;
    const error = await rejection(() => rooms.rpc.renameRoom('mars' as Region, room('r1'), 'x'));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(String(error.args[0])).toContain('component region');
    expect(sent.length).toBe(before);
  });

  it('answers a call whose URI component breaks the contract with invalid_argument, without running the method', async () => {
    const before = impl.calls.length;
    const error = await rejection(() => callerSession.call('com.example.room.mars.r1.rename', ['x']));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(String(error.args[0])).toContain('component region');
    expect(impl.calls.length).toBe(before);
  });

  it('serves a plain peer that calls a concrete URI directly', async () => {
    const result = await callerSession.call('com.example.room.abc.get', []);
    expect(result.args[0]).toEqual({ id: 'abc', title: 'Room abc' });
  });
});

describe('topic families (URI templates) over the embedded router', () => {
  let router: TestRouter;
  let publisherSession: Session;
  let subscriberSession: Session;

  beforeAll(async () => {
    router = await startTestRouter();
    publisherSession = await router.connect({ serializer: 'cbor' });
    subscriberSession = await router.connect();
  });

  afterAll(async () => {
    await publisherSession?.leave();
    await subscriberSession?.leave();
    await router?.close();
  });

  it('delivers an exact room subscription only its own room, with the components', async () => {
    const got: [ChatMessage, { roomId: RoomId }, string][] = [];
    const chat = new ChatRoomsClient(subscriberSession);
    await using _sub = await chat.subscribe.message(
      room('r1'),
      (m, c, ctx) => void got.push([m, c, ctx.topic]),
    );
    const publisher = new ChatRoomsClient(publisherSession);
    await publisher.publish.message(room('r2'), { text: 'elsewhere', author: 'bo' }, { acknowledge: true });
    await publisher.publish.message(room('r1'), { text: 'hi', author: 'ann' }, { acknowledge: true });
    await until(() => got.length > 0);
    expect(got).toEqual([
      [{ text: 'hi', author: 'ann' }, { roomId: 'r1' }, 'com.example.chat.room.r1.message'],
    ]);
  });

  it('delivers every room to subscribeAll, with the room parsed from EVENT.Details.topic', async () => {
    const got: unknown[] = [];
    const chat = new ChatRoomsClient(subscriberSession);
    const sub = await chat.subscribeAll.message((m, c) => void got.push([c.roomId, m.text]));
    const publisher = new ChatRoomsClient(publisherSession);
    await publisher.publish.message(room('a'), { text: '1', author: 'x' }, { acknowledge: true });
    await publisher.publish.message(room('b'), { text: '2', author: 'x' }, { acknowledge: true });
    await until(() => got.length === 2);
    expect(got).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    await sub.unsubscribe();
  });

  it('parses several components and numeric components', async () => {
    const presence: unknown[] = [];
    const tickets: unknown[] = [];
    const chat = new ChatRoomsClient(subscriberSession);
    await chat.subscribeAll.presence((p, c) => void presence.push([c.region, c.roomId, p.user, p.online]));
    await chat.subscribeAll.ticketUpdated((p, c) => void tickets.push([c.ticketId, p]));
    const publisher = new ChatRoomsClient(publisherSession);
    await publisher.publish.presence('us', room('r7'), { user: 'ann', online: true }, { acknowledge: true });
    await publisher.publish.ticketUpdated(12, 'closed', { acknowledge: true });
    await until(() => presence.length === 1 && tickets.length === 1);
    expect(presence).toEqual([['us', 'r7', 'ann', true]]);
    // A number component arrives as a number, not as its text.
    expect(tickets).toEqual([[12, 'closed']]);
  });

  it('refuses invalid components locally when publishing, before anything is sent', () => {
    const publisher = new ChatRoomsClient(publisherSession);
    for (const run of [
      () => publisher.publish.message(room('a.b'), { text: 'x', author: 'y' }),
      () => publisher.publish.ticketUpdated(1.5, 'x'),
      () => publisher.publish.ticketUpdated(0, 'x'),
      () => publisher.publish.presence('mars' as Region, room('r'), { user: 'u', online: true }),
    ]) {
      let caught: unknown;
      try {
        void run();
      } catch (error) {
        caught = error;
      }
      expect(isWampError(caught) && caught.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    }
  });

  it('reports an event whose topic breaks the component types to onEventError, never to the handler', async () => {
    const handled: unknown[] = [];
    const errors: [unknown, EventContext, string][] = [];
    const chat = new ChatRoomsClient(subscriberSession, {
      onEventError: (error, context, kind) => void errors.push([error, context, kind]),
    });
    await chat.subscribeAll.ticketUpdated((p) => void handled.push(p));
    // A plain peer publishes under the family with a component that is not an integer.
    await publisherSession.publish('com.example.chat.ticket.abc.updated', ['x'], undefined, {
      acknowledge: true,
    });
    await publisherSession.publish('com.example.chat.ticket.0.updated', ['x'], undefined, {
      acknowledge: true,
    });
    await until(() => errors.length === 2);
    expect(handled).toEqual([]);
    expect(errors.map(([e, , kind]) => [isWampError(e) && e.uri, kind])).toEqual([
      [ErrorUri.INVALID_ARGUMENT, 'invalid'],
      [ErrorUri.INVALID_ARGUMENT, 'invalid'],
    ]);
    expect(chat.stats.invalidEvents).toBe(2);
  });

  it('rejects an exact subscription to an invalid component without subscribing', async () => {
    const chat = new ChatRoomsClient(subscriberSession);
    const error = await rejection(() => chat.subscribe.message(room(''), () => {}));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
  });
});
